import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import pg from 'pg'
import { createDb, type Database } from '../../../db/client'
import { postForm, seededPostgres, signIn, startServer, type RunningServer } from './servers'

/**
 * The database connection lost in the middle of a request (a failover, a restart, an
 * administrator ending sessions): that request fails cleanly, in the reader's language, with
 * nothing half-written, and the next one gets a fresh connection.
 */
const PASSWORD = 'hisaab-demo-password'
const UNAVAILABLE = JSON.parse(readFileSync('locales/ur/common.json', 'utf8')).errors.unavailable as { title: string; body: string }
/** The ledger's advisory lock (app/models/write-transaction.server.ts): held here, it keeps an approval waiting mid-transaction. */
const LEDGER_LOCK = 'select pg_advisory_lock(1213415746, 1)'
/** This test's own connections, told apart from the server's. */
const TEST_CLIENT = 'hisaab-e2e-outage-test'

test.describe.configure({ mode: 'serial', timeout: 180_000 })

let server: RunningServer
let database: Awaited<ReturnType<typeof seededPostgres>>
let db: Database
let admin: pg.Client

test.beforeAll(async () => {
  test.setTimeout(180_000)
  database = await seededPostgres('hisaab_e2e_outage')
  const ours = `${database.url}?application_name=${TEST_CLIENT}`
  db = createDb(ours, { poolSize: 2 })
  admin = new pg.Client({ connectionString: ours })
  await admin.connect()
  server = await startServer({ databaseUrl: database.url, port: 3323, keyFile: database.keyFile, exportDir: join(database.dir, 'exports') })
})

test.afterEach(async ({}, info) => {
  // What the server said is the first thing to read when a journey fails.
  if (info.status !== info.expectedStatus) await info.attach('server stderr', { body: server?.stderr() ?? '' })
})

test.afterAll(async () => {
  await server?.stop()
  await admin?.end()
  await db?.destroy()
  await database?.drop()
})

/** Ends every connection the app server holds to its database. */
async function endServerConnections(onlyWaiting: boolean): Promise<number> {
  const { rows } = await admin.query(
    `select pg_terminate_backend(pid) as ended from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and application_name <> '${TEST_CLIENT}'
        ${onlyWaiting ? `and wait_event_type = 'Lock' and wait_event = 'advisory'` : ''}`,
  )
  return rows.filter((r: { ended: boolean }) => r.ended).length
}

test('an approval whose connection is cut mid-transaction answers 503 in Urdu, leaves the entry pending, and the next try succeeds', async () => {
  const trust = await db.selectFrom('parties').select('id').where('slug', '=', 'chagai-community-development-trust').executeTakeFirstOrThrow()
  const government = await db.selectFrom('parties').select('id').where('slug', '=', 'balochistan-mines-and-minerals-department').executeTakeFirstOrThrow()
  const { project_id: projectId } = await db.selectFrom('trust_projects').select('project_id').where('trust_party_id', '=', trust.id).orderBy('project_id').executeTakeFirstOrThrow()
  const recorder = await signIn(server.baseURL, 'officer.chagai.1@demo.hisaab.pk', PASSWORD)
  const approver = await signIn(server.baseURL, 'officer.chagai.2@demo.hisaab.pk', PASSWORD)
  const key = randomUUID()
  const recorded = await postForm(server.baseURL, '/work/entries/new', { kind: 'share_transfer', projectId: String(projectId), fromPartyId: String(government.id), toPartyId: String(trust.id), valueDate: '2025-09-01', currency: 'PKR', amount: '1234.50', idempotencyKey: key }, recorder)
  expect(recorded.status).toBe(302)
  const { id: entryId } = await db.selectFrom('ledger_entries').select('id').where('idempotency_key', '=', key).executeTakeFirstOrThrow()
  const leavesBefore = await db.selectFrom('ledger_leaves').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()

  await admin.query(LEDGER_LOCK)
  const approval = postForm(server.baseURL, '/ur/work/queue', { intent: 'approve', entryId: String(entryId) }, approver)
  // Once the approval waits on the lock inside its transaction, its connection is cut.
  await expect.poll(() => endServerConnections(true), { timeout: 20_000 }).toBe(1)
  const answer = await approval
  await admin.query('select pg_advisory_unlock_all()')

  expect(answer.status).toBe(503)
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0)
  expect(answer.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/)
  const page = await answer.text()
  expect(page).toContain('<html lang="ur" dir="rtl"')
  expect(page).toContain(UNAVAILABLE.title)
  expect(page).toContain(UNAVAILABLE.body.split('،')[0])

  // Nothing of the approval was written.
  const entry = await db.selectFrom('ledger_entries').select(['status', 'seq']).where('id', '=', entryId).executeTakeFirstOrThrow()
  expect(entry).toEqual({ status: 'pending', seq: null })
  expect(await db.selectFrom('ledger_leaves').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(leavesBefore)
  const approvedEvents = await db.selectFrom('audit_events').select('id').where('action', '=', 'ledger.entry.approved').where('target_id', '=', String(entryId)).execute()
  expect(approvedEvents).toEqual([])

  // The officer sends it again: a fresh connection, and the entry is approved once.
  const again = await postForm(server.baseURL, '/ur/work/queue', { intent: 'approve', entryId: String(entryId) }, approver)
  expect(again.status).toBe(302)
  const approved = await db.selectFrom('ledger_entries').select(['status', 'seq']).where('id', '=', entryId).executeTakeFirstOrThrow()
  expect(approved.status).toBe('approved')
  expect(await db.selectFrom('ledger_leaves').select('entry_id').where('seq', '=', approved.seq!).executeTakeFirstOrThrow()).toEqual({ entry_id: entryId })
})

test('every connection of the server cut while it idles: the next readers get their pages', async () => {
  expect(await endServerConnections(false)).toBeGreaterThan(0)
  for (const path of ['/ur', '/bal/ledger', '/projects']) {
    const response = await fetch(`${server.baseURL}${path}`)
    expect(response.status, path).toBe(200)
  }
})
