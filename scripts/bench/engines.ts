// The portal on SQLite and on PostgreSQL, with one app process and with two behind one database:
// approvals per second through /work/queue and public page requests per second, side by side in
// one run. Each page figure stands beside a bare node:http handler sending the same bytes, as a
// ratio: absolute figures on a shared machine move by a third from run to run.
//
// Uses the production build. `BENCH_ONLY=engines npm run bench` runs this section alone;
// BENCH_APPROVERS sets how many clients approve at once (default 8).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
import pg from 'pg'
import { createDb, type Database } from '../../db/client'
import { createSession } from '../../app/auth/sessions.server'
import { createEntry } from '../../app/models/ledger.server'
import { PRODUCTION_NODE_FLAGS } from './production-flags'

const DIR = resolve('data/bench-engines')
const BARE_PORT = 3400
const PORTAL_PORTS = [3401, 3402]
const POSTGRES_SERVER = 'postgres://postgres@127.0.0.1:5432'
const POSTGRES_DB = 'hisaab_bench_engines'
const PAGE_CONNECTIONS = 20
const PAGE_SECONDS = 5
/** The bare handler is near its peak at once. */
const BARE_SECONDS = 3
const WARM_UP_SECONDS = 2
const APPROVERS = Number(process.env.BENCH_APPROVERS ?? 8)
/** Pending entries per setup; the first few are approved one by one to warm up, untimed. */
const POOL = 300
const WARM_UP_APPROVALS = 8
/** Officers who record (the first) and approve (the second) in each of three trusts. */
const OFFICER_PAIRS = [
  ['officer.chagai.1@demo.hisaab.pk', 'officer.chagai.2@demo.hisaab.pk'],
  ['officer.lasbela.1@demo.hisaab.pk', 'officer.lasbela.2@demo.hisaab.pk'],
  ['officer.gb.1@demo.hisaab.pk', 'officer.gb.2@demo.hisaab.pk'],
] as const

interface Setup {
  name: string
  engine: 'sqlite' | 'postgres'
  processes: number
}

const SETUPS: Setup[] = [
  { name: 'SQLite, 1 app process', engine: 'sqlite', processes: 1 },
  { name: 'PostgreSQL, 1 app process', engine: 'postgres', processes: 1 },
  { name: 'PostgreSQL, 2 app processes', engine: 'postgres', processes: 2 },
]

interface PageFigures {
  requestsPerSecond: number
  p99: number
  bareRequestsPerSecond: number
}

interface Row {
  setup: Setup
  approvals: ApprovalFigures
  project: PageFigures
  ledger: PageFigures
  problems: string[]
}

export async function benchEngines(): Promise<void> {
  console.log(`\nEngines: ${PAGE_CONNECTIONS} connections for ${PAGE_SECONDS} s per page; ${POOL - WARM_UP_APPROVALS} approvals by ${APPROVERS} clients at once`)
  const rows: Row[] = []
  try {
    for (const setup of SETUPS) {
      const row = await benchSetup(setup)
      rows.push(row)
      for (const problem of row.problems) console.log(`  ${setup.name}: BROKEN RUN: ${problem}`)
    }
  } finally {
    await withPostgres(async (client) => {
      for (const name of [POSTGRES_DB, POSTGRES_SEEDED]) await client.query(`drop database if exists ${name} with (force)`)
    })
  }
  printTables(rows)
  const broken = rows.filter((r) => r.problems.length > 0)
  if (broken.length > 0) throw new Error(`The engines bench measured broken runs: ${broken.map((r) => r.setup.name).join('; ')}`)
}

async function benchSetup(setup: Setup): Promise<Row> {
  const dir = join(DIR, `${setup.engine}-${setup.processes}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const t0 = performance.now()
  const { url, keyFile } = await freshDatabase(setup.engine, dir)
  const t1 = performance.now()
  const db = createDb(url)
  const servers: Portal[] = []
  try {
    const pool = await pendingEntries(db, POOL)
    console.log(`  ${setup.name}: demo data ready in ${((t1 - t0) / 1000).toFixed(1)} s, ${pool.length} pending entries recorded in ${((performance.now() - t1) / 1000).toFixed(1)} s`)
    // The processes sign with one key; each keeps its own prebuilt downloads.
    for (const port of PORTAL_PORTS.slice(0, setup.processes)) {
      servers.push(startPortal(port, { DATABASE_URL: url, HISAAB_LEDGER_KEY_FILE: keyFile, HISAAB_EXPORT_DIR: join(dir, `exports-${port}`) }))
    }
    await Promise.all(servers.map((s) => s.ready))
    const bases = servers.map((s) => s.base)
    const { slug } = await db.selectFrom('projects').select('slug').orderBy('id').executeTakeFirstOrThrow()
    const project = await pageFigures(bases, `/ur/projects/${slug}`, dir)
    const ledger = await pageFigures(bases, '/ur/ledger', dir)
    const approvals = await approveAll(bases, pool)
    const problems = [...approvals.problems, ...project.problems, ...ledger.problems, ...(await ledgerProblems(db, pool.length))]
    if (problems.length > 0) for (const s of servers) console.log(`  the server on ${s.base} logged:\n${errorLines(s.stderr())}`)
    return { setup, approvals, project, ledger, problems }
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
    await db.destroy()
  }
}

const POSTGRES_SEEDED = `${POSTGRES_DB}_seeded`
let postgresSeeded: Promise<string> | undefined

/**
 * A database holding the demo data and nothing else, with the key that signed its checkpoint.
 * SQLite is seeded afresh; PostgreSQL is seeded once per run and each setup gets a copy
 * (CREATE DATABASE … TEMPLATE), which takes a second instead of a seed's half a minute.
 */
async function freshDatabase(engine: Setup['engine'], dir: string): Promise<{ url: string; keyFile: string }> {
  if (engine === 'sqlite') {
    const url = join(dir, 'hisaab.sqlite')
    const keyFile = join(dir, 'ledger-signing-key')
    await runQuietly('npx', ['tsx', 'scripts/seed.ts'], { DATABASE_URL: url, HISAAB_LEDGER_KEY_FILE: keyFile })
    return { url, keyFile }
  }
  postgresSeeded ??= (async () => {
    const keyFile = join(DIR, 'postgres-seeded', 'ledger-signing-key')
    rmSync(dirname(keyFile), { recursive: true, force: true })
    // A run that was killed may have left its databases, and a server connected to them.
    await withPostgres(async (client) => {
      await client.query(`drop database if exists ${POSTGRES_SEEDED} with (force)`)
      await client.query(`create database ${POSTGRES_SEEDED}`)
    })
    await runQuietly('npx', ['tsx', 'scripts/seed.ts'], { DATABASE_URL: `${POSTGRES_SERVER}/${POSTGRES_SEEDED}`, HISAAB_LEDGER_KEY_FILE: keyFile })
    // A deployed PostgreSQL gathers planner statistics itself (autovacuum) within a minute of a
    // load like the seed; this machine's has autovacuum off. Without them the ledger page's query
    // is planned as a nested loop over every entry: 0.8 s instead of 0.3 ms at the demo's size.
    const seeded = new pg.Client({ connectionString: `${POSTGRES_SERVER}/${POSTGRES_SEEDED}` })
    await seeded.connect()
    await seeded.query('analyze').finally(() => seeded.end())
    return keyFile
  })()
  const keyFile = await postgresSeeded
  await withPostgres(async (client) => {
    await client.query(`drop database if exists ${POSTGRES_DB} with (force)`)
    await client.query(`create database ${POSTGRES_DB} template ${POSTGRES_SEEDED}`)
  })
  return { url: `${POSTGRES_SERVER}/${POSTGRES_DB}`, keyFile }
}

async function withPostgres(run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: `${POSTGRES_SERVER}/postgres` })
  await client.connect()
  try {
    await run(client)
  } finally {
    await client.end()
  }
}

async function runQuietly(command: string, args: string[], env: Record<string, string>): Promise<void> {
  await new Promise<void>((done, fail) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited ${code}`))))
  })
}

interface Portal {
  base: string
  ready: Promise<void>
  stop: () => Promise<void>
  stderr: () => string
}

function startPortal(port: number, env: Record<string, string>): Portal {
  const child = spawn('node', [...PRODUCTION_NODE_FLAGS, 'server.mjs'], { env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'pipe'] })
  return watched(child, `http://127.0.0.1:${port}`)
}

const STDERR_KEPT = 16_000

/** A child serving HTTP: ready once it answers, its last few KB of stderr kept for a broken run's report. */
function watched(child: ChildProcess, base: string): Portal {
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT)))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const ready = (async () => {
    for (let i = 0; i < 150; i++) {
      if (child.exitCode !== null) break
      if (await fetch(base).then((r) => r.status < 500).catch(() => false)) return
      await sleep(200)
    }
    throw new Error(`The server for ${base} did not start:\n${stderr}`)
  })()
  // Awaited by the caller; a failure here must not also surface as an unhandled rejection.
  ready.catch(() => {})
  return {
    base,
    ready,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill()
      await exited
    },
  }
}

/** A server's log without the stack traces: each distinct message once. */
function errorLines(stderr: string): string {
  // A full buffer starts part-way through a line.
  const lines = stderr.split('\n').slice(stderr.length >= STDERR_KEPT ? 1 : 0).filter((l) => l.trim() !== '' && !/^\s|^[{}[]/.test(l))
  return [...new Set(lines)].slice(0, 10).map((l) => `    ${l}`).join('\n')
}

/** The same bytes the portal sent for this page, served by node:http and nothing else. */
const BARE_SERVER = `
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
const body = readFileSync(process.argv[1])
createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length })
  res.end(body)
}).listen(Number(process.argv[2]))
`

async function pageFigures(bases: string[], path: string, dir: string): Promise<PageFigures & { problems: string[] }> {
  const problems: string[] = []
  const response = await fetch(`${bases[0]}${path}`)
  const body = Buffer.from(await response.arrayBuffer())
  if (response.status !== 200) problems.push(`${path} answered ${response.status}`)
  const bodyFile = join(dir, `bare-${path.replaceAll('/', '_')}.html`)
  writeFileSync(bodyFile, body)

  // The bare handler is measured just before and just after the page, and the ratio uses the mean
  // of the two, so that the machine's load of the moment weighs on both sides alike.
  const bare = watched(spawn('node', ['--input-type=module', '-e', BARE_SERVER, bodyFile, String(BARE_PORT)], { stdio: ['ignore', 'ignore', 'pipe'] }), `http://127.0.0.1:${BARE_PORT}`)
  let bareBefore: autocannon.Result, result: autocannon.Result, bareAfter: autocannon.Result
  try {
    await bare.ready
    bareBefore = await measure([`${bare.base}${path}`], BARE_SECONDS)
    result = await measure(bases.map((b) => `${b}${path}`), PAGE_SECONDS)
    bareAfter = await measure([`${bare.base}${path}`], BARE_SECONDS)
  } finally {
    await bare.stop()
  }
  for (const [who, r] of [['portal', result], ['bare handler', bareBefore], ['bare handler', bareAfter]] as const) {
    if (r.non2xx > 0 || r.errors > 0) problems.push(`${path} (${who}): ${r.non2xx} non-2xx answers, ${r.errors} errors, ${r.timeouts} timeouts`)
  }
  const bareRequestsPerSecond = (perSecond(bareBefore) + perSecond(bareAfter)) / 2
  return { requestsPerSecond: perSecond(result), p99: result.latency.p99, bareRequestsPerSecond, problems }
}

function perSecond(result: autocannon.Result): number {
  return result.requests.total / result.duration
}

/** A warm-up, then the run that counts. autocannon spreads the connections over the URLs, one per app process. */
async function measure(urls: string[], seconds: number): Promise<autocannon.Result> {
  // @types/autocannon (7.x) types `url` as one string; autocannon 9 takes a list.
  const url = urls as unknown as string
  await autocannon({ url, connections: PAGE_CONNECTIONS, duration: WARM_UP_SECONDS })
  return autocannon({ url, connections: PAGE_CONNECTIONS, duration: seconds })
}

interface PendingEntry {
  id: number
  /** The session cookie of a colleague who may approve it. */
  cookie: string
}

/**
 * Receipts into three trusts, recorded by one officer of each and waiting for the other: receipts,
 * so that no balance check refuses an approval. Each copies a receipt the demo data approved.
 */
async function pendingEntries(db: Database, count: number): Promise<PendingEntry[]> {
  const pairs = await Promise.all(
    OFFICER_PAIRS.map(async ([maker, checker]) => {
      const makerId = await userId(db, maker)
      const checkerId = await userId(db, checker)
      const scope = await db.selectFrom('user_scopes').select('trust_party_id').where('user_id', '=', makerId).where('trust_party_id', 'is not', null).executeTakeFirstOrThrow()
      const template = await db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('status', '=', 'approved')
        .where('kind', 'in', ['share_transfer', 'direct_contribution'])
        .where('to_party_id', '=', scope.trust_party_id!)
        .where('currency', '=', 'PKR')
        .orderBy('id')
        .executeTakeFirstOrThrow()
      const { token } = await createSession(db, checkerId, { ip: null, userAgent: 'bench', twoFactorVerified: true })
      return { makerId, template, cookie: `hisaab_session=${token}` }
    }),
  )
  const entries: PendingEntry[] = []
  for (let i = 0; i < count; i++) {
    const { makerId, template, cookie } = pairs[i % pairs.length]!
    const { id } = await createEntry(db, makerId, {
      kind: template.kind,
      projectId: template.project_id,
      fromPartyId: template.from_party_id,
      toPartyId: template.to_party_id,
      valueDate: template.value_date,
      gfsCode: template.gfs_code,
      currency: 'PKR',
      amountMinor: 100_000n + BigInt(i),
      reference: `bench ${i + 1}`,
      idempotencyKey: `bench-engines-${i + 1}`,
    })
    entries.push({ id, cookie })
  }
  return entries
}

async function userId(db: Database, email: string): Promise<number> {
  const { id } = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  return id
}

interface ApprovalFigures {
  perSecond: number
  p50: number
  p99: number
  problems: string[]
}

/**
 * Approves the pool as officers do, pressing Approve on /work/queue: a same-origin form POST with
 * the session cookie, answered by a redirect back to the queue (not followed: that is a page
 * load, not the approval). The clients take entries from one queue and spread over the processes.
 */
async function approveAll(bases: string[], pool: PendingEntry[]): Promise<ApprovalFigures> {
  const problems: string[] = []
  const approve = async (base: string, entry: PendingEntry) => {
    const response = await fetch(`${base}/work/queue`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: entry.cookie, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ entryId: String(entry.id), intent: 'approve' }),
    })
    await response.arrayBuffer()
    const location = response.headers.get('location') ?? ''
    if (response.status !== 302 || !location.endsWith(`approved=${entry.id}`)) problems.push(`approving entry ${entry.id}: ${response.status} ${location}`)
  }
  for (const entry of pool.slice(0, WARM_UP_APPROVALS)) await approve(bases[0]!, entry)

  const queue = pool.slice(WARM_UP_APPROVALS)
  const latencies: number[] = []
  const started = performance.now()
  await Promise.all(
    Array.from({ length: APPROVERS }, async (_, client) => {
      const base = bases[client % bases.length]!
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        const t0 = performance.now()
        await approve(base, entry)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN
  if (problems.length > 5) problems.splice(5, problems.length - 5, `… and ${problems.length - 5} more refused or failed approvals`)
  return { perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), problems }
}

/**
 * What makes the approval figures worth reading: every pool entry approved, sequence numbers 1..n
 * without a gap or a repeat, one leaf per approved entry, and a checkpoint that covers them all.
 */
async function ledgerProblems(db: Database, poolSize: number): Promise<string[]> {
  const problems: string[] = []
  const entries = await db
    .selectFrom('ledger_entries')
    .select((eb) => [
      eb.fn.count<number>('seq').as('withSeq'),
      eb.fn.count<number>('seq').distinct().as('distinctSeq'),
      eb.fn.max('seq').as('maxSeq'),
      eb.fn.count<number>(eb.case().when('status', '=', 'approved').then(1).end()).as('approved'),
      eb.fn.count<number>(eb.case().when(eb.and([eb('idempotency_key', 'like', 'bench-engines-%'), eb('status', '=', 'approved')])).then(1).end()).as('poolApproved'),
    ])
    .executeTakeFirstOrThrow()
  const leaves = await db.selectFrom('ledger_leaves').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('seq').as('maxSeq')]).executeTakeFirstOrThrow()
  const checkpoint = await db.selectFrom('ledger_checkpoints').select((eb) => eb.fn.max('size').as('size')).executeTakeFirstOrThrow()
  const n = Number(entries.withSeq)
  if (Number(entries.poolApproved) !== poolSize) problems.push(`${entries.poolApproved} of the ${poolSize} pending entries were approved`)
  if (Number(entries.distinctSeq) !== n || Number(entries.maxSeq) !== n) problems.push(`seq has gaps or repeats: ${n} entries with a seq, ${entries.distinctSeq} distinct, the highest ${entries.maxSeq}`)
  if (Number(entries.approved) !== n) problems.push(`${entries.approved} approved entries but ${n} with a seq`)
  if (Number(leaves.n) !== n || Number(leaves.maxSeq) !== n) problems.push(`${leaves.n} leaves (up to seq ${leaves.maxSeq}) for ${n} approved entries`)
  if (Number(checkpoint.size) !== n) problems.push(`the latest checkpoint covers ${checkpoint.size} of ${n} entries`)
  return problems
}

function printTables(rows: Row[]): void {
  const int = (x: number) => Math.round(x).toLocaleString('en')
  const ms = (x: number) => `${x.toFixed(0)} ms`
  const page = (p: PageFigures) => `${int(p.requestsPerSecond)} (${((100 * p.requestsPerSecond) / p.bareRequestsPerSecond).toFixed(1)}% of ${int(p.bareRequestsPerSecond)})`
  const header = ['setup', 'approvals/s', 'approve p50', 'approve p99', 'project page req/s (% of bare)', 'p99', 'ledger page req/s (% of bare)', 'p99']
  const cells = rows.map((r) => [
    r.problems.length > 0 ? `${r.setup.name} (BROKEN)` : r.setup.name,
    int(r.approvals.perSecond),
    ms(r.approvals.p50),
    ms(r.approvals.p99),
    page(r.project),
    ms(r.project.p99),
    page(r.ledger),
    ms(r.ledger.p99),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ')
  const note = `Pages: /ur/projects/<first project> and /ur/ledger, ${PAGE_CONNECTIONS} connections, ${PAGE_SECONDS} s, uncompressed; bare = node:http sending the same bytes, the mean of runs just before and just after. Approvals: ${APPROVERS} clients at once through /work/queue.`
  console.log(`\n  ${line(header)}\n${cells.map((c) => `  ${line(c)}`).join('\n')}\n  ${note}`)
  console.log('\nAs Markdown:\n')
  console.log(`| ${header.join(' | ')} |\n| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`)
  for (const c of cells) console.log(`| ${c.join(' | ')} |`)
  console.log(`\n${note}`)
}
