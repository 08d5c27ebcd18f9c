// `npm run db:migrate`: applies pending migrations to DATABASE_URL (default ./data/hisaab.sqlite).
import { assertReachable, createDb, DatabaseUnreachableError, migrateToLatest, redactedUrl } from '../db/client'

const url = process.env.DATABASE_URL ?? './data/hisaab.sqlite'
const db = createDb(url, { poolSize: 1 })
try {
  await assertReachable(db, url)
  const { results = [] } = await migrateToLatest(db)
  for (const r of results) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`)
  console.log(results.length === 0 ? `${redactedUrl(url)} is up to date.` : `${redactedUrl(url)}: ${results.length} migration(s) applied.`)
} catch (error) {
  if (!(error instanceof DatabaseUnreachableError)) throw error
  console.error(error.message)
  process.exitCode = 1
} finally {
  await db.destroy()
}
