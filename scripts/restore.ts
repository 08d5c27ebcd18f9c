/**
 * `npm run restore -- <backup folder> [--force]`: puts a backup (npm run backup) back into the
 * database named by DATABASE_URL and proves it against the backup's manifest: every table's rows
 * and checksum, the ledger root recomputed from its leaves, the latest signed checkpoint. A database
 * that already holds data is replaced only with --force (stop the portal first).
 *
 * Exit status: 0 restored and proven, 1 refused, failed or different, 2 usage.
 */
import { parseArgs } from 'node:util'
import { redactedUrl } from '../db/client'
import { env } from '../app/env.server'
import { restoreBackup, RestoreRefusedError } from '../app/backups/restore.server'

async function main(): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true, strict: true })
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run restore -- <backup folder> [--force]`)
    return 2
  }
  const [dir, ...rest] = parsed.positionals
  if (!dir || rest.length > 0) {
    console.error('usage: npm run restore -- <backup folder> [--force]')
    return 2
  }
  const url = env.DATABASE_URL
  try {
    const result = await restoreBackup(dir, url, { force: parsed.values.force })
    const rows = [['compared', 'backup', 'restored', ''], ...result.checks.map((c) => [c.what, c.source, c.target, c.ok ? 'same' : 'DIFFERENT'])]
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)))
    for (const row of rows) console.log(row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd())
    if (!result.ok) {
      console.error(`The restored database differs from the backup's manifest (lines marked DIFFERENT).${result.manifest.engine === 'sqlite' ? ` ${redactedUrl(url)} was left as it was.` : ''}`)
      return 1
    }
    const checkpoint = result.manifest.checkpoint ? `checkpoint ${result.manifest.checkpoint.size}, root ${result.manifest.checkpoint.rootHex}` : 'no checkpoint'
    console.log(`Restored ${dir} to ${redactedUrl(url)} and proven: ${checkpoint}, as the manifest says. Start the portal with the ledger signing key that signed it.`)
    return 0
  } catch (error) {
    if (error instanceof RestoreRefusedError) {
      console.error(error.message)
      return 1
    }
    throw error
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
