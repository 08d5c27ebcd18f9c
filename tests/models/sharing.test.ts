import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { approveEntry, createReversal } from '../../app/models/ledger.server'
import { explainGap, setSharingRule, SharingRuleError, sharingGaps } from '../../app/models/sharing.server'
import { createTestDb } from '../fixtures/db'
import { insertUser } from '../fixtures/users'
import { buildWorld } from '../fixtures/world'

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
let admin: number
let auditor: number
beforeEach(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
  admin = await insertUser(t.db, { email: 'admin@example.test', role: 'admin' })
  auditor = await insertUser(t.db, { email: 'auditor@example.test', role: 'auditor' })
})
afterEach(async () => t.close())

const NOW = new Date('2026-01-01T00:00:00Z')
const royalty = (valueDate: string, amountMinor: bigint, extra: object = {}) =>
  w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate, gfsCode: '1415E1', currency: 'PKR', amountMinor, ...extra })
const transfer = (valueDate: string, amountMinor: bigint) => w.post({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate, currency: 'PKR', amountMinor })
const events = async (action: string) => t.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute()

describe('setting a revenue-sharing rule', () => {
  test('closes the rule in force the day before the new one starts, in one transaction with its audit event', async () => {
    const first = await setSharingRule(t.db, admin, { projectId: w.project, trustId: w.trust, gfsCode: '1415E1', shareBasisPoints: 1000, validFrom: '2016-07-01', notes: ' Lease ' }, NOW)
    expect(first.closedRuleId).toBeNull()
    const second = await setSharingRule(t.db, admin, { projectId: w.project, trustId: w.trust, gfsCode: '1415E1', shareBasisPoints: 1200, validFrom: '2025-01-01' }, NOW)
    expect(second.closedRuleId).toBe(first.id)
    const rules = await t.db.selectFrom('revenue_sharing_rules').select(['id', 'share_basis_points', 'valid_from', 'valid_to', 'notes', 'created_by_user_id']).orderBy('id').execute()
    expect(rules).toEqual([
      { id: first.id, share_basis_points: 1000, valid_from: '2016-07-01', valid_to: '2024-12-31', notes: 'Lease', created_by_user_id: admin },
      { id: second.id, share_basis_points: 1200, valid_from: '2025-01-01', valid_to: null, notes: null, created_by_user_id: admin },
    ])
    const audit = await events('sharing.rule.set')
    expect(audit).toHaveLength(2)
    expect(JSON.parse(audit[1]!.details!)).toEqual({ projectId: w.project, trustId: w.trust, gfsCode: '1415E1', shareBasisPoints: 1200, validFrom: '2025-01-01', closedRuleId: first.id })
  })

  test('refuses to rewrite the past, a share out of range, and things that are not what they claim', async () => {
    await setSharingRule(t.db, admin, { projectId: w.project, trustId: w.trust, gfsCode: '1415E1', shareBasisPoints: 1000, validFrom: '2020-07-01' })
    const attempt = (patch: object) => setSharingRule(t.db, admin, { projectId: w.project, trustId: w.trust, gfsCode: '1415E1', shareBasisPoints: 900, validFrom: '2024-07-01', ...patch })
    await expect(attempt({ validFrom: '2020-07-01' })).rejects.toMatchObject({ code: 'not_after_existing' })
    await expect(attempt({ validFrom: '2019-01-01' })).rejects.toMatchObject({ code: 'not_after_existing' })
    await expect(attempt({ shareBasisPoints: 0 })).rejects.toMatchObject({ code: 'invalid_share' })
    await expect(attempt({ validFrom: '2024-13-01' })).rejects.toMatchObject({ code: 'invalid_date' })
    await expect(attempt({ trustId: w.school })).rejects.toMatchObject({ code: 'not_a_trust' })
    await expect(attempt({ projectId: 999 })).rejects.toMatchObject({ code: 'unknown_project' })
    await expect(attempt({ gfsCode: '9999E' })).rejects.toBeInstanceOf(SharingRuleError)
    expect(await t.db.selectFrom('revenue_sharing_rules').select('valid_to').execute()).toEqual([{ valid_to: null }])
    expect(await events('sharing.rule.set')).toHaveLength(1)
  })
})

describe('expected against actual', () => {
  test('per fiscal year: each payment shared under the rule of its day, rounded down; transfers netted of reversals; shortfalls flagged', async () => {
    await setSharingRule(t.db, admin, { projectId: w.project, trustId: w.trust, gfsCode: '1415E1', shareBasisPoints: 1000, validFrom: '2016-07-01' })
    await setSharingRule(t.db, admin, { projectId: w.project, trustId: w.trust, gfsCode: '1415E1', shareBasisPoints: 1200, validFrom: '2025-01-01' })
    // FY 2024-25
    await royalty('2024-08-01', 100_05n) // 10% → 10.005 → Rs 10.00
    await royalty('2025-02-01', 200_00n) // 12% → Rs 24.00
    await royalty('2025-03-01', 100_00n, { currency: 'USD', exchangeRateMicros: 280_000_000n }) // $100 = Rs 28,000 → 12% = Rs 3,360.00
    await royalty('2025-03-02', 999_00n, { gfsCode: '1112E1' }) // income tax: not shared
    await transfer('2024-09-30', 10_00n)
    await transfer('2025-03-31', 3_000_00n)
    const wrong = await transfer('2025-04-15', 500_00n)
    const { id: rev } = await createReversal(t.db, w.officerA, { reversesEntryId: wrong, reason: 'sent twice', idempotencyKey: 'r' }, new Date('2025-05-01T06:00:00Z'))
    await approveEntry(t.db, w.officerB, rev)
    // FY 2023-24: paid exactly
    await royalty('2024-01-10', 50_00n)
    await transfer('2024-03-29', 5_00n)

    const rows = await sharingGaps(t.db, { asOf: '2025-06-30' })
    expect(rows.map((r) => [r.fiscalYear, r.expectedMinor, r.transferredMinor, r.gapMinor, r.shortfall, r.yearInProgress])).toEqual([
      [2024, 10_00n + 24_00n + 3_360_00n, 3_010_00n, 384_00n, true, true],
      [2023, 5_00n, 5_00n, 0n, false, false],
    ])
    const [current] = rows
    expect(current).toMatchObject({
      project: { id: w.project, slug: 'acme-mine', name: { en: 'Acme Mine' } },
      trust: { id: w.trust, slug: 'chagai-trust' },
      royaltiesMinor: 100_05n + 200_00n + 28_000_00n,
      uncoveredRoyaltiesMinor: 0n,
    })
    expect(current!.rules.map((r) => [r.shareBasisPoints, r.validFrom, r.validTo, r.payments, r.royaltiesMinor, r.expectedMinor])).toEqual([
      [1000, '2016-07-01', '2024-12-31', 1, 100_05n, 10_00n],
      [1200, '2025-01-01', null, 2, 28_200_00n, 3_384_00n],
    ])
    expect((await sharingGaps(t.db, { asOf: '2025-07-01' }))[0]!.yearInProgress).toBe(false)
    expect(await sharingGaps(t.db, { projectId: w.project + 1 })).toEqual([])
  })

  test('pending payments do not count; a transfer with no rule is shown as over, not short; royalties before any rule are reported', async () => {
    await royalty('2024-08-01', 100_00n)
    await transfer('2024-09-30', 7_00n)
    let rows = await sharingGaps(t.db)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ fiscalYear: 2024, expectedMinor: 0n, transferredMinor: 7_00n, gapMinor: -7_00n, shortfall: false, rules: [] })

    await setSharingRule(t.db, admin, { projectId: w.project, trustId: w.trust, gfsCode: '1415E1', shareBasisPoints: 1000, validFrom: '2024-09-01' })
    rows = await sharingGaps(t.db)
    expect(rows[0]).toMatchObject({ expectedMinor: 0n, uncoveredRoyaltiesMinor: 100_00n, royaltiesMinor: 100_00n })
  })

  test('an auditor explains a gap; the explanation shows with its author and date', async () => {
    await setSharingRule(t.db, admin, { projectId: w.project, trustId: w.trust, gfsCode: '1415E1', shareBasisPoints: 1000, validFrom: '2016-07-01' })
    await royalty('2024-08-01', 100_00n)
    await expect(explainGap(t.db, auditor, { projectId: w.project, trustId: w.trust, fiscalYear: 2024, explanation: '  ' })).rejects.toMatchObject({ code: 'explanation_required' })
    await expect(explainGap(t.db, auditor, { projectId: w.project, trustId: w.company, fiscalYear: 2024, explanation: 'x' })).rejects.toMatchObject({ code: 'not_a_trust' })
    const { id } = await explainGap(t.db, auditor, { projectId: w.project, trustId: w.trust, fiscalYear: 2024, explanation: ' Q4 transfer delayed by the provincial budget freeze. ' }, NOW, { ip: '198.51.100.7' })
    const [row] = await sharingGaps(t.db)
    expect(row).toMatchObject({ shortfall: true, gapMinor: 10_00n, explanations: [{ id, explanation: 'Q4 transfer delayed by the provincial budget freeze.', author: 'auditor@example.test', createdAt: NOW.toISOString() }] })
    expect(await events('sharing.gap.explained')).toEqual([expect.objectContaining({ actor_user_id: auditor, target_id: String(id), ip: '198.51.100.7' })])
  })
})
