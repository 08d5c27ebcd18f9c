import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { flowsByFiscalYear, latestDisbursements, totalFlows, trustBalances, disbursedByPurpose } from '../../app/models/flows.server'
import { findProjectBySlug, listProjects, projectFacets } from '../../app/models/projects.server'
import { findTrustBySlug } from '../../app/models/trusts.server'
import { latestCompliance } from '../../app/models/employment.server'
import { createEntry, LedgerRuleError, approveEntry } from '../../app/models/ledger.server'
import { createTestDb, IMMUTABLE } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
beforeEach(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
})
afterEach(async () => t.close())

describe('flows', () => {
  test('totals per fiscal year are exact sums of approved entries, in PKR equivalent, netting reversals', async () => {
    await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2024-06-30', gfsCode: '1415E1', currency: 'PKR', amountMinor: 100_000_01n })
    await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2024-07-01', gfsCode: '1415E1', currency: 'USD', amountMinor: 10_000n, exchangeRateMicros: 278_500_000n })
    await w.post({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2024-08-01', currency: 'PKR', amountMinor: 5_000_00n })
    const spent = await w.post({ kind: 'disbursement', fromPartyId: w.trust, toPartyId: w.school, valueDate: '2024-09-01', purpose: 'education', currency: 'PKR', amountMinor: 1_234_56n })
    // A pending entry is not public and must not count.
    await createEntry(t.db, w.officerA, { kind: 'payment', projectId: w.project, fromPartyId: w.company, toPartyId: w.province, valueDate: '2024-09-02', gfsCode: '1415E1', currency: 'PKR', amountMinor: 999n, idempotencyKey: 'pending' })
    // A reversal, as issue 4's flow will write it: the negative of the original.
    await t.db.insertInto('ledger_entries').values({
      kind: 'disbursement', status: 'approved', project_id: w.project, from_party_id: w.trust, to_party_id: w.school, fiscal_year: 2024, value_date: '2024-09-03', purpose: 'education',
      currency: 'PKR', amount_minor: -1_234_56n, exchange_rate_micros: 1_000_000n, pkr_amount_minor: -1_234_56n, reverses_entry_id: spent, reversal_reason: 'duplicate',
      idempotency_key: 'rev', created_at: '2026-01-01', seq: 5,
    }).execute()

    const years = await flowsByFiscalYear(t.db)
    expect(years).toEqual([
      { fiscalYear: 2024, paidMinor: 2_785_000n, transferredMinor: 5_000_00n, contributedMinor: 0n, disbursedMinor: 0n },
      { fiscalYear: 2023, paidMinor: 100_000_01n, transferredMinor: 0n, contributedMinor: 0n, disbursedMinor: 0n },
    ])
    expect(totalFlows(years).paidMinor).toBe(100_000_01n + 2_785_000n)
    expect(await flowsByFiscalYear(t.db, { projectId: w.project + 1 })).toEqual([])
    expect(await trustBalances(t.db, w.trust)).toEqual([{ currency: 'PKR', receivedMinor: 5_000_00n, disbursedMinor: 0n, balanceMinor: 5_000_00n }])
    expect(await disbursedByPurpose(t.db, { trustPartyId: w.trust })).toEqual([{ purpose: 'education', disbursedMinor: 0n }])
    const latest = await latestDisbursements(t.db, { projectId: w.project })
    expect(latest.map((d) => d.amountMinor)).toEqual([-1_234_56n, 1_234_56n])
  })

  test('sums stay exact beyond 2^53 paisa', async () => {
    const huge = 2n ** 53n - 1n
    await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2024-07-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: huge })
    await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2024-07-02', gfsCode: '1415E1', currency: 'PKR', amountMinor: 3n })
    expect((await flowsByFiscalYear(t.db))[0]!.paidMinor).toBe(huge + 3n)
  })
})

describe('ledger rules used by the seed', () => {
  test('a disbursement above the balance is refused, saying the balance', async () => {
    await w.post({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2024-08-01', currency: 'PKR', amountMinor: 100n })
    const attempt = createEntry(t.db, w.officerA, { kind: 'disbursement', projectId: w.project, fromPartyId: w.trust, toPartyId: w.school, valueDate: '2024-09-01', purpose: 'water', currency: 'PKR', amountMinor: 101n, idempotencyKey: 'over' })
    await expect(attempt).rejects.toMatchObject({ code: 'insufficient_balance', detail: { availableMinor: 100n } })
    expect(await t.db.selectFrom('ledger_entries').select('id').where('idempotency_key', '=', 'over').execute()).toEqual([])
  })

  test('a second submit with the same key records nothing new', async () => {
    const input = { kind: 'payment' as const, projectId: w.project, fromPartyId: w.company, toPartyId: w.province, valueDate: '2024-07-01', gfsCode: '1415E1', currency: 'PKR' as const, amountMinor: 5n, idempotencyKey: 'same' }
    const first = await createEntry(t.db, w.officerA, input)
    const second = await createEntry(t.db, w.officerA, input)
    expect(second).toEqual({ id: first.id, created: false })
  })

  test('nobody approves their own entry, and an approved entry cannot be changed or deleted', async () => {
    const { id } = await createEntry(t.db, w.officerA, { kind: 'payment', projectId: w.project, fromPartyId: w.company, toPartyId: w.province, valueDate: '2024-07-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: 5n, idempotencyKey: 'own' })
    await expect(approveEntry(t.db, w.officerA, id)).rejects.toBeInstanceOf(LedgerRuleError)
    await approveEntry(t.db, w.officerB, id)
    await expect(t.db.updateTable('ledger_entries').set({ amount_minor: 6n }).where('id', '=', id).execute()).rejects.toThrow(IMMUTABLE)
    await expect(t.db.deleteFrom('ledger_entries').where('id', '=', id).execute()).rejects.toThrow(IMMUTABLE)
  })

  test('money may only flow the ways the ledger knows', async () => {
    await expect(
      createEntry(t.db, w.officerA, { kind: 'disbursement', projectId: w.project, fromPartyId: w.company, toPartyId: w.school, valueDate: '2024-07-01', purpose: 'water', currency: 'PKR', amountMinor: 5n, idempotencyKey: 'x' }),
    ).rejects.toMatchObject({ code: 'flow_not_allowed' })
  })
})

describe('projects and trusts', () => {
  test('filters by province, mineral and status', async () => {
    expect((await listProjects(t.db)).map((p) => p.slug)).toEqual(['acme-mine'])
    expect(await listProjects(t.db, { mineral: 'gold' })).toHaveLength(1)
    expect(await listProjects(t.db, { mineral: 'lithium' })).toHaveLength(0)
    expect(await listProjects(t.db, { province: 'gilgit_baltistan' })).toHaveLength(0)
    expect(await listProjects(t.db, { status: 'production', province: 'balochistan' })).toHaveLength(1)
    expect(await projectFacets(t.db)).toEqual({ provinces: ['balochistan'], minerals: ['copper', 'gold'], statuses: ['production'] })
    const project = await findProjectBySlug(t.db, 'acme-mine')
    expect(project).toMatchObject({ name: { en: 'Acme Mine', ur: 'ایکمی کان' }, operator: { en: 'acme-copper' }, minerals: ['copper', 'gold'] })
    expect(await findProjectBySlug(t.db, 'nope')).toBeNull()
    expect(await findTrustBySlug(t.db, 'chagai-trust')).toMatchObject({ projects: [{ slug: 'acme-mine' }] })
    expect(await findTrustBySlug(t.db, 'acme-copper')).toBeNull() // a company is not a trust
  })
})

describe('latest compliance', () => {
  async function report(periodStart: string, periodEnd: string, lines: Array<[string, number, number, number]>, supersedes: number | null = null) {
    const { id } = await t.db
      .insertInto('employment_reports')
      .values({ project_id: w.project, period_kind: 'quarter', period_start: periodStart, period_end: periodEnd, status: 'approved', supersedes_report_id: supersedes, idempotency_key: `${periodStart}-${supersedes}`, created_by_user_id: w.officerA, created_at: '2026-01-01', decided_by_user_id: w.officerB, decided_at: '2026-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [job_category, total, local, women] of lines) {
      await t.db.insertInto('employment_report_lines').values({ report_id: id, job_category: job_category as 'skilled', total_headcount: total, local_headcount: local, women_headcount: women }).execute()
    }
    return id
  }

  test('judges the latest, unsuperseded report against the quota in force at its end', async () => {
    const quota = { project_id: w.project, job_category: 'unskilled' as const, local_scope: 'district' as const, local_districts: '["Chagai"]', min_women_basis_points: null, supersedes_quota_id: null, created_by_user_id: null, created_at: '2026-01-01' }
    await t.db.insertInto('employment_quotas').values({ ...quota, min_local_basis_points: 5000, valid_from: '2020-01-01', valid_to: '2024-12-31' }).execute()
    await t.db.insertInto('employment_quotas').values({ ...quota, min_local_basis_points: 7000, valid_from: '2025-01-01', valid_to: null }).execute()
    expect(await latestCompliance(t.db, w.project)).toBeNull()

    await report('2024-10-01', '2024-12-31', [['unskilled', 100, 60, 0]])
    expect((await latestCompliance(t.db, w.project))!.categories[0]!.local).toMatchObject({ met: true, quotaBasisPoints: 5000 })

    const q1 = await report('2025-01-01', '2025-03-31', [['unskilled', 100, 60, 0], ['management', 0, 0, 0]])
    let latest = (await latestCompliance(t.db, w.project))!
    expect(latest.periodStart).toBe('2025-01-01')
    expect(latest.categories[0]!.local).toMatchObject({ met: false, quotaBasisPoints: 7000, hiresNeeded: 34 })
    expect(latest.categories[1]).toMatchObject({ jobCategory: 'management', quota: null, local: { met: null } })

    await report('2025-01-01', '2025-03-31', [['unskilled', 100, 70, 0]], q1)
    latest = (await latestCompliance(t.db, w.project))!
    expect(latest.categories.map((c) => c.jobCategory)).toEqual(['unskilled'])
    expect(latest.categories[0]!.local.met).toBe(true)
  })
})
