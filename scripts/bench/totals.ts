// The kept ledger totals (ADR 10) at a million entries: the public ledger's first page and the
// pages' sums read from ledger_totals, beside the scans over ledger_entries they replaced, and what
// keeping them adds to an approval. `BENCH_ONLY=totals npm run bench` runs only this part;
// BENCH_TOTALS_URL=postgres://… (an empty database) measures PostgreSQL instead of SQLite.
import { rmSync } from 'node:fs'
import { sql } from 'kysely'
import { createDb, isPostgresUrl, type Database } from '../../db/client'
import { flowsByFiscalYear } from '../../app/models/flows.server'
import { listLedger } from '../../app/models/ledger-list.server'
import { sumAsText } from '../../app/models/sql.server'
import { ledgerPageAtScale } from './pages'
import { holdsEntries, seedDemo } from './scale-database'

const DEFAULT_URL = './data/bench/totals/hisaab.sqlite'
const APPROVALS = 1000

export async function totalsAtScale(url = process.env.BENCH_TOTALS_URL ?? DEFAULT_URL, target = 1_000_000): Promise<void> {
  if (!(await holdsEntries(url, target))) {
    if (!isPostgresUrl(url)) rmSync(url, { force: true })
    await seedDemo(url)
  }
  const db = createDb(url)
  try {
    const { added, seconds } = await topUp(db, url, target)
    const made = added === 0 ? 'the database an earlier run left' : `${added.toLocaleString('en')} synthetic rows written in ${seconds.toFixed(1)} s, totals kept by the triggers`
    const { n } = await db.selectFrom('ledger_totals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    console.log(`\nKept totals at ${target.toLocaleString('en')} entries (${isPostgresUrl(url) ? 'PostgreSQL' : 'SQLite'}; ${made}; ${n} kept rows):`)
    const time = async (label: string, run: () => Promise<unknown>, runs = 5) => {
      await run()
      const t0 = performance.now()
      for (let i = 0; i < runs; i++) await run()
      console.log(`  ${label.padEnd(66)} ${((performance.now() - t0) / runs).toFixed(2)} ms`)
    }
    const scan = db.selectFrom('ledger_entries').where('status', '=', 'approved')
    await time('first page, no filter (rows + totals)', () => listLedger(db, {}, { limit: 50 }))
    await time('  its totals alone, from ledger_totals', () => db.selectFrom('ledger_totals').select(['kind', sumAsText('pkr_amount_minor').as('t'), sql`sum(entry_count)`.as('n')]).groupBy('kind').execute())
    await time('  its totals alone, as they were: GROUP BY over ledger_entries', () => scan.select(['kind', sumAsText('pkr_amount_minor').as('t'), (eb) => eb.fn.countAll().as('n')]).groupBy('kind').execute())
    await time('first page, kind + purpose filter (rows + totals)', () => listLedger(db, { kind: 'disbursement', purpose: 'water' }, { limit: 50 }))
    await time('flows by fiscal year, whole ledger (home page)', () => flowsByFiscalYear(db))
    await time('  as they were: GROUP BY over ledger_entries', () => scan.select(['fiscal_year', 'kind', sumAsText('pkr_amount_minor').as('t')]).groupBy(['fiscal_year', 'kind']).execute())
    const [withTrigger, without] = await approvalCost(db, url)
    console.log(`  approving a pending entry (the UPDATE alone, ${APPROVALS} in one transaction): ${withTrigger.toFixed(3)} ms with the totals kept, ${without.toFixed(3)} ms without`)
  } finally {
    await db.destroy()
  }
  // The page itself, served by the production build, as a reader gets it uncached.
  if (!isPostgresUrl(url)) await ledgerPageAtScale(url, target)
}

/** Approved disbursements copied from the seed's first one, in one statement, as the ledger figures of `npm run bench` write them. */
async function topUp(db: Database, url: string, target: number): Promise<{ added: number; seconds: number }> {
  const { n } = await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const missing = target - Number(n)
  if (missing <= 0) return { added: 0, seconds: 0 }
  const started = performance.now()
  await sql`
    with recursive i(k) as (select 1 union all select k + 1 from i where k < ${sql.lit(missing)})
    insert into ledger_entries (kind, status, project_id, from_party_id, to_party_id, fiscal_year, value_date, purpose, currency,
      amount_minor, exchange_rate_micros, pkr_amount_minor, idempotency_key, created_at, decided_at, seq)
    select e.kind, 'approved', e.project_id, e.from_party_id, e.to_party_id, e.fiscal_year, e.value_date, e.purpose, e.currency,
      e.amount_minor, e.exchange_rate_micros, e.pkr_amount_minor, 'bench-totals-' || k, e.created_at, e.decided_at, (select max(seq) from ledger_entries) + k
    from i, (select * from ledger_entries where kind = 'disbursement' and status = 'approved' order by id limit 1) e`.execute(db)
  const seconds = (performance.now() - started) / 1000
  if (isPostgresUrl(url)) await sql`analyze`.execute(db)
  return { added: missing, seconds }
}

class Rollback extends Error {}

/**
 * The approving UPDATE of a pending entry, timed with the totals trigger and, after dropping it,
 * without: each in one transaction so that the commit's fsync does not drown the difference, and
 * all of it rolled back.
 */
async function approvalCost(db: Database, url: string): Promise<[number, number]> {
  const times: number[] = []
  await db
    .transaction()
    .execute(async (trx) => {
      await sql`
        with recursive i(k) as (select 1 union all select k + 1 from i where k < ${sql.lit(APPROVALS * 2)})
        insert into ledger_entries (kind, status, project_id, from_party_id, to_party_id, fiscal_year, value_date, purpose, currency,
          amount_minor, exchange_rate_micros, pkr_amount_minor, idempotency_key, created_at)
        select e.kind, 'pending', e.project_id, e.from_party_id, e.to_party_id, e.fiscal_year, e.value_date, e.purpose, e.currency,
          e.amount_minor, e.exchange_rate_micros, e.pkr_amount_minor, 'bench-approval-' || k, e.created_at
        from i, (select * from ledger_entries where kind = 'disbursement' and status = 'approved' order by id limit 1) e`.execute(trx)
      const ids = (await trx.selectFrom('ledger_entries').select('id').where('idempotency_key', 'like', 'bench-approval-%').orderBy('id').execute()).map((r) => r.id)
      const { seq } = await trx.selectFrom('ledger_entries').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()
      const approve = async (from: number) => {
        const t0 = performance.now()
        for (let i = 0; i < APPROVALS; i++) {
          await trx
            .updateTable('ledger_entries')
            .set({ status: 'approved', seq: (seq ?? 0) + from + i + 1, decided_at: '2026-12-07T00:00:00.000Z' })
            .where('id', '=', ids[from + i]!)
            .where('status', '=', 'pending')
            .execute()
        }
        return (performance.now() - t0) / APPROVALS
      }
      times.push(await approve(0))
      await sql.raw(isPostgresUrl(url) ? 'drop trigger ledger_totals_on_approval on ledger_entries' : 'drop trigger ledger_totals_on_approval').execute(trx)
      times.push(await approve(APPROVALS))
      throw new Rollback()
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error
    })
  return [times[0]!, times[1]!]
}
