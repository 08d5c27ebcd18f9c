import { sql } from 'kysely'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { isDatabaseUnavailable } from '../../db/client'
import { readFacts } from '../../app/models/database-copy.server'
import { listLedger } from '../../app/models/ledger-list.server'
import { approveEntry, createEntry } from '../../app/models/ledger.server'
import { keptTotalsDrift } from '../../app/models/ledger-totals.server'
import { createTestDb } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

/**
 * A full disk, made by capping the SQLite file at the pages it has (max_page_count): every write
 * then fails as it would on a full filesystem, with SQLITE_FULL. Nothing that failed is kept,
 * nothing half-written stays, and reads go on.
 */
let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
beforeEach(async () => {
  t = await createTestDb('sqlite')
  w = await buildWorld(t.db)
})
afterEach(async () => t.close())

const receipt = (i: number) => ({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor: BigInt(i) * 100n, description: `Transfer ${i} ${'x'.repeat(500)}` }) as const

test('when the disk is full, a write fails whole as an outage the page can explain, and what was acknowledged is all there is', async () => {
  for (let i = 1; i <= 5; i++) await w.post(receipt(i))
  const waiting: number[] = []
  for (let i = 0; i < 200; i++) waiting.push((await createEntry(t.db, w.officerA, { ...receipt(100 + i), projectId: w.project, idempotencyKey: `waiting-${i}` })).id)
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(t.db)
  await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(t.db)

  // Approvals until the disk is full: the one that fails stays pending, with no leaf.
  const approved: number[] = []
  let approvalFailure: unknown = null
  for (const id of waiting) {
    try {
      await approveEntry(t.db, w.officerB, id)
      approved.push(id)
    } catch (error) {
      approvalFailure = error
      expect(await t.db.selectFrom('ledger_entries').select(['status', 'seq']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'pending', seq: null })
      expect(await t.db.selectFrom('ledger_leaves').select('seq').where('entry_id', '=', id).executeTakeFirst()).toBeUndefined()
      break
    }
  }
  expect((approvalFailure as { code?: string } | null)?.code).toBe('SQLITE_FULL')
  expect(isDatabaseUnavailable(approvalFailure)).toBe(true)
  const leaves = await t.db.selectFrom('ledger_leaves').select('entry_id').where('entry_id', 'in', waiting).execute()
  expect(leaves.map((l) => l.entry_id).sort((x, y) => x - y)).toEqual(approved.sort((x, y) => x - y))

  // Recording fails the same way, and only what was acknowledged is kept.
  const acknowledged: number[] = []
  let failure: unknown = null
  for (let i = 7; i < 500 && failure === null; i++) {
    try {
      acknowledged.push((await createEntry(t.db, w.officerA, { ...receipt(i), projectId: w.project, idempotencyKey: `full-${i}` })).id)
    } catch (error) {
      failure = error
    }
  }
  expect((failure as { code?: string }).code).toBe('SQLITE_FULL')
  expect(isDatabaseUnavailable(failure)).toBe(true)

  // Reads go on; every acknowledged entry is there and no other.
  const keys = (await t.db.selectFrom('ledger_entries').select('idempotency_key').where('idempotency_key', 'like', 'full-%').execute()).map((r) => r.idempotency_key)
  expect(keys.length).toBe(acknowledged.length)
  expect((await listLedger(t.db, {})).rows.length).toBeGreaterThan(0)
  const facts = await readFacts(t.db)
  expect(facts.tree).toMatchObject({ badLeaves: 0, gapAt: null })
  expect(facts.tree.nodesRoot).toBe(facts.tree.leavesRoot)
  expect(await keptTotalsDrift(t.db)).toBe(0)

  // Space again: the next write goes through.
  await sql`pragma max_page_count = 1073741823`.execute(t.db)
  await w.post(receipt(1000))
})

test('PostgreSQL saying it cannot write (a full disk, a read-only standby) is an outage too, not a fault of the request', () => {
  for (const code of ['53100', '25006', '53200']) expect(isDatabaseUnavailable(Object.assign(new Error('could not write'), { code }))).toBe(true)
  for (const code of ['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_IOERR_WRITE', 'SQLITE_FULL']) expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code }))).toBe(true)
  // A request's own fault is not: a check constraint, a unique key.
  for (const code of ['23514', '23505', 'SQLITE_CONSTRAINT_CHECK']) expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code }))).toBe(false)
})
