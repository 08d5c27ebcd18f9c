import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { allowsEntry } from '../../app/auth/permissions'
import { approvedBalance, availableBalance } from '../../app/domain/ledger'
import { toMinor } from '../../app/domain/money'
import { approvalQueue, approveEntry, createEntry, createReversal, entryScope, findEntry, LedgerRuleError, rejectEntry, trustBalance, type NewEntry } from '../../app/models/ledger.server'
import { appendLeaf } from '../../app/models/ledger-tree.server'
import { createTestDb, IMMUTABLE } from '../fixtures/db'
import { insertUser } from '../fixtures/users'
import { buildWorld } from '../fixtures/world'

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
beforeEach(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
})
afterEach(async () => t.close())

const NOON_PKT = new Date('2026-01-10T07:00:00.000Z')
let keys = 0
const key = () => `t-${++keys}`
const receipt = (amountMinor: bigint): Omit<NewEntry, 'projectId' | 'idempotencyKey'> => ({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor })
const disbursement = (amountMinor: bigint) => ({ kind: 'disbursement' as const, projectId: w.project, fromPartyId: w.trust, toPartyId: w.school, valueDate: '2025-09-01', purpose: 'water' as const, currency: 'PKR' as const, amountMinor, idempotencyKey: key() })
const events = async (action: string) => t.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute()
const row = async (id: number) => t.db.selectFrom('ledger_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('recording', () => {
  test('a disbursement to a new beneficiary creates both in one transaction, once, with where the request came from', async () => {
    await w.post(receipt(100_00n))
    const input = { ...disbursement(10_00n), toPartyId: 0, newBeneficiary: { name: ' Girls School Nokkundi ', beneficiaryKind: 'school' as const } }
    const meta = { ip: '203.0.113.9', userAgent: 'Android 8' }
    const { id } = await createEntry(t.db, w.officerA, input, NOON_PKT, meta)
    expect(await createEntry(t.db, w.officerA, input, NOON_PKT, meta)).toEqual({ id, created: false })
    const party = await t.db.selectFrom('parties').selectAll().where('id', '=', (await row(id)).to_party_id).executeTakeFirstOrThrow()
    expect(party).toMatchObject({ kind: 'beneficiary', beneficiary_kind: 'school', slug: 'girls-school-nokkundi', name_en: 'Girls School Nokkundi', name_ur: 'Girls School Nokkundi', district: 'Chagai' })
    expect(await t.db.selectFrom('parties').select('id').where('slug', 'like', 'girls-school-nokkundi%').execute()).toHaveLength(1)
    expect(await events('party.created')).toEqual([expect.objectContaining({ target_id: String(party.id), ip: '203.0.113.9' })])
    expect(await events('ledger.entry.created')).toContainEqual(expect.objectContaining({ target_id: String(id), ip: '203.0.113.9', user_agent: 'Android 8' }))
    // A second one of the same name gets its own slug; a refused entry leaves no beneficiary behind.
    await createEntry(t.db, w.officerA, { ...input, idempotencyKey: key() })
    await expect(createEntry(t.db, w.officerA, { ...input, amountMinor: 10_000_00n, idempotencyKey: key(), newBeneficiary: { name: 'Nobody', beneficiaryKind: 'other' } })).rejects.toMatchObject({ code: 'insufficient_balance' })
    expect((await t.db.selectFrom('parties').select('slug').where('kind', '=', 'beneficiary').orderBy('id').execute()).map((p) => p.slug)).toEqual(['girls-school', 'girls-school-nokkundi', 'girls-school-nokkundi-2'])
    await expect(createEntry(t.db, w.officerA, { kind: 'payment', projectId: w.project, fromPartyId: w.company, toPartyId: 0, valueDate: '2025-07-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: 1n, idempotencyKey: key(), newBeneficiary: { name: 'X', beneficiaryKind: 'other' } })).rejects.toMatchObject({ code: 'flow_not_allowed' })
  })

  test('an amount whose PKR equivalent could not be read back exactly is refused', async () => {
    const huge = { kind: 'payment' as const, projectId: w.project, fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-07-01', gfsCode: '1415E1', currency: 'USD' as const, amountMinor: 9_000_000_000_000_000n, exchangeRateMicros: 280_000_000n }
    await expect(createEntry(t.db, w.officerA, { ...huge, idempotencyKey: key() })).rejects.toMatchObject({ code: 'amount_too_large' })
    await expect(createEntry(t.db, w.officerA, { ...huge, amountMinor: 1_000_000_000_000n, idempotencyKey: key() })).resolves.toMatchObject({ created: true })
  })

  test('text that could never be published (a lone surrogate) is refused before anything is stored', async () => {
    const payment = { kind: 'payment' as const, projectId: w.project, fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-07-01', gfsCode: '1415E1', currency: 'PKR' as const, amountMinor: 1_00n }
    for (const text of [{ reference: 'R-\uDC00' }, { description: '\uD800' }, { comments: 'x\uDBFF' }]) {
      await expect(createEntry(t.db, w.officerA, { ...payment, ...text, idempotencyKey: key() })).rejects.toMatchObject({ code: 'malformed_text' })
    }
    await w.post(receipt(100_00n))
    await expect(createEntry(t.db, w.officerA, { ...disbursement(1_00n), toPartyId: 0, newBeneficiary: { name: 'School \uDFFF', beneficiaryKind: 'school' } })).rejects.toMatchObject({ code: 'malformed_text' })
    await expect(createEntry(t.db, w.officerA, { ...disbursement(1_00n), localityId: null, newLocality: { name: '\uD800 village', kind: 'village' } })).rejects.toMatchObject({ code: 'malformed_text' })
    const original = await w.post({ ...payment, description: 'Royalty 🏫' })
    await expect(createReversal(t.db, w.officerA, { reversesEntryId: original, reason: 'Typed \uD83D twice', idempotencyKey: key() })).rejects.toMatchObject({ code: 'malformed_text' })
    expect(await t.db.selectFrom('ledger_entries').select('id').execute()).toHaveLength(2)
    expect(await t.db.selectFrom('parties').select('id').where('slug', 'like', 'school%').execute()).toHaveLength(0)
  })
})

describe('rejecting', () => {
  test('a second officer rejects a pending entry with a reason; it stays, decided, and off the public record', async () => {
    const { id } = await createEntry(t.db, w.officerA, { kind: 'payment', projectId: w.project, fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-09-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: 50n, idempotencyKey: key() }, NOON_PKT)
    await expect(rejectEntry(t.db, w.officerA, id, 'mine')).rejects.toMatchObject({ code: 'own_entry' })
    await expect(rejectEntry(t.db, w.officerB, id, '   ')).rejects.toMatchObject({ code: 'reason_required' })
    await rejectEntry(t.db, w.officerB, id, '  Duplicate of voucher 12 ', NOON_PKT)
    expect(await row(id)).toMatchObject({ status: 'rejected', rejection_reason: 'Duplicate of voucher 12', decided_by_user_id: w.officerB, decided_at: NOON_PKT.toISOString(), seq: null })
    expect(await events('ledger.entry.rejected')).toEqual([expect.objectContaining({ actor_user_id: w.officerB, target_id: String(id), details: JSON.stringify({ reason: 'Duplicate of voucher 12' }) })])
    await expect(rejectEntry(t.db, w.officerB, id, 'again')).rejects.toMatchObject({ code: 'not_pending' })
    await expect(approveEntry(t.db, w.officerB, id)).rejects.toMatchObject({ code: 'not_pending' })
    await expect(rejectEntry(t.db, w.officerB, 999_999, 'x')).rejects.toMatchObject({ code: 'not_found' })
    // The database refuses to rewrite a decided row, rejected as much as approved.
    await expect(t.db.updateTable('ledger_entries').set({ status: 'pending' }).where('id', '=', id).execute()).rejects.toThrow(IMMUTABLE)
    await expect(t.db.deleteFrom('ledger_entries').where('id', '=', id).execute()).rejects.toThrow(IMMUTABLE)
    expect(await findEntry(t.db, id, { includeNonPublic: false })).toBeNull()
    expect(await findEntry(t.db, id, { includeNonPublic: true })).toMatchObject({ status: 'rejected', internal: { rejectionReason: 'Duplicate of voucher 12', decidedBy: { id: w.officerB } } })
  })
})

describe('reversing', () => {
  test('a reversal is a pending entry with the exact negative amounts, dated the day it is asked for, in that fiscal year', async () => {
    const original = await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2024-03-15', gfsCode: '1415E1', currency: 'USD', amountMinor: 12_345_67n, exchangeRateMicros: 278_512_345n, reference: 'ROY/1', description: 'Royalty March' })
    // 21:30 UTC on 30 June is 02:30 on 1 July in Pakistan: the new fiscal year.
    const asked = new Date('2025-06-30T21:30:00.000Z')
    const { id, created } = await createReversal(t.db, w.officerA, { reversesEntryId: original, reason: ' Paid under the wrong project ', idempotencyKey: 'rev-1' }, asked)
    expect(created).toBe(true)
    const before = await row(original)
    const reversal = await row(id)
    expect(reversal).toMatchObject({
      status: 'pending',
      kind: 'payment',
      project_id: before.project_id,
      from_party_id: w.company,
      to_party_id: w.province,
      gfs_code: '1415E1',
      currency: 'USD',
      value_date: '2025-07-01',
      fiscal_year: 2025,
      exchange_rate_micros: before.exchange_rate_micros,
      reverses_entry_id: original,
      reversal_reason: 'Paid under the wrong project',
      reference: 'ROY/1',
      created_by_user_id: w.officerA,
    })
    expect(toMinor(reversal.amount_minor)).toBe(-12_345_67n)
    expect(toMinor(reversal.pkr_amount_minor) + toMinor(before.pkr_amount_minor)).toBe(0n)
    expect(await events('ledger.entry.reversal_requested')).toEqual([expect.objectContaining({ actor_user_id: w.officerA, target_id: String(id) })])

    // The same form sent twice records one reversal.
    expect(await createReversal(t.db, w.officerA, { reversesEntryId: original, reason: 'again', idempotencyKey: 'rev-1' })).toEqual({ id, created: false })

    await expect(approveEntry(t.db, w.officerA, id)).rejects.toMatchObject({ code: 'own_entry' })
    const { seq } = await approveEntry(t.db, w.officerB, id, asked)
    const approval = (await events('ledger.entry.approved')).find((e) => e.target_id === String(id))
    expect(JSON.parse(approval?.details ?? '{}')).toEqual({ seq, reversal: true, reversesEntryId: original })

    // The original row is untouched; "reversed by" is derived.
    expect(await row(original)).toEqual(before)
    const view = await findEntry(t.db, original, { includeNonPublic: false })
    expect(view).toMatchObject({ status: 'approved', reversedBy: { id, seq }, reverses: null, internal: null })
    expect(await findEntry(t.db, id, { includeNonPublic: false })).toMatchObject({ reverses: { id: original, seq: before.seq }, reversedBy: null, reversalReason: 'Paid under the wrong project', amountMinor: -12_345_67n })
  })

  test('only an approved entry that is not a reversal and is not already being reversed can be reversed', async () => {
    const pending = await createEntry(t.db, w.officerA, { kind: 'payment', projectId: w.project, fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-07-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: 5_00n, idempotencyKey: key() })
    await expect(createReversal(t.db, w.officerB, { reversesEntryId: pending.id, reason: 'x', idempotencyKey: key() })).rejects.toMatchObject({ code: 'not_reversible', detail: { why: 'not_approved' } })
    await expect(createReversal(t.db, w.officerB, { reversesEntryId: 424242, reason: 'x', idempotencyKey: key() })).rejects.toMatchObject({ code: 'not_found' })

    const original = await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-07-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: 7_00n })
    await expect(createReversal(t.db, w.officerB, { reversesEntryId: original, reason: ' ', idempotencyKey: key() })).rejects.toMatchObject({ code: 'reason_required' })
    const first = await createReversal(t.db, w.officerB, { reversesEntryId: original, reason: 'wrong amount', idempotencyKey: key() })
    await expect(createReversal(t.db, w.officerA, { reversesEntryId: original, reason: 'also', idempotencyKey: key() })).rejects.toMatchObject({ code: 'not_reversible', detail: { why: 'already_reversed', reversalId: first.id } })
    expect(await findEntry(t.db, original, { includeNonPublic: true })).toMatchObject({ reversedBy: null, internal: { pendingReversalId: first.id } })

    // A rejected reversal does not block a second, better-argued attempt ...
    await rejectEntry(t.db, w.officerA, first.id, 'Say which amount was wrong')
    const second = await createReversal(t.db, w.officerB, { reversesEntryId: original, reason: 'Amount was Rs 7, should be Rs 70', idempotencyKey: key() })
    await approveEntry(t.db, w.officerA, second.id)
    // ... but once approved, the entry is reversed for good, and a reversal is not itself reversed.
    await expect(createReversal(t.db, w.officerA, { reversesEntryId: original, reason: 'again', idempotencyKey: key() })).rejects.toMatchObject({ code: 'not_reversible', detail: { why: 'already_reversed' } })
    await expect(createReversal(t.db, w.officerA, { reversesEntryId: second.id, reason: 'undo', idempotencyKey: key() })).rejects.toMatchObject({ code: 'not_reversible', detail: { why: 'is_reversal' } })
    expect((await findEntry(t.db, original, { includeNonPublic: false }))?.reversedBy?.id).toBe(second.id)
  })

  test('the database itself allows one live reversal per entry, whatever the code does', async () => {
    const original = await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-07-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: 7_00n })
    const copy = async (status: 'pending' | 'rejected', idempotency_key: string) =>
      t.db
        .insertInto('ledger_entries')
        .values({ kind: 'payment', status, project_id: w.project, from_party_id: w.company, to_party_id: w.province, fiscal_year: 2025, value_date: '2025-07-02', gfs_code: '1415E1', currency: 'PKR', amount_minor: -7_00n, exchange_rate_micros: 1_000_000n, pkr_amount_minor: -7_00n, reverses_entry_id: original, reversal_reason: 'x', idempotency_key, created_at: '2026-01-01' })
        .execute()
    await copy('rejected', 'a')
    await copy('rejected', 'b')
    await copy('pending', 'c')
    await expect(copy('pending', 'd')).rejects.toThrow(/UNIQUE constraint failed|violates unique constraint "ledger_one_live_reversal"/)
  })

  test("reversing a receipt may not take the trust's money below what it has already spent or promised", async () => {
    const big = await w.post(receipt(100_00n))
    const small = await w.post(receipt(30_00n))
    const spend = await createEntry(t.db, w.officerA, disbursement(80_00n))
    // 130 in, 80 promised: taking back 100 would leave −50.
    await expect(createReversal(t.db, w.officerB, { reversesEntryId: big, reason: 'wrong trust', idempotencyKey: key() })).rejects.toMatchObject({ code: 'insufficient_balance', detail: { availableMinor: 50_00n } })
    const rev = await createReversal(t.db, w.officerB, { reversesEntryId: small, reason: 'wrong trust', idempotencyKey: key() })
    // A pending reversal of a receipt already holds its money back from new disbursements.
    expect(availableBalance(await trustBalance(t.db, w.trust, 'PKR'))).toBe(20_00n)
    await expect(createEntry(t.db, w.officerA, disbursement(20_01n))).rejects.toMatchObject({ code: 'insufficient_balance', detail: { availableMinor: 20_00n } })
    await approveEntry(t.db, w.officerA, rev.id)
    await approveEntry(t.db, w.officerB, spend.id)
    expect(approvedBalance(await trustBalance(t.db, w.trust, 'PKR'))).toBe(20_00n)
  })

  test('reversing a disbursement gives the money back only once approved', async () => {
    await w.post(receipt(100_00n))
    const spent = await w.post({ kind: 'disbursement', fromPartyId: w.trust, toPartyId: w.school, valueDate: '2025-09-01', purpose: 'water', currency: 'PKR', amountMinor: 90_00n })
    const rev = await createReversal(t.db, w.officerA, { reversesEntryId: spent, reason: 'paid twice', idempotencyKey: key() })
    expect(await trustBalance(t.db, w.trust, 'PKR')).toEqual({ receiptsMinor: 100_00n, disbursedMinor: 90_00n, pendingDisbursementsMinor: 0n, pendingReceiptReversalsMinor: 0n })
    await approveEntry(t.db, w.officerB, rev.id)
    expect(await trustBalance(t.db, w.trust, 'PKR')).toMatchObject({ disbursedMinor: 0n })
  })
})

describe('approving', () => {
  test('a disbursement is refused at approval if approved money no longer covers it', async () => {
    await w.post(receipt(100_00n))
    const first = await createEntry(t.db, w.officerA, disbursement(60_00n))
    // Recorded while 40 was still free.
    const second = await createEntry(t.db, w.officerA, disbursement(40_00n))
    // Money that arrived and was then taken back in between: not possible by the forms, so written here directly.
    const clawback = await t.db
      .insertInto('ledger_entries')
      .values({ kind: 'share_transfer', status: 'approved', seq: 2, project_id: w.project, from_party_id: w.province, to_party_id: w.trust, fiscal_year: 2025, value_date: '2025-09-02', currency: 'PKR', amount_minor: -10_00n, exchange_rate_micros: 1_000_000n, pkr_amount_minor: -10_00n, reverses_entry_id: 1, reversal_reason: 'clawback', idempotency_key: 'direct', created_at: '2026-01-01', decided_at: '2026-01-01T00:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendLeaf(t.db, clawback.id)
    await approveEntry(t.db, w.officerB, first.id)
    await expect(approveEntry(t.db, w.officerB, second.id)).rejects.toMatchObject({ code: 'insufficient_balance', detail: { availableMinor: 30_00n, currency: 'PKR' } })
    expect((await row(second.id)).status).toBe('pending')
    expect((await events('ledger.entry.approved')).filter((e) => e.target_id === String(second.id))).toEqual([])
  })

  test('property: through any sequence of records, approvals, rejections and reversals, no balance goes below zero', async () => {
    type Op =
      | { op: 'receive'; amount: bigint }
      | { op: 'spend'; amount: bigint }
      | { op: 'approve' | 'reject' | 'reverse'; pick: number }
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('receive' as const), amount: fc.bigInt({ min: 1n, max: 10_000n }) }),
      fc.record({ op: fc.constant('spend' as const), amount: fc.bigInt({ min: 1n, max: 10_000n }) }),
      fc.record({ op: fc.constantFrom('approve' as const, 'reject' as const, 'reverse' as const), pick: fc.nat() }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const db = await createTestDb()
        try {
          const world = await buildWorld(db.db)
          let n = 0
          for (const o of ops) {
            try {
              if (o.op === 'receive') {
                await createEntry(db.db, world.officerA, { kind: 'direct_contribution', projectId: world.project, fromPartyId: world.company, toPartyId: world.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor: o.amount, idempotencyKey: `p${++n}` })
              } else if (o.op === 'spend') {
                await createEntry(db.db, world.officerA, { kind: 'disbursement', projectId: world.project, fromPartyId: world.trust, toPartyId: world.school, valueDate: '2025-08-02', purpose: 'health', currency: 'PKR', amountMinor: o.amount, idempotencyKey: `p${++n}` })
              } else {
                const status = o.op === 'reverse' ? 'approved' : 'pending'
                const candidates = await db.db.selectFrom('ledger_entries').select('id').where('status', '=', status).orderBy('id').execute()
                const target = candidates[o.pick % Math.max(candidates.length, 1)]
                if (!target) continue
                if (o.op === 'approve') await approveEntry(db.db, world.officerB, target.id)
                else if (o.op === 'reject') await rejectEntry(db.db, world.officerB, target.id, 'no')
                else await createReversal(db.db, world.officerB, { reversesEntryId: target.id, reason: 'undo', idempotencyKey: `p${++n}` })
              }
            } catch (error) {
              if (!(error instanceof LedgerRuleError)) throw error
            }
            const money = await trustBalance(db.db, world.trust, 'PKR')
            expect(approvedBalance(money)).toBeGreaterThanOrEqual(0n)
            expect(availableBalance(money)).toBeGreaterThanOrEqual(0n)
          }
        } finally {
          await db.close()
        }
      }),
      { numRuns: 25 },
    )
  }, 120_000)
})

describe('scope and the approval queue', () => {
  async function setting() {
    const insertParty = async (slug: string, kind: 'trust' | 'beneficiary' | 'company' | 'government_provincial') =>
      (
        await t.db
          .insertInto('parties')
          .values({ slug, kind, beneficiary_kind: kind === 'beneficiary' ? 'clinic' : null, name_en: slug, name_ur: `${slug}-ur`, name_bal: `${slug}-bal`, province: 'balochistan', district: 'Lasbela', locality_id: null, registration_ref: null, created_at: '2026-01-01' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const otherTrust = await insertParty('lasbela-trust', 'trust')
    const clinic = await insertParty('bela-clinic', 'beneficiary')
    const otherProject = (
      await t.db
        .insertInto('projects')
        .values({ slug: 'bela', name_en: 'Bela', name_ur: 'بیلہ', name_bal: 'بێلہ', operator_party_id: w.company, province: 'balochistan', district: 'Lasbela', status: 'production', licence_ref: 'ML-2', created_at: '2026-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const scoped = async (email: string, trustIds: number[], projectIds: number[]) => {
      const id = await insertUser(t.db, { email })
      for (const trust_party_id of trustIds) await t.db.insertInto('user_scopes').values({ user_id: id, trust_party_id, project_id: null }).execute()
      for (const project_id of projectIds) await t.db.insertInto('user_scopes').values({ user_id: id, trust_party_id: null, project_id }).execute()
      return { id, role: 'officer' as const, scope: { trustIds, projectIds } }
    }
    const chagaiOfficer = await scoped('c@example.test', [w.trust], [w.project])
    const belaOfficer = await scoped('l@example.test', [otherTrust], [otherProject])
    const admin = { id: await insertUser(t.db, { email: 'admin@example.test', role: 'admin' }), role: 'admin' as const, scope: { trustIds: [], projectIds: [] } }
    const auditor = { id: await insertUser(t.db, { email: 'aud@example.test', role: 'auditor' }), role: 'auditor' as const, scope: { trustIds: [], projectIds: [] } }

    await w.post(receipt(500_00n))
    await t.db.insertInto('ledger_entries').values({ kind: 'direct_contribution', status: 'approved', seq: 50, project_id: otherProject, from_party_id: w.company, to_party_id: otherTrust, fiscal_year: 2025, value_date: '2025-08-01', currency: 'PKR', amount_minor: 500_00n, exchange_rate_micros: 1_000_000n, pkr_amount_minor: 500_00n, idempotency_key: 'seed-bela', created_at: '2026-01-01' }).execute()
    const chagaiSpend = (await createEntry(t.db, w.officerA, disbursement(10_00n), new Date('2026-01-02T00:00:00Z'))).id
    const chagaiPayment = (await createEntry(t.db, chagaiOfficer.id, { kind: 'payment', projectId: w.project, fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-09-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: 1_00n, idempotencyKey: key() }, new Date('2026-01-03T00:00:00Z'))).id
    const belaSpend = (await createEntry(t.db, belaOfficer.id, { kind: 'disbursement', projectId: otherProject, fromPartyId: otherTrust, toPartyId: clinic, valueDate: '2025-09-01', purpose: 'health', currency: 'PKR', amountMinor: 5_00n, idempotencyKey: key() }, new Date('2026-01-04T00:00:00Z'))).id
    // Charged to the Chagai project but paid by the Lasbela trust: both officers reach half of it.
    const mixed = (await createEntry(t.db, belaOfficer.id, { kind: 'disbursement', projectId: w.project, fromPartyId: otherTrust, toPartyId: clinic, valueDate: '2025-09-02', purpose: 'health', currency: 'PKR', amountMinor: 6_00n, idempotencyKey: key() }, new Date('2026-01-05T00:00:00Z'))).id
    return { otherTrust, otherProject, chagaiOfficer, belaOfficer, admin, auditor, chagaiSpend, chagaiPayment, belaSpend, mixed }
  }

  test('entryScope names the project and the trusts an entry touches', async () => {
    const s = await setting()
    expect(await entryScope(t.db, s.chagaiSpend)).toEqual({ projectId: w.project, trustIds: [w.trust] })
    expect(await entryScope(t.db, s.chagaiPayment)).toEqual({ projectId: w.project, trustIds: [] })
    expect(await entryScope(t.db, s.mixed)).toEqual({ projectId: w.project, trustIds: [s.otherTrust] })
    expect(await entryScope(t.db, 987_654)).toBeNull()
  })

  test('each user sees exactly the pending entries they may decide, oldest first, never their own', async () => {
    const s = await setting()
    const ids = async (user: Parameters<typeof approvalQueue>[1]) => (await approvalQueue(t.db, user)).map((e) => e.id)
    expect(await ids(s.chagaiOfficer)).toEqual([s.chagaiSpend]) // its own payment is not there; the mixed one is half out of scope
    expect(await ids(s.belaOfficer)).toEqual([]) // its own entries only
    expect(await ids({ id: w.officerB, role: 'officer', scope: { trustIds: [w.trust], projectIds: [w.project] } })).toEqual([s.chagaiSpend, s.chagaiPayment])
    expect(await ids(s.admin)).toEqual([s.chagaiSpend, s.chagaiPayment, s.belaSpend, s.mixed])
    expect(await ids(s.auditor)).toEqual([])
    expect(await ids({ id: 12345, role: 'officer', scope: { trustIds: [w.trust], projectIds: [] } })).toEqual([])

    // The queue agrees with the permission check the approve action makes, entry by entry.
    const pending = await t.db.selectFrom('ledger_entries').select(['id', 'created_by_user_id']).where('status', '=', 'pending').execute()
    for (const user of [s.chagaiOfficer, s.belaOfficer, s.admin, s.auditor]) {
      const queue = await ids(user)
      for (const entry of pending) {
        const scope = await entryScope(t.db, entry.id)
        const may = entry.created_by_user_id !== user.id && allowsEntry(user, 'approve:records', scope!)
        expect(queue.includes(entry.id), `user ${user.id}, entry ${entry.id}`).toBe(may)
      }
    }
  })

  test('a queue row carries what the page shows', async () => {
    const s = await setting()
    const [entry] = await approvalQueue(t.db, s.admin)
    expect(entry).toMatchObject({
      id: s.chagaiSpend,
      kind: 'disbursement',
      valueDate: '2025-09-01',
      currency: 'PKR',
      amountMinor: 10_00n,
      from: { id: w.trust, kind: 'trust', name: { en: 'chagai-trust', ur: 'chagai-trust-ur', bal: 'chagai-trust-bal' } },
      to: { id: w.school, name: { en: 'girls-school', ur: 'girls-school-ur', bal: 'girls-school-bal' } },
      project: { id: w.project, name: { en: 'Acme Mine', ur: 'ایکمی کان' } },
      createdBy: { id: w.officerA, name: 'a@example.test' },
      createdAt: '2026-01-02T00:00:00.000Z',
      reversesEntryId: null,
      trustIds: [w.trust],
    })
  })
})

describe('findEntry', () => {
  test('gives every display field; officers’ names and pending entries only to those who may read non-public records', async () => {
    const locality = (await t.db.insertInto('localities').values({ kind: 'village', name_en: 'Nokkundi', name_ur: 'نوکنڈی', name_bal: 'نوکنڈی', district: 'Chagai', province: 'balochistan', parent_id: null }).returning('id').executeTakeFirstOrThrow()).id
    await w.post(receipt(100_00n))
    const id = await w.post({ kind: 'disbursement', fromPartyId: w.trust, toPartyId: w.school, valueDate: '2025-09-01', purpose: 'education', localityId: locality, currency: 'PKR', amountMinor: 12_34n, reference: 'PV/1', description: 'Books', comments: 'Receipt on file' })
    const pay = await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-09-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: 1n })
    const pub = await findEntry(t.db, id, { includeNonPublic: false })
    expect(pub).toMatchObject({
      id,
      seq: 2,
      status: 'approved',
      kind: 'disbursement',
      fiscalYear: 2025,
      purpose: 'education',
      locality: { id: locality, name: { en: 'Nokkundi', ur: 'نوکنڈی', bal: 'نوکنڈی' } },
      reference: 'PV/1',
      description: 'Books',
      comments: 'Receipt on file',
      amountMinor: 12_34n,
      pkrAmountMinor: 12_34n,
      exchangeRateMicros: 1_000_000n,
      gfs: null,
      trustIds: [w.trust],
      reverses: null,
      reversedBy: null,
      internal: null,
    })
    expect(await findEntry(t.db, pay, { includeNonPublic: false })).toMatchObject({ gfs: { code: '1415E1', nameEn: 'Royalties' } })
    expect(await findEntry(t.db, id, { includeNonPublic: true })).toMatchObject({ internal: { createdBy: { id: w.officerA, name: 'a@example.test' }, decidedBy: { id: w.officerB, name: 'b@example.test' }, rejectionReason: null, pendingReversalId: null } })
    const pending = await createEntry(t.db, w.officerA, disbursement(1_00n))
    expect(await findEntry(t.db, pending.id, { includeNonPublic: false })).toBeNull()
    expect(await findEntry(t.db, pending.id, { includeNonPublic: true })).toMatchObject({ status: 'pending', seq: null })
    expect(await findEntry(t.db, 31337, { includeNonPublic: true })).toBeNull()
  })
})

describe('every write lands with its audit event, or neither does', () => {
  test('a refused reversal or approval leaves no row and no event behind', async () => {
    const before = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    await expect(createReversal(t.db, w.officerA, { reversesEntryId: 5, reason: 'x', idempotencyKey: 'gone' })).rejects.toBeInstanceOf(LedgerRuleError)
    const after = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
    expect(await t.db.selectFrom('ledger_entries').select('id').where('idempotency_key', '=', 'gone').execute()).toEqual([])
  })
})

describe('a new place typed into a disbursement', () => {
  test('is created with the entry, in the project\'s district, in one transaction; a refused entry leaves no place behind', async () => {
    const t = await createTestDb()
    try {
      const w = await buildWorld(t.db)
      await w.post({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2024-08-01', currency: 'PKR', amountMinor: 1_000n })
      const entry = { kind: 'disbursement' as const, projectId: w.project, fromPartyId: w.trust, toPartyId: w.school, valueDate: '2024-09-01', purpose: 'water' as const, currency: 'PKR' as const, newLocality: { name: 'Dak', kind: 'village' as const } }
      const { id } = await createEntry(t.db, w.officerA, { ...entry, amountMinor: 500n, idempotencyKey: 'with-place' })
      const row = await t.db.selectFrom('ledger_entries').innerJoin('localities', 'localities.id', 'ledger_entries.locality_id').select(['localities.name_en', 'localities.district', 'localities.kind']).where('ledger_entries.id', '=', id).executeTakeFirstOrThrow()
      expect(row).toEqual({ name_en: 'Dak', district: 'Chagai', kind: 'village' })
      await expect(createEntry(t.db, w.officerA, { ...entry, newLocality: { name: 'Nowhere', kind: 'village' }, amountMinor: 10_000n, idempotencyKey: 'too-much' })).rejects.toMatchObject({ code: 'insufficient_balance' })
      expect(await t.db.selectFrom('localities').select('id').where('name_en', '=', 'Nowhere').execute()).toEqual([])
    } finally {
      await t.close()
    }
  })
})
