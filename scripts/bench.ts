// `npm run bench`: measures what a reader's phone downloads and how fast pages are served.
// Uses the production build (run `npm run build` first) on a freshly seeded database of its own.
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { createDb, type Database } from '../db/client'
import { encodeCursor, listLedger } from '../app/models/ledger-list.server'
import { leafHash, rootHash } from '../app/domain/merkle'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { parsePrivateKey, verifierKey } from '../app/domain/signed-note'
import { FullLedgerExport } from '../app/exports/full-ledger-file.server'
import { publishCheckpoint, syncLedgerTree } from '../app/models/ledger-tree.server'
import { benchEngines } from './bench/engines'
import { PRODUCTION_NODE_FLAGS } from './bench/production-flags'
import { benchPublicPages, ledgerPageAtScale } from './bench/pages'
import { searchAtScale } from './bench/search'
import { benchWritersAndReaders } from './bench/writers'
import { totalsAtScale } from './bench/totals'

const PORT = 3299
const DATABASE_URL = './data/bench/hisaab.sqlite'
const base = `http://localhost:${PORT}`

async function run(command: string, args: string[], env: Record<string, string>) {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'inherit' })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`))))
  })
}

/** Bytes on the wire: fetch() decompresses, so count the compressed body via a raw request. */
async function wireBytes(path: string): Promise<{ bytes: number; encoding: string; body: string }> {
  const { request } = await import('node:http')
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', async () => {
        const raw = Buffer.concat(chunks)
        const encoding = String(res.headers['content-encoding'] ?? 'identity')
        const { gunzipSync } = await import('node:zlib')
        const body = encoding === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8')
        resolve({ bytes: raw.length, encoding, body })
      })
    })
    req.on('error', reject)
    req.end()
  })
}

async function firstVisit(path: string, fontFile: RegExp) {
  const html = await wireBytes(path)
  const rows: Array<[string, number, string]> = [['HTML', html.bytes, html.encoding]]
  for (const href of html.body.match(/href="(\/assets\/[^"]+\.css)"/g)?.map((m) => m.slice(6, -1)) ?? []) {
    const css = await wireBytes(href)
    rows.push([`CSS ${href}`, css.bytes, css.encoding])
    const font = css.body.match(/url\((\/assets\/[^)]+\.woff2)\)/g)?.map((m) => m.slice(4, -1)).find((u) => fontFile.test(u))
    if (font) {
      const f = await wireBytes(font)
      rows.push([`font ${font}`, f.bytes, f.encoding])
    }
  }
  const scripts = (html.body.match(/<script/g) ?? []).length
  rows.push([`JavaScript (${scripts} script tags)`, 0, '-'])
  return rows
}

/**
 * The public ledger at a million entries: the seed's entries plus synthetic approved disbursements
 * written straight into the table (the figures here are about reading, not about recording).
 */
async function ledgerAtScale(db: Database, target: number) {
  const { n } = await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const missing = target - Number(n)
  const started = performance.now()
  await sql`
    with recursive i(k) as (select 1 union all select k + 1 from i where k < ${missing})
    insert into ledger_entries (kind, status, project_id, from_party_id, to_party_id, fiscal_year, value_date, purpose, currency,
      amount_minor, exchange_rate_micros, pkr_amount_minor, idempotency_key, created_at, decided_at, seq)
    select e.kind, 'approved', e.project_id, e.from_party_id, e.to_party_id, e.fiscal_year, e.value_date, e.purpose, e.currency,
      e.amount_minor, e.exchange_rate_micros, e.pkr_amount_minor, 'bench-' || k, e.created_at, e.decided_at, (select max(seq) from ledger_entries) + k
    from i, (select * from ledger_entries where kind = 'disbursement' and status = 'approved' order by id limit 1) e`.execute(db)
  console.log(`\nLedger at ${target.toLocaleString('en')} entries (${missing.toLocaleString('en')} synthetic rows written in ${((performance.now() - started) / 1000).toFixed(1)} s):`)
  const time = async (label: string, run: () => Promise<unknown>) => {
    await run()
    const t0 = performance.now()
    for (let i = 0; i < 5; i++) await run()
    console.log(`  ${label.padEnd(60)} ${((performance.now() - t0) / 5).toFixed(1)} ms`)
  }
  // A cursor 900,000 rows deep: keyset pagination reads from there as fast as from the top.
  const middle = await db.selectFrom('ledger_entries').select(['value_date', 'id']).where('status', '=', 'approved').orderBy('value_date', 'desc').orderBy('id', 'desc').offset(900_000).limit(1).executeTakeFirstOrThrow()
  const deep = encodeCursor({ valueDate: middle.value_date, id: middle.id }, 'desc')
  await time('first page, no filter (rows + totals)', () => listLedger(db, {}, { limit: 50 }))
  await time('page 18,001 (900,000 rows deep) by keyset cursor', () => listLedger(db, {}, { after: deep, limit: 50 }))
  await time('first page, kind + purpose filter', () => listLedger(db, { kind: 'disbursement', purpose: 'water' }, { limit: 50 }))
  await time('first page, text search', () => listLedger(db, { text: 'school' }, { limit: 50 }))
}

// BENCH_ONLY=search runs only the text-search figures, on a million-entry database of their own.
if (process.env.BENCH_ONLY === 'search') {
  await searchAtScale()
  process.exit(0)
}

// BENCH_ONLY=exports re-runs only the open-ledger figures on the million-entry database a full run left.
if (process.env.BENCH_ONLY === 'exports') {
  const kept = createDb(DATABASE_URL)
  await exportsAtScale(kept)
  await kept.destroy()
  process.exit(0)
}

// BENCH_ONLY=pages runs only the public pages under load, beside a bare node:http handler.
if (process.env.BENCH_ONLY === 'pages') {
  await benchPublicPages()
  process.exit(0)
}

// BENCH_ONLY=writers runs only officers writing while readers read.
if (process.env.BENCH_ONLY === 'writers') {
  await benchWritersAndReaders()
  process.exit(0)
}

// BENCH_ONLY=totals runs only the kept-totals figures, on a million-entry database of their own.
if (process.env.BENCH_ONLY === 'totals') {
  await totalsAtScale()
  process.exit(0)
}

// BENCH_ONLY=engines runs only the SQLite / PostgreSQL comparison.
if (process.env.BENCH_ONLY === 'engines') {
  await benchEngines()
  process.exit(0)
}

rmSync('./data/bench', { recursive: true, force: true })
await run('npx', ['tsx', 'scripts/seed.ts'], { DATABASE_URL })
const db = createDb(DATABASE_URL)
const { slug } = await db.selectFrom('projects').select('slug').orderBy('id').executeTakeFirstOrThrow()
await db.destroy()

const server = spawn('node', [...PRODUCTION_NODE_FLAGS, 'server.mjs'], { env: { ...process.env, DATABASE_URL, PORT: String(PORT), NODE_ENV: 'production' }, stdio: 'ignore' })
try {
  for (let i = 0; i < 50; i++) {
    if (await fetch(base).then((r) => r.ok).catch(() => false)) break
    await sleep(200)
  }
  for (const [lang, font] of [['ur', /nastaliq/], ['bal', /naskh/], ['en', /^$/]] as const) {
    const path = `${lang === 'en' ? '' : `/${lang}`}/projects/${slug}`
    const rows = await firstVisit(path, font)
    const total = rows.reduce((sum, [, bytes]) => sum + bytes, 0)
    console.log(`\nFirst visit to ${path} (no cache, font not installed on the phone):`)
    for (const [what, bytes, encoding] of rows) console.log(`  ${what.padEnd(70)} ${String(bytes).padStart(8)} B  ${encoding}`)
    console.log(`  ${'total'.padEnd(70)} ${String(total).padStart(8)} B`)
  }
} finally {
  server.kill()
}

/** RFC 9162 tree hashing of a million 200-byte leaves (the size of a ledger entry's canonical bytes). */
function merkleAtScale(leaves: number) {
  const data = randomBytes(leaves * 200)
  const started = performance.now()
  const hashes = Array.from({ length: leaves }, (_, i) => leafHash(data.subarray(i * 200, (i + 1) * 200)))
  const hashed = performance.now()
  rootHash(hashes)
  const done = performance.now()
  console.log(`\nMerkle tree of ${leaves.toLocaleString('en')} leaves: leaf hashes ${((hashed - started) / 1000).toFixed(2)} s, root ${((done - hashed) / 1000).toFixed(2)} s`)
}

merkleAtScale(1_000_000)

await benchPublicPages()
await benchWritersAndReaders()

const ledgerDb = createDb(DATABASE_URL)
await ledgerAtScale(ledgerDb, 1_000_000)
await exportsAtScale(ledgerDb)
// After the exports: their first figure is the one-off backfill of leaves, which a server's start would do instead.
await ledgerPageAtScale(DATABASE_URL, 1_000_000)
await ledgerDb.destroy()
await searchAtScale()

await benchEngines()

/**
 * The open ledger at a million entries: giving the synthetic rows their leaves, writing the full
 * export, verifying it offline with the standalone verifier, and the server's memory and
 * responsiveness while it streams a million-row CSV.
 */
async function exportsAtScale(db: Database) {
  const signer = parsePrivateKey(readFileSync('./data/bench/ledger-signing-key', 'utf8'))
  let t0 = performance.now()
  const added = await syncLedgerTree(db)
  const checkpoint = await publishCheckpoint(db, signer)
  console.log(`\nOpen ledger at ${checkpoint.size.toLocaleString('en')} entries:`)
  console.log(`  leaves and subtree hashes for ${added.toLocaleString('en')} entries approved before the tree (one-off backfill) ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  t0 = performance.now()
  const file = await new FullLedgerExport(db, './data/bench/exports').upTo(checkpoint.size)
  console.log(`  full export written (${(file.bytes / 1e6).toFixed(0)} MB NDJSON)                       ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const dir = './data/bench'
  await import('node:fs/promises').then((fs) => Promise.all([fs.writeFile(`${dir}/checkpoint.txt`, checkpoint.note), fs.writeFile(`${dir}/key.txt`, verifierKey(signer))]))
  t0 = performance.now()
  await run('node', ['verifier/hisaab-verify.mjs', file.path, '--checkpoint', `${dir}/checkpoint.txt`, '--key', `${dir}/key.txt`], {})
  console.log(`  offline verification of the full export (standalone verifier, target ≤ 10 s)   ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  // Memory is the export's own cost, measured with nothing else running. V8 grows the main
  // thread's heap under any steady load, so page requests alone move the figure by tens of
  // megabytes; the run with them is reported beside it, with a run of the page requests alone.
  const alone = await underLoad({ exporting: true, probing: false })
  const withPages = await underLoad({ exporting: true, probing: true })
  const pagesOnly = await underLoad({ exporting: false, probing: true, seconds: withPages.seconds })
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`
  const growth = (run: LoadRun) => `${mb(run.before)} before, peak ${mb(run.peak)}, growth ${((run.peak - run.before) / 1e6).toFixed(1)} MB`
  console.log(`  CSV export of every entry: ${mb(alone.bytes)} in ${alone.seconds.toFixed(1)} s; server memory ${growth(alone)} (target ≤ 64 MB)`)
  console.log(`  the same export with an entry page requested every 100 ms: ${withPages.seconds.toFixed(1)} s; server memory ${growth(withPages)}`)
  console.log(`    those page requests: ${withPages.pageTimes.length}, median ${median(withPages.pageTimes).toFixed(0)} ms, slowest ${Math.max(...withPages.pageTimes).toFixed(0)} ms (target < 100 ms)`)
  console.log(`  the page requests alone, no export, for as long: server memory ${growth(pagesOnly)}; median ${median(pagesOnly.pageTimes).toFixed(0)} ms, slowest ${Math.max(...pagesOnly.pageTimes).toFixed(0)} ms`)
}

interface LoadRun {
  bytes: number
  seconds: number
  before: number
  peak: number
  pageTimes: number[]
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
}

/**
 * A fresh production server on the million-entry database: its resident memory (sampled every
 * 50 ms) while it streams the whole ledger as gzipped CSV to a reader, and/or answers an entry
 * page every 100 ms.
 */
async function underLoad(load: { exporting: boolean; probing: boolean; seconds?: number }): Promise<LoadRun> {
  const server = spawn('node', [...PRODUCTION_NODE_FLAGS, 'server.mjs'], { env: { ...process.env, DATABASE_URL, PORT: String(PORT), NODE_ENV: 'production' }, stdio: 'ignore' })
  try {
    for (let i = 0; i < 100; i++) {
      if (await fetch(base).then((r) => r.ok).catch(() => false)) break
      await sleep(200)
    }
    const rss = async () => Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${server.pid}/status`, 'utf8'))![1]) * 1024
    // Warm up the code paths (and the export worker), then start from a settled process, as a
    // server that has been up a while is: V8 trims the heap it grew while starting once it idles.
    await fetch(`${base}/downloads/ledger/entries.csv?kind=payment`).then((r) => r.arrayBuffer())
    await fetch(`${base}/ledger/1`).then((r) => r.arrayBuffer())
    await sleep(20_000)
    const before = await rss()
    let peak = before
    let done = false
    const sampling = (async () => {
      while (!done) {
        peak = Math.max(peak, await rss())
        await sleep(50)
      }
    })()
    const pageTimes: number[] = []
    const probing = (async () => {
      while (load.probing && !done) {
        const start = performance.now()
        await fetch(`${base}/ledger/1`).then((r) => r.arrayBuffer())
        pageTimes.push(performance.now() - start)
        await sleep(100)
      }
    })()
    const t0 = performance.now()
    let bytes = 0
    if (load.exporting) {
      const response = await fetch(`${base}/downloads/ledger/entries.csv`)
      const reader = response.body!.getReader()
      for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.length
    } else await sleep((load.seconds ?? 30) * 1000)
    const seconds = (performance.now() - t0) / 1000
    done = true
    await Promise.all([sampling, probing])
    return { bytes, seconds, before, peak, pageTimes }
  } finally {
    // The next run starts its own server on the same port.
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill()
    await exited
  }
}
