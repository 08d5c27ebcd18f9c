import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  approveReport,
  complianceSeries,
  createReport,
  EmploymentRuleError,
  findReport,
  latestCompliance,
  provinceRanking,
  quotaHistory,
  quotaInForce,
  rejectReport,
  reportHistory,
  reportQueue,
  reportScope,
  setQuota,
  type NewReport,
} from '../../app/models/employment.server'
import { complianceRows, quotaRows, reportRows } from '../../app/models/employment-export.server'
import { createTestDb } from '../fixtures/db'
import { insertUser } from '../fixtures/users'
import { buildWorld } from '../fixtures/world'

const NOW = new Date('2026-01-10T00:00:00.000Z')
const META = { ip: '203.0.113.9', userAgent: 'test' }

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
let admin: number
beforeEach(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
  admin = await insertUser(t.db, { email: 'admin@example.test', role: 'admin' })
})
afterEach(async () => t.close())

const rejected = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (e) {
    if (e instanceof EmploymentRuleError) return e
    throw e
  }
  throw new Error('expected an EmploymentRuleError')
}

const audit = (action: string) => t.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute()

const quota = (over: Partial<Parameters<typeof setQuota>[2]> = {}) =>
  setQuota(t.db, admin, { projectId: w.project, jobCategory: 'unskilled', localScope: 'district', localDistricts: ['Chagai'], minLocalBasisPoints: 7000, minWomenBasisPoints: null, validFrom: '2024-01-01', ...over }, NOW, META)

let key = 0
const report = (over: Partial<NewReport> = {}, by = w.officerA) =>
  createReport(
    t.db,
    by,
    { projectId: w.project, periodKind: 'quarter', periodStart: '2025-07-01', lines: [{ jobCategory: 'unskilled', total: 100, local: 56, women: 5 }], idempotencyKey: `r${++key}`, ...over },
    NOW,
    META,
  )

describe('quotas', () => {
  test('a new quota closes the one before it the day before, and each period is judged by its own', async () => {
    const first = await quota({ minLocalBasisPoints: 6000 })
    const second = await quota({ minLocalBasisPoints: 8000, validFrom: '2025-07-01' })
    const history = await quotaHistory(t.db, w.project)
    expect(history.map((q) => [q.id, q.validFrom, q.validTo, q.supersedesQuotaId])).toEqual([
      [second.id, '2025-07-01', null, first.id],
      [first.id, '2024-01-01', '2025-06-30', null],
    ])
    expect((await quotaInForce(t.db, w.project, 'unskilled', '2023-12-31'))).toBeNull()
    expect((await quotaInForce(t.db, w.project, 'unskilled', '2025-06-30'))?.id).toBe(first.id)
    expect((await quotaInForce(t.db, w.project, 'unskilled', '2025-07-01'))?.id).toBe(second.id)

    const events = await audit('employment.quota.set')
    expect(events).toHaveLength(2)
    expect(events[0]).toMatchObject({ ip: META.ip, user_agent: 'test', actor_user_id: admin })
  })

  test('refuses a start not after the open quota, and nonsense terms', async () => {
    await quota()
    expect((await rejected(quota({ validFrom: '2024-01-01' }))).code).toBe('quota_not_after')
    expect((await rejected(quota({ validFrom: '2026-01-01', minLocalBasisPoints: 10_001 }))).code).toBe('invalid_quota')
    expect((await rejected(quota({ validFrom: '2026-01-01', localDistricts: [' '] }))).code).toBe('invalid_quota')
    expect(await quotaHistory(t.db, w.project)).toHaveLength(1)
  })
})

describe('reports', () => {
  test('filed by one officer, approved by another; a double submit files one', async () => {
    const { id, created } = await report({ idempotencyKey: 'same' })
    expect(created).toBe(true)
    expect(await report({ idempotencyKey: 'same' })).toEqual({ id, created: false })
    expect((await rejected(approveReport(t.db, w.officerA, id, NOW))).code).toBe('own_report')
    expect(await reportScope(t.db, id)).toEqual({ projectId: w.project })
    await approveReport(t.db, w.officerB, id, NOW, META)
    expect((await rejected(approveReport(t.db, w.officerB, id, NOW))).code).toBe('not_pending')
    expect((await findReport(t.db, id))?.status).toBe('approved')
    expect((await audit('employment.report.created')).map((e) => e.target_id)).toEqual([String(id)])
    expect((await audit('employment.report.approved'))[0]).toMatchObject({ actor_user_id: w.officerB, ip: META.ip })
  })

  test('inconsistent figures are refused with a problem per field, and nothing is written', async () => {
    const error = await rejected(
      report({ lines: [{ jobCategory: 'skilled', total: 10, local: 11, women: 2, districts: { Chagai: 3 } }, { jobCategory: 'unskilled', total: 5, local: 1.5, women: -1 }] }),
    )
    expect(error.code).toBe('invalid_lines')
    expect(error.problems).toEqual({ skilled: { local: 'local_above_total', districts: 'districts_do_not_sum' }, unskilled: { local: 'not_whole', women: 'negative' } })
    expect((await rejected(report({ periodStart: '2025-08-01' }))).code).toBe('invalid_period')
    expect(await t.db.selectFrom('employment_reports').selectAll().execute()).toEqual([])
  })

  test('a month or quarter not over yet in Pakistan is refused: its figures are not final', async () => {
    // NOW is 10 January 2026: the first quarter and January are under way, December is over.
    const error = await rejected(report({ periodStart: '2026-01-01' }))
    expect(error.code).toBe('period_not_over')
    expect((await rejected(report({ periodKind: 'month', periodStart: '2026-01-01' }))).code).toBe('period_not_over')
    expect((await report({ periodKind: 'month', periodStart: '2025-12-01' })).created).toBe(true)
    // At 23:00 on 31 March in Pakistan (18:00 UTC) the quarter is not over; an hour later it is.
    const q1 = { projectId: w.project, periodKind: 'quarter' as const, periodStart: '2026-01-01', lines: [{ jobCategory: 'unskilled' as const, total: 10, local: 7, women: 1 }] }
    expect((await rejected(createReport(t.db, w.officerA, { ...q1, idempotencyKey: 'q1-early' }, new Date('2026-03-31T18:00:00.000Z')))).code).toBe('period_not_over')
    expect((await createReport(t.db, w.officerA, { ...q1, idempotencyKey: 'q1-late' }, new Date('2026-03-31T19:00:00.000Z'))).created).toBe(true)
  })

  test('one report per project and period; an amendment supersedes the approved one, which stays in the history', async () => {
    const first = await report()
    expect((await rejected(report())).code).toBe('period_taken')
    // Overlapping periods clash too: a month inside the quarter.
    expect((await rejected(report({ periodKind: 'month', periodStart: '2025-08-01' }))).code).toBe('period_taken')
    expect((await rejected(report({ supersedesReportId: first.id }))).code).toBe('not_amendable') // still pending
    await approveReport(t.db, w.officerB, first.id, NOW)
    expect((await rejected(report())).code).toBe('period_taken')

    // A rejected amendment lets the report be amended again.
    const wrong = await report({ supersedesReportId: first.id, lines: [{ jobCategory: 'unskilled', total: 100, local: 99, women: 5 }] })
    expect((await rejected(report({ supersedesReportId: first.id }))).code).toBe('period_taken')
    expect((await rejected(rejectReport(t.db, w.officerB, wrong.id, '  ', NOW))).code).toBe('reason_required')
    await rejectReport(t.db, w.officerB, wrong.id, 'local figure mistyped', NOW)

    const amendment = await report({ supersedesReportId: first.id, lines: [{ jobCategory: 'unskilled', total: 100, local: 70, women: 5, districts: { Chagai: 60, Noshki: 10 } }] })
    await approveReport(t.db, w.officerB, amendment.id, NOW)
    expect((await rejected(report({ supersedesReportId: first.id }))).code).toBe('not_amendable')

    const history = await reportHistory(t.db, w.project)
    expect(history.map((r) => [r.id, r.status, r.supersedesReportId, r.supersededByReportId])).toEqual([
      [amendment.id, 'approved', first.id, null],
      [wrong.id, 'rejected', first.id, null],
      [first.id, 'approved', null, amendment.id],
    ])
    expect(history[0]?.lines[0]?.districts).toEqual([
      { district: 'Chagai', local: 60 },
      { district: 'Noshki', local: 10 },
    ])
    expect(history[1]).toMatchObject({ rejectionReason: 'local figure mistyped', decidedBy: { id: w.officerB } })
    expect(await audit('employment.report.amended')).toHaveLength(2)
    expect(await audit('employment.report.rejected')).toHaveLength(1)

    await quota()
    const latest = await latestCompliance(t.db, w.project)
    expect(latest).toMatchObject({ reportId: amendment.id, categories: [{ jobCategory: 'unskilled', local: { met: true, shareTenthsOfPercent: 700 } }] })
  })

  test('the queue: officers see others’ pending reports in their projects, admins all, auditors none', async () => {
    const { id } = await report()
    const officer = (userId: number, projectIds: number[]) => ({ id: userId, role: 'officer' as const, scope: { trustIds: [], projectIds } })
    expect((await reportQueue(t.db, officer(w.officerB, [w.project]))).map((r) => r.id)).toEqual([id])
    expect(await reportQueue(t.db, officer(w.officerA, [w.project]))).toEqual([])
    expect(await reportQueue(t.db, officer(w.officerB, [w.project + 1]))).toEqual([])
    expect((await reportQueue(t.db, { id: admin, role: 'admin', scope: { trustIds: [], projectIds: [] } })).map((r) => r.id)).toEqual([id])
    expect(await reportQueue(t.db, { id: admin, role: 'auditor', scope: { trustIds: [], projectIds: [] } })).toEqual([])
  })
})

describe('compliance', () => {
  async function filed(periodStart: string, local: number) {
    const { id } = await report({ periodStart, lines: [{ jobCategory: 'unskilled', total: 100, local, women: 5 }] })
    await approveReport(t.db, w.officerB, id, NOW)
    return id
  }

  test('each period is judged by the quota in force on its last day, oldest first', async () => {
    await quota({ minLocalBasisPoints: 6000, validFrom: '2024-01-01' })
    await quota({ minLocalBasisPoints: 8000, validFrom: '2025-04-01', minWomenBasisPoints: 1000 })
    await filed('2025-01-01', 70)
    await filed('2025-04-01', 70)
    const series = await complianceSeries(t.db, w.project)
    expect(series.map((p) => [p.periodStart, p.categories[0]?.local.quotaBasisPoints, p.categories[0]?.local.met, p.categories[0]?.local.hiresNeeded, p.categories[0]?.women?.met])).toEqual([
      ['2025-01-01', 6000, true, 0, undefined],
      ['2025-04-01', 8000, false, 50, false],
    ])
    expect((await latestCompliance(t.db, w.project))?.periodStart).toBe('2025-04-01')
  })

  test('the province ranking: best share of categories met first, unreported projects last', async () => {
    const other = async (slug: string, name: string) =>
      (
        await t.db
          .insertInto('projects')
          .values({ slug, name_en: name, name_ur: name, name_bal: name, operator_party_id: w.company, province: 'balochistan', district: 'Chagai', status: 'production', licence_ref: slug, created_at: '2026-01-01' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const silent = await other('silent', 'Aardvark Silent')
    const good = await other('good', 'Zebra Good')
    await quota({ minLocalBasisPoints: 7000 })
    await quota({ projectId: good, minLocalBasisPoints: 7000 })
    await filed('2025-04-01', 80) // earlier period, ignored
    await filed('2025-07-01', 69)
    const { id } = await report({ projectId: good, lines: [{ jobCategory: 'unskilled', total: 3, local: 3, women: 0 }, { jobCategory: 'skilled', total: 0, local: 0, women: 0 }] })
    await approveReport(t.db, w.officerB, id, NOW)

    const ranking = await provinceRanking(t.db, 'balochistan')
    expect(ranking.map((r) => [r.project.id, r.latest?.metShareTenthsOfPercent, r.latest?.localShareTenthsOfPercent])).toEqual([
      [good, 1000, 1000],
      [w.project, 0, 690],
      [silent, undefined, undefined],
    ])
    expect(ranking[0]?.latest).toMatchObject({ categoriesJudged: 1, categoriesMet: 1, periodStart: '2025-07-01' })
    expect(await provinceRanking(t.db, 'sindh')).toEqual([])
  })
})

describe('downloads', () => {
  test('quotas, approved reports (superseded ones marked) and compliance as flat rows', async () => {
    await quota({ minWomenBasisPoints: 1000 })
    const { id: first } = await report()
    await approveReport(t.db, w.officerB, first, NOW)
    const { id: second } = await report({ supersedesReportId: first, lines: [{ jobCategory: 'unskilled', total: 100, local: 70, women: 10 }] })
    await approveReport(t.db, w.officerB, second, NOW)
    await report({ periodStart: '2025-10-01' }) // pending: never exported

    expect(await quotaRows(t.db)).toEqual([
      expect.objectContaining({ project_slug: 'acme-mine', job_category: 'unskilled', local_scope: 'district', local_districts: 'Chagai', min_local_basis_points: 7000, min_women_basis_points: 1000, valid_from: '2024-01-01', valid_to: null }),
    ])
    const reports = await reportRows(t.db)
    expect(reports.map((r) => [r.report_id, r.superseded, r.superseded_by_report_id, r.local_headcount])).toEqual([
      [first, true, second, 56],
      [second, false, null, 70],
    ])
    expect(await complianceRows(t.db, { projectId: w.project })).toEqual([
      {
        project_slug: 'acme-mine',
        period_kind: 'quarter',
        period_start: '2025-07-01',
        period_end: '2025-09-30',
        report_id: second,
        job_category: 'unskilled',
        total_headcount: 100,
        local_headcount: 70,
        women_headcount: 10,
        local_share_tenths_pct: 700,
        local_quota_bp: 7000,
        local_met: true,
        local_hires_needed: 0,
        women_share_tenths_pct: 100,
        women_quota_bp: 1000,
        women_met: true,
        women_hires_needed: 0,
      },
    ])
  })
})
