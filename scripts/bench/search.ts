// The public ledger's text search at a million entries: through the model (the trigram index)
// beside the LIKE scan it replaced, run by the engine's own command-line client as the fastest a
// scan can be. `BENCH_ONLY=search npm run bench` runs only this part; BENCH_SEARCH_URL=postgres://…
// (an empty database) measures PostgreSQL instead of SQLite.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { sql } from 'kysely'
import { createDb, isPostgresUrl, type Database } from '../../db/client'
import { listLedger } from '../../app/models/ledger-list.server'
import { holdsEntries, seedDemo } from './scale-database'

const DEFAULT_URL = './data/bench/search/hisaab.sqlite'

/** What a reader types: English and Urdu words, whole and in part, a reference, and a two-letter start. */
const QUERIES = ['school', 'SCHOLAR', 'وظیفہ', 'ظیف', 'پانی کی', 'CHQ-424242', 'پا']

// The synthetic entries' descriptions, one in twelve each: English, Urdu and Balochi.
const PHRASES = [
  'School fees for the term',
  'Scholarship for a student',
  'Water supply scheme repair',
  'Clinic medicines',
  'Road repair to the village',
  'Teacher salaries',
  'اسکول کی فیس',
  'طالب علم کا وظیفہ',
  'پانی کی فراہمی کی مرمت',
  'ڈسپنسری کی ادویات',
  'وانگءِ وظیفہ',
  'آپءِ سپلائی',
]

/**
 * Seeds a database of its own with the demo data, tops it up to `target` approved entries whose
 * description, reference and comments vary (the ledger figures' synthetic rows carry no text, which
 * would leave a search nothing to find), and times each query both ways.
 */
export async function searchAtScale(url = process.env.BENCH_SEARCH_URL ?? DEFAULT_URL, target = 1_000_000): Promise<void> {
  // A database an earlier run left at the target size is measured again as it is.
  if (!(await holdsEntries(url, target))) {
    if (!isPostgresUrl(url)) rmSync(url, { force: true })
    await seedDemo(url)
  }
  const db = createDb(url)
  try {
    const { added, seconds } = await topUp(db, url, target)
    const made = added === 0 ? 'the database an earlier run left' : `${added.toLocaleString('en')} synthetic rows with text written in ${seconds.toFixed(1)} s`
    console.log(`\nText search at ${target.toLocaleString('en')} entries (${isPostgresUrl(url) ? 'PostgreSQL' : 'SQLite'}; ${made}):`)
    console.log(`  ${'query'.padEnd(14)} ${'matches'.padStart(8)} ${'model (index)'.padStart(14)} ${'CLI LIKE scan'.padStart(14)} ${'scan / model'.padStart(13)}`)
    for (const text of QUERIES) {
      let listing = await listLedger(db, { text }, { limit: 50 })
      const t0 = performance.now()
      for (let i = 0; i < 5; i++) listing = await listLedger(db, { text }, { limit: 50 })
      const model = (performance.now() - t0) / 5
      const scan = cliScan(url, text)
      console.log(`  ${JSON.stringify(text).padEnd(14)} ${String(listing.count).padStart(8)} ${`${model.toFixed(1)} ms`.padStart(14)} ${`${scan.toFixed(1)} ms`.padStart(14)} ${`${(scan / model).toFixed(1)}×`.padStart(13)}`)
    }
  } finally {
    await db.destroy()
  }
}

/** Approved disbursements copied from the seed's first one, each with text of its own. */
async function topUp(db: Database, url: string, target: number): Promise<{ added: number; seconds: number }> {
  const { n } = await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const missing = target - Number(n)
  if (missing <= 0) return { added: 0, seconds: 0 }
  const phrase = sql.join(PHRASES.map((p, i) => sql`when ${sql.lit(i)} then ${sql.lit(p)}`), sql` `)
  const started = performance.now()
  await sql`
    with recursive i(k) as (select 1 union all select k + 1 from i where k < ${sql.lit(missing)})
    insert into ledger_entries (kind, status, project_id, from_party_id, to_party_id, fiscal_year, value_date, purpose, currency,
      amount_minor, exchange_rate_micros, pkr_amount_minor, reference, description, comments, idempotency_key, created_at, decided_at, seq)
    select e.kind, 'approved', e.project_id, e.from_party_id, e.to_party_id, e.fiscal_year, e.value_date, e.purpose, e.currency,
      e.amount_minor, e.exchange_rate_micros, e.pkr_amount_minor, 'CHQ-' || k, (case k % 12 ${phrase} end) || ' ' || k,
      case when k % 10 = 0 then 'Checked against the bank statement' end,
      'bench-search-' || k, e.created_at, e.decided_at, (select max(seq) from ledger_entries) + k
    from i, (select * from ledger_entries where kind = 'disbursement' and status = 'approved' order by id limit 1) e`.execute(db)
  const seconds = (performance.now() - started) / 1000
  // PostgreSQL plans from statistics, which a million new rows leave stale until autovacuum runs.
  if (isPostgresUrl(url)) await sql`analyze ledger_entries`.execute(db)
  return { added: missing, seconds }
}

/**
 * The search as it was before the index: the first page and the totals, each a LIKE scan over every
 * approved entry, timed by sqlite3's `.timer` or psql's `\timing` (the mean of five runs after one).
 */
function cliScan(url: string, text: string): number {
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`
  const pattern = quote(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  const like = (column: string) => `lower(${column}) like lower(${pattern}) escape '\\'`
  const named = `select id from parties where ${like('name_en')} or ${like('name_ur')} or ${like('name_bal')}`
  const where = `e.status = 'approved' and (${like('e.description')} or ${like('e.reference')} or ${like('e.comments')} or e.from_party_id in (${named}) or e.to_party_id in (${named}))`
  const totals = `select e.kind, cast(sum(e.pkr_amount_minor) as text), count(*) from ledger_entries e where ${where} group by e.kind;`
  const page = `select e.id, e.value_date, e.description, f.name_en, t.name_en from ledger_entries e join parties f on f.id = e.from_party_id join parties t on t.id = e.to_party_id where ${where} order by e.value_date desc, e.id desc limit 51;`
  const runs = 6
  const postgres = isPostgresUrl(url)
  const script = (postgres ? '\\timing on\n' : '.timer on\n') + Array.from({ length: runs }, () => `${totals}\n${page}\n`).join('')
  const result = postgres
    ? spawnSync('psql', ['-X', '-q', '-At', url], { input: script, encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync('/usr/bin/sqlite3', [url], { input: script, encoding: 'utf8', maxBuffer: 1 << 26 })
  if (result.status !== 0) throw new Error(`the CLI scan failed: ${result.stderr}`)
  const times = postgres
    ? [...result.stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]))
    : [...result.stdout.matchAll(/^Run Time: real ([\d.]+)/gm)].map((m) => Number(m[1]) * 1000)
  if (times.length !== runs * 2) throw new Error(`expected ${runs * 2} timings from the CLI, got ${times.length}: ${result.stderr}`)
  const timed = times.slice(2)
  return timed.reduce((a, b) => a + b, 0) / (runs - 1)
}
