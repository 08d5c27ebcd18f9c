/**
 * `npm run db:copy -- --from data/hisaab.sqlite --to postgres://user:password@host:5432/hisaab`
 *
 * Moves a portal to another database — SQLite to PostgreSQL, PostgreSQL to SQLite, or any two URLs
 * that DATABASE_URL accepts — and proves the copy: every table's row count and checksum, the
 * ledger root recomputed from the leaves, and the latest signed checkpoint, compared on both sides.
 * The source may be in use while it runs (it is read in one snapshot); the target must be empty.
 * `--verify` compares two databases without copying (stop the portal first, or they will differ
 * by what it wrote since).
 *
 * Exit status: 0 proven, 1 refused, unreachable or different, 2 usage.
 */
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { assertReachable, createDb, DatabaseUnreachableError, isPostgresUrl, redactedUrl, type Database } from '../db/client'
import type { Check } from '../app/domain/database-facts'
import { compareDatabases, copyDatabase, CopyRefusedError } from '../app/models/database-copy.server'

const USAGE = 'usage: npm run db:copy -- --from <database> --to <database> [--verify]'

class UsageError extends Error {}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, verify: { type: 'boolean', default: false } }, strict: true })
  const { from, to } = values
  if (!from || !to) throw new UsageError('--from and --to are required')
  if (!isPostgresUrl(from) && from !== ':memory:' && !existsSync(from.replace(/^sqlite:(\/\/)?/, ''))) {
    console.error(`There is no database file at ${from}.`)
    return 1
  }
  const source = createDb(from, { poolSize: 1 })
  const target = createDb(to, { poolSize: 1 })
  try {
    await assertReachable(source, from)
    await assertReachable(target, to)
    if (values.verify) {
      const checks = await compareDatabases(source, target)
      printChecks(checks)
      const same = checks.every((c) => c.ok)
      console.log(same ? `${redactedUrl(to)} holds the same data as ${redactedUrl(from)}.` : `${redactedUrl(to)} differs from ${redactedUrl(from)} (lines marked DIFFERENT).`)
      return same ? 0 : 1
    }
    console.log(`Copying ${redactedUrl(from)} to ${redactedUrl(to)}`)
    const result = await copyDatabase(source, target, { progress: (line) => console.log(`  ${line}`) })
    printChecks(result.checks)
    if (!result.ok) {
      console.error(`The copy differs from its source (lines marked DIFFERENT), so it was rolled back: ${redactedUrl(to)} holds no copied rows.`)
      return 1
    }
    console.log(`Copied and proven: ${redactedUrl(to)} holds what ${redactedUrl(from)} held when the copy began. Point DATABASE_URL at it.`)
    return 0
  } catch (error) {
    if (error instanceof DatabaseUnreachableError) console.error(error.message)
    else if (error instanceof CopyRefusedError) console.error(`Not copying ${redactedUrl(from)} to ${redactedUrl(to)}: ${error.message}.`)
    else throw error
    return 1
  } finally {
    await Promise.all([destroy(source), destroy(target)])
  }
}

async function destroy(db: Database): Promise<void> {
  await db.destroy().catch(() => undefined)
}

function printChecks(checks: Check[]): void {
  const rows = [['compared', 'source', 'target', ''], ...checks.map((c) => [c.what, c.source, c.target, c.ok ? 'same' : 'DIFFERENT'])]
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)))
  for (const row of rows) console.log(row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd())
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n${USAGE}`)
      process.exit(2)
    }
    console.error(error)
    process.exit(1)
  },
)
