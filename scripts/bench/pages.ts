// The public pages under load (issue 13): the home, project and ledger pages in Urdu, served by the
// production build on the demo data, beside a bare node:http handler sending the same bytes in the
// same run, so each figure is read as a share of what the machine can do at that moment.
//   BENCH_ONLY=pages npm run bench      (after `npm run build`; `npm run bench` builds first)
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
import BetterSqlite3 from 'better-sqlite3'
import { createDb, type Database } from '../../db/client'
import { officerCookie, shareTransferForm, transferTarget } from '../../tests/fixtures/officers'
import { PRODUCTION_NODE_FLAGS } from './production-flags'

const DIR = './data/bench-pages'
const DATABASE_FILE = `${DIR}/hisaab.sqlite`
const PORTAL_PORT = 3301
const BARE_PORT = 3302
const CLIENTS = 50
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const MEMORY_SECONDS = 60
// What a phone's browser sends: the cache answers in brotli, and so does the bare handler.
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'ur' }

const TARGETS = {
  cachedShareOfBare: 0.5,
  p99Ms: 100,
  uncachedOneClientMs: 5,
  ledgerAtAMillionMs: 20,
  residentMb: 300,
}

interface Page {
  name: string
  path: string
}

export interface Figures {
  perSecond: number
  p99: number
  mean: number
  failures: number
}

export async function benchPublicPages(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true })
  mkdirSync(DIR, { recursive: true })
  await runToEnd('npx', ['tsx', 'scripts/seed.ts'], { DATABASE_URL: DATABASE_FILE, HISAAB_LEDGER_KEY_FILE: `${DIR}/ledger-signing-key` })
  const db = createDb(DATABASE_FILE)
  const { slug } = await db.selectFrom('projects').select('slug').orderBy('id').executeTakeFirstOrThrow()
  const pages: Page[] = [
    { name: 'home', path: '/ur' },
    { name: 'project', path: `/ur/projects/${slug}` },
    { name: 'ledger', path: '/ur/ledger' },
  ]

  const portal = await startPortal(DATABASE_FILE)
  const bumps = new BetterSqlite3(DATABASE_FILE)
  bumps.pragma('busy_timeout = 5000')
  const bumpVersion = bumps.prepare("update data_version set version = version + 1 where scope = 'public'")
  try {
    console.log(`\nPublic pages in Urdu, demo data, production build; ${CLIENTS} clients for ${SECONDS} s unless said (issue 13):`)
    const rows: string[][] = []
    for (const page of pages) {
      // The limit is measured on either side of the cached run, and averaged: on a shared machine
      // what else runs moves both, and the ratio should not depend on which came first.
      const bare = await startBare(page)
      const bareBefore = await load(`http://localhost:${BARE_PORT}${page.path}`, CLIENTS, SECONDS)
      const cached = await load(portal.url + page.path, CLIENTS, SECONDS)
      const bareAfter = await load(`http://localhost:${BARE_PORT}${page.path}`, CLIENTS, SECONDS)
      bare.kill()
      const limit: Figures = {
        perSecond: (bareBefore.perSecond + bareAfter.perSecond) / 2,
        p99: Math.max(bareBefore.p99, bareAfter.p99),
        mean: (bareBefore.mean + bareAfter.mean) / 2,
        failures: bareBefore.failures + bareAfter.failures,
      }
      const uncached = await load(portal.url + page.path, CLIENTS, SECONDS, () => bumpVersion.run())
      const alone = await load(portal.url + page.path, 1, SECONDS, () => bumpVersion.run())
      const target = page.name === 'home' ? null : TARGETS.uncachedOneClientMs
      rows.push(
        [`${page.name} ${page.path}`, '', '', ''],
        ['  bare node:http, same bytes (the limit)', rate(limit), ms(limit.p99), `before and after the cached run: ${rate(bareBefore)} and ${rate(bareAfter)} req/s`],
        ['  cached', rate(cached), ms(cached.p99), `${percent(cached.perSecond / limit.perSecond)} of the limit (target ≥ ${percent(TARGETS.cachedShareOfBare)}), p99 target ≤ ${TARGETS.p99Ms} ms${failed(cached)}`],
        ['  uncached (version bumped before each request)', rate(uncached), ms(uncached.p99), `${percent(uncached.perSecond / limit.perSecond)} of the limit${failed(uncached)}`],
        ['  uncached, 1 client', rate(alone), ms(alone.p99), `mean ${alone.mean.toFixed(2)} ms${target === null ? '' : ` (target ≤ ${target} ms)`}${failed(alone)}`],
      )
    }
    printTable(['page, how served', 'req/s', 'p99', ''], rows)

    const mix = pages.map((p) => portal.url + p.path)
    const quiet = await memoryAfter(portal, mix, MEMORY_SECONDS)
    console.log(`\n  resident memory after ${MEMORY_SECONDS} s at ${CLIENTS} clients over the three pages, cached: ${mb(quiet.rss)} (target ≤ ${TARGETS.residentMb} MB); ${rate(quiet.figures)} req/s, p99 ${ms(quiet.figures.p99)}${failed(quiet.figures)}`)

    const officers = await approvingEverySecond(db, portal.url)
    const busy = await memoryAfter(portal, mix, MEMORY_SECONDS)
    const approvals = await officers.stop()
    console.log(`  the same while an officer approves an entry every second (${approvals.approved} approved, slowest record + approve ${approvals.slowestMs.toFixed(0)} ms): ${rate(busy.figures)} req/s, p99 ${ms(busy.figures.p99)} (target ≤ ${TARGETS.p99Ms} ms)${failed(busy.figures)}; resident memory ${mb(busy.rss)}`)
  } finally {
    bumps.close()
    await db.destroy()
    await portal.stop()
  }
}

/**
 * The unfiltered ledger page, uncached, at one client, on a database already grown to a million
 * entries (scripts/bench.ts builds it): the page's totals must not cost a scan of the ledger.
 */
export async function ledgerPageAtScale(databaseFile: string, entries: number): Promise<void> {
  const portal = await startPortal(databaseFile)
  const bumps = new BetterSqlite3(databaseFile)
  bumps.pragma('busy_timeout = 5000')
  const bumpVersion = bumps.prepare("update data_version set version = version + 1 where scope = 'public'")
  try {
    const alone = await load(`${portal.url}/ur/ledger`, 1, SECONDS, () => bumpVersion.run())
    console.log(`  the ledger page /ur/ledger at ${entries.toLocaleString('en')} entries, uncached, 1 client: mean ${alone.mean.toFixed(2)} ms, p99 ${ms(alone.p99)} (target ≤ ${TARGETS.ledgerAtAMillionMs} ms)${failed(alone)}`)
  } finally {
    bumps.close()
    await portal.stop()
  }
}

export interface Portal {
  url: string
  process: ChildProcess
  stop: () => Promise<void>
}

/** The production build on a seeded SQLite file, with the signing key the seed left beside it. */
export async function startPortal(databaseFile: string): Promise<Portal> {
  const dir = dirname(databaseFile)
  const child = spawn('node', [...PRODUCTION_NODE_FLAGS, 'server.mjs'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(PORTAL_PORT), DATABASE_URL: databaseFile, HISAAB_LEDGER_KEY_FILE: `${dir}/ledger-signing-key`, HISAAB_EXPORT_DIR: `${dir}/exports` },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://localhost:${PORTAL_PORT}`
  // A database grown by bulk inserts gives its entries their leaves at the first start: minutes at a million.
  for (let i = 0; i < 3000 && !(await fetch(`${url}/ledger/checkpoint`).then((r) => r.ok).catch(() => false)); i++) await sleep(200)
  return {
    url,
    process: child,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill()
      await exited
    },
  }
}

/** The bare handler, answering with the portal's own response to this page, as a browser asked for it. */
async function startBare(page: Page): Promise<ChildProcess> {
  const recorded = await record(`http://localhost:${PORTAL_PORT}${page.path}`)
  const file = `${DIR}/bare-${page.name}.json`
  writeFileSync(file, JSON.stringify(recorded))
  const child = fork('scripts/bench/bare-server.mjs', [String(BARE_PORT), file], { stdio: 'ignore' })
  await new Promise((resolve) => child.once('message', resolve))
  return child
}

function record(url: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: BROWSER_HEADERS }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const headers = Object.fromEntries(Object.entries(res.headers).filter(([name]) => name !== 'content-length' && name !== 'date' && name !== 'connection' && name !== 'keep-alive')) as Record<string, string>
        if (res.statusCode !== 200 || headers['content-encoding'] !== 'br') reject(new Error(`${url} answered ${res.statusCode} ${headers['content-encoding'] ?? 'uncompressed'}`))
        else resolve({ status: 200, headers, body: Buffer.concat(chunks).toString('base64') })
      })
    })
      .on('error', reject)
      .end()
  })
}

/** A second's warm-up, then the run that counts. `beforeEach` runs before every request is sent. */
export async function load(url: string | string[], connections: number, seconds: number, beforeEach?: () => void): Promise<Figures> {
  // @types/autocannon (7.x) types `url` as one string; autocannon 9 takes a list and spreads the connections over it.
  const options = {
    url: url as string,
    connections,
    headers: BROWSER_HEADERS,
    ...(beforeEach && {
      requests: [
        {
          setupRequest: (req: autocannon.Request) => {
            beforeEach()
            return req
          },
        },
      ],
    }),
  }
  await autocannon({ ...options, duration: 1 })
  const result = await autocannon({ ...options, duration: seconds })
  return {
    perSecond: result.requests.average,
    p99: result.latency.p99,
    mean: result.latency.average,
    failures: result.errors + result.timeouts + result.non2xx,
  }
}

/** Load for `seconds`, then the server's resident memory as the kernel counts it. */
async function memoryAfter(portal: Portal, urls: string[], seconds: number): Promise<{ rss: number; figures: Figures }> {
  const figures = await load(urls, CLIENTS, seconds)
  const status = readFileSync(`/proc/${portal.process.pid}/status`, 'utf8')
  return { rss: Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024, figures }
}

/**
 * One officer records a share transfer and a second approves it, once a second, through the
 * portal's own forms (signed in by a session made directly, as the e2e tests do).
 */
async function approvingEverySecond(db: Database, url: string): Promise<{ stop: () => Promise<{ approved: number; slowestMs: number }> }> {
  const target = await transferTarget(db, 'chagai-community-development-trust')
  const recorder = await officerCookie(db, 'officer.chagai.1@demo.hisaab.pk', 'bench')
  const approver = await officerCookie(db, 'officer.chagai.2@demo.hisaab.pk', 'bench')
  const post = async (path: string, session: string, form: Record<string, string>) => {
    const response = await fetch(url + path, { method: 'POST', redirect: 'manual', headers: { 'Sec-Fetch-Site': 'same-origin', Cookie: session }, body: new URLSearchParams(form) })
    if (response.status !== 302) throw new Error(`${path} answered ${response.status}`)
  }
  let running = true
  let approved = 0
  let slowestMs = 0
  const loop = (async () => {
    while (running) {
      const started = performance.now()
      const key = randomUUID()
      await post('/work/entries/new', recorder, shareTransferForm(target, { amount: '1000.00', description: 'Bench transfer', idempotencyKey: key }))
      const { id } = await db.selectFrom('ledger_entries').select('id').where('idempotency_key', '=', key).executeTakeFirstOrThrow()
      await post('/work/queue', approver, { intent: 'approve', entryId: String(id) })
      approved++
      const took = performance.now() - started
      slowestMs = Math.max(slowestMs, took)
      await sleep(Math.max(0, 1000 - took))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return { approved, slowestMs }
    },
  }
}

export async function runToEnd(command: string, args: string[], env: Record<string, string>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))))
  })
}

function printTable(header: string[], rows: string[][]): void {
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  for (const row of all) console.log('  ' + row.map((cell, i) => (i === 0 || i === row.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd())
}

const rate = (f: Figures) => f.perSecond.toFixed(0)
const ms = (value: number) => `${value.toFixed(0)} ms`
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`
const percent = (share: number) => `${(share * 100).toFixed(0)}%`
const failed = (f: Figures) => (f.failures === 0 ? '' : `; ${f.failures} FAILED`)
