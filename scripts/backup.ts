/**
 * `npm run backup -- <folder>`: an online, consistent copy of the database named by DATABASE_URL
 * into a new folder, with a manifest naming the checkpoint it holds (app/backups/backup.server.ts).
 * The portal may go on writing meanwhile. The signing key is not copied: keep it apart
 * (docs/deploy.md, Backups).
 *
 * Exit status: 0 taken, 1 refused or failed, 2 usage.
 */
import { assertReachable, createDb, DatabaseUnreachableError, redactedUrl } from '../db/client'
import { env } from '../app/env.server'
import { BackupRefusedError, takeBackup } from '../app/backups/backup.server'

async function main(): Promise<number> {
  const [dir, ...rest] = process.argv.slice(2)
  if (!dir || rest.length > 0) {
    console.error('usage: npm run backup -- <new folder>')
    return 2
  }
  const url = env.DATABASE_URL
  const db = createDb(url, { poolSize: 2 })
  try {
    await assertReachable(db, url)
    const started = performance.now()
    const manifest = await takeBackup(db, url, dir)
    const checkpoint = manifest.checkpoint ? `checkpoint ${manifest.checkpoint.size}, root ${manifest.checkpoint.rootHex}` : 'no checkpoint yet'
    console.log(`Backed up ${redactedUrl(url)} to ${dir}: ${manifest.file}, ${(manifest.bytes / 1e6).toFixed(1)} MB, ${checkpoint} (${((performance.now() - started) / 1000).toFixed(1)} s).`)
    return 0
  } catch (error) {
    if (error instanceof BackupRefusedError || error instanceof DatabaseUnreachableError) {
      console.error(error.message)
      return 1
    }
    throw error
  } finally {
    await db.destroy().catch(() => undefined)
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
