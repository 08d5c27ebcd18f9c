// `npm run db:migrate`: applies pending migrations to DATABASE_URL (default ./data/hisaab.sqlite).
import { createDb, migrateToLatest } from '../db/client'

const url = process.env.DATABASE_URL ?? './data/hisaab.sqlite'
const db = createDb(url)
try {
  const { results = [] } = await migrateToLatest(db)
  for (const r of results) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`)
  console.log(results.length === 0 ? `${url} is up to date.` : `${url}: ${results.length} migration(s) applied.`)
} finally {
  await db.destroy()
}
