import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from '@playwright/test'
import { createDb, type Database } from '../../../db/client'
import { pakistanDateOf } from '../../../app/domain/fiscal-year'
import { run as verify } from '../../../verifier/hisaab-verify.mjs'
import { postForm, seededPostgres, signIn, startServer, type RunningServer } from './servers'

/**
 * Issue 12's proof that several app servers can stand behind one PostgreSQL database: two
 * production servers, driven at once, must keep one history.
 */
const PASSWORD = 'hisaab-demo-password'
const RECORDER_1 = 'officer.chagai.1@demo.hisaab.pk'
const RECORDER_2 = 'officer.chagai.2@demo.hisaab.pk'
const APPROVALS = 200
const URDU_THROTTLED: string = JSON.parse(readFileSync('locales/ur/account.json', 'utf8')).signIn.throttled

test.describe.configure({ mode: 'serial', timeout: 300_000 })

let servers: RunningServer[] = []
let database: Awaited<ReturnType<typeof seededPostgres>>
let db: Database

test.beforeAll(async () => {
  test.setTimeout(180_000)
  database = await seededPostgres('hisaab_e2e_two_servers')
  db = createDb(database.url, { poolSize: 2 })
  servers = await Promise.all(
    [3321, 3322].map((port) => startServer({ databaseUrl: database.url, port, keyFile: database.keyFile, exportDir: join(database.dir, `exports-${port}`) })),
  )
})

test.afterEach(async ({}, info) => {
  // What the server said is the first thing to read when a journey fails.
  if (info.status !== info.expectedStatus) await info.attach('server stderr', { body: servers.map((s) => s.stderr()).join('\n---\n') })
})

test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  await db?.destroy()
  await database?.drop()
})

test(`officers on two servers record and approve ${APPROVALS} entries at once; one history without a gap, verified offline, the same download from both`, async () => {
  const [a, b] = servers as [RunningServer, RunningServer]
  const trust = await db.selectFrom('parties').select('id').where('slug', '=', 'chagai-community-development-trust').executeTakeFirstOrThrow()
  const government = await db.selectFrom('parties').select('id').where('slug', '=', 'balochistan-mines-and-minerals-department').executeTakeFirstOrThrow()
  const { project_id: projectId } = await db.selectFrom('trust_projects').select('project_id').where('trust_party_id', '=', trust.id).orderBy('project_id').executeTakeFirstOrThrow()
  const seqBefore = (await db.selectFrom('ledger_entries').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq ?? 0

  // Both servers have the ledger page in their caches of public pages before anything is approved.
  const cachedBefore = await Promise.all(servers.map((s) => fetch(`${s.baseURL}/ur/ledger`).then((r) => r.headers.get('etag'))))
  for (const tag of cachedBefore) expect(tag).toBeTruthy()

  // Officer 1 records on server A and approves on server B; officer 2 the other way round.
  const officers = [
    { records: a, approves: b, recorder: await signIn(a.baseURL, RECORDER_1, PASSWORD), approver: await signIn(b.baseURL, RECORDER_1, PASSWORD) },
    { records: b, approves: a, recorder: await signIn(b.baseURL, RECORDER_2, PASSWORD), approver: await signIn(a.baseURL, RECORDER_2, PASSWORD) },
  ]
  /** Entries waiting for the other officer, by who recorded them. */
  const waiting: number[][] = [[], []]
  let recorded = 0
  let approved = 0

  const record = async (officer: 0 | 1) => {
    const { records, recorder } = officers[officer]!
    const key = randomUUID()
    const response = await postForm(records.baseURL, '/work/entries/new', {
      kind: 'share_transfer',
      projectId: String(projectId),
      fromPartyId: String(government.id),
      toPartyId: String(trust.id),
      // Today: the ledger page lists the newest dates first, so these lead it.
      valueDate: pakistanDateOf(new Date()),
      currency: 'PKR',
      amount: `${1000 + recorded}.25`,
      description: `Two servers, entry ${recorded}`,
      idempotencyKey: key,
    }, recorder)
    expect(response.status, await response.text()).toBe(302)
    const { id } = await db.selectFrom('ledger_entries').select('id').where('idempotency_key', '=', key).executeTakeFirstOrThrow()
    waiting[officer]!.push(id)
    recorded++
  }
  const approve = async (officer: 0 | 1) => {
    const entryId = waiting[1 - officer]!.shift()
    if (entryId === undefined) return new Promise((resolve) => setTimeout(resolve, 5))
    const { approves, approver } = officers[officer]!
    const response = await postForm(approves.baseURL, '/work/queue', { intent: 'approve', entryId: String(entryId) }, approver)
    expect(response.status, await response.text()).toBe(302)
    expect(response.headers.get('location')).toContain(`approved=${entryId}`)
    approved++
  }
  // Eight lanes at once: each officer records on one server and approves on the other.
  const lane = async (officer: 0 | 1, role: 'record' | 'approve') => {
    while (role === 'record' ? recorded < APPROVALS : approved < APPROVALS) await (role === 'record' ? record(officer) : approve(officer))
  }
  await Promise.all([lane(0, 'record'), lane(1, 'record'), lane(0, 'approve'), lane(1, 'approve'), lane(0, 'approve'), lane(1, 'approve'), lane(0, 'record'), lane(1, 'record')])
  expect(approved).toBeGreaterThanOrEqual(APPROVALS)

  // seq: no gap, no repeat, one leaf each.
  const entries = await db.selectFrom('ledger_entries').select(['id', 'seq']).where('status', '=', 'approved').orderBy('seq').execute()
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1))
  expect(entries.length).toBeGreaterThanOrEqual(seqBefore + APPROVALS)
  const leaves = await db.selectFrom('ledger_leaves').select(['seq', 'entry_id']).orderBy('seq').execute()
  expect(leaves).toEqual(entries.map((e) => ({ seq: e.seq, entry_id: e.id })))

  // Each server's cached page gave way to the approvals made on either: it lists the newest entry.
  const newest = entries.at(-1)!
  for (const [i, server] of servers.entries()) {
    const fresh = await fetch(`${server.baseURL}/ur/ledger/${newest.id}`)
    expect(fresh.status, `entry ${newest.id} on ${server.baseURL}`).toBe(200)
    const ledger = await fetch(`${server.baseURL}/ur/ledger`)
    expect(ledger.headers.get('etag')).not.toBe(cachedBefore[i])
    expect(await ledger.text()).toContain(`href="/ur/ledger/${newest.id}"`)
  }

  // Both servers serve the same checkpoint and byte-identical full downloads.
  const [checkpointA, checkpointB] = await Promise.all(servers.map((s) => fetch(`${s.baseURL}/ledger/checkpoint`).then((r) => r.text())))
  expect(checkpointB).toBe(checkpointA)
  expect(checkpointA).toContain(`\n${entries.length}\n`)
  const [ledgerA, ledgerB] = await Promise.all(servers.map((s) => fetch(`${s.baseURL}/downloads/ledger/full.ndjson`).then(async (r) => Buffer.from(await r.arrayBuffer()))))
  expect(ledgerA!.length).toBeGreaterThan(0)
  expect(ledgerB!.equals(ledgerA!)).toBe(true)

  // The standalone verifier, run as a reader runs it, accepts the download.
  const key = await fetch(`${a.baseURL}/ledger/key`).then((r) => r.text())
  const files = { ledger: join(database.dir, 'ledger.ndjson'), checkpoint: join(database.dir, 'checkpoint.txt'), key: join(database.dir, 'key.txt') }
  writeFileSync(files.ledger, ledgerA!)
  writeFileSync(files.checkpoint, checkpointA!)
  writeFileSync(files.key, key)
  const { stdout } = await promisify(execFile)('node', ['verifier/hisaab-verify.mjs', files.ledger, '--checkpoint', files.checkpoint, '--key', files.key])
  expect(stdout).toContain(`${entries.length} entries, seq 1–${entries.length} in order`)

  // Every checkpoint either server signed is a prefix of the latest: each consistent with the last.
  const lines = ledgerA!.toString('utf8').split('\n').filter((l) => l !== '')
  const { checkpoints } = (await fetch(`${b.baseURL}/ledger/checkpoints`).then((r) => r.json())) as { checkpoints: Array<{ size: number; url: string }> }
  expect(checkpoints.length).toBeGreaterThan(1)
  for (const { size, url } of checkpoints.filter((c) => c.size > 0 && c.size < entries.length)) {
    const previous = await fetch(`${servers[size % 2]!.baseURL}${url}`).then((r) => r.text())
    const report = await verify({ checkpoint: checkpointA!, key, previous }, lines)
    expect(report.join('\n'), `checkpoint ${size}`).toMatch(new RegExp(`kept checkpoint of ${size} entries .* is a prefix`))
  }
})

test('a session made on one server works on the other, and signing out on the other ends it on both', async () => {
  const [a, b] = servers as [RunningServer, RunningServer]
  const cookie = await signIn(a.baseURL, 'officer.lasbela.1@demo.hisaab.pk', PASSWORD)
  for (const server of servers) {
    const page = await fetch(`${server.baseURL}/work`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Ghulam Rasool (demo)')
  }
  const out = await postForm(b.baseURL, '/logout', {}, cookie)
  expect([302, 303]).toContain(out.status)
  for (const server of servers) {
    const page = await fetch(`${server.baseURL}/work`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(page.status, `signed out on ${b.baseURL}, still signed in on ${server.baseURL}`).toBe(302)
  }
})

test('ten wrong passwords, sent to either server, lock the account on both', async () => {
  const email = 'officer.kp.1@demo.hisaab.pk'
  for (let i = 0; i < 10; i++) {
    const wrong = await postForm(servers[i % 2]!.baseURL, '/login', { email, password: `not the password ${i}`, redirectTo: '/work' })
    expect(wrong.status).toBe(400)
  }
  // The right password now: refused on both, with the wait, in the reader's language.
  for (const server of servers) {
    const locked = await postForm(server.baseURL, '/ur/login', { email, password: PASSWORD, redirectTo: '/work' })
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(locked.headers.get('set-cookie')).toBeNull()
    expect(await locked.text()).toContain(URDU_THROTTLED.split('{{minutes}}')[0])
  }
})
