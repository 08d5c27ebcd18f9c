import type { Database } from '../../db/client'
import type { JobCategory } from '../../db/schema'
import { recordAuditEvent } from '../../app/models/audit.server'
import { approveReport, createReport } from '../../app/models/employment.server'
import { addDays } from './calendar'
import { DEMO_CREATED_AT, EMPLOYMENT, type ProjectKey } from './catalogue'
import { Random } from './random'
import type { World } from './world'

const CATEGORIES: readonly JobCategory[] = ['unskilled', 'semi_skilled', 'skilled', 'professional', 'management']

/** The eight quarters reported on: October 2023 to September 2025. */
export const REPORT_QUARTERS: ReadonlyArray<{ start: string; end: string }> = [
  { start: '2023-10-01', end: '2023-12-31' },
  { start: '2024-01-01', end: '2024-03-31' },
  { start: '2024-04-01', end: '2024-06-30' },
  { start: '2024-07-01', end: '2024-09-30' },
  { start: '2024-10-01', end: '2024-12-31' },
  { start: '2025-01-01', end: '2025-03-31' },
  { start: '2025-04-01', end: '2025-06-30' },
  { start: '2025-07-01', end: '2025-09-30' },
]

/**
 * Lines set by hand, so the compliance screens have their edge cases to show:
 * - Kohsar, unskilled, Jan–Mar 2025: 1,279 of 1,600 local is 79.94%, a hair short of 80%
 *   (and shown as 79.9%, never rounded up to 80%);
 * - Bela, skilled, Jul–Sep 2025: 20 of 40 local is exactly the 50% quota, so it is met;
 * - Tisar, semi-skilled, Jul–Sep 2025: 28 of 35 local and 7 of 35 women are exactly the 80% and
 *   20% quotas.
 * Chagai West has no management staff at all (a category of 0 employees) in every quarter.
 */
export const EDGE_CASES: Array<{ project: ProjectKey; category: JobCategory; periodStart: string; total: number; local: number; women: number }> = [
  { project: 'kohsar', category: 'unskilled', periodStart: '2025-01-01', total: 1600, local: 1279, women: 31 },
  { project: 'bela', category: 'skilled', periodStart: '2025-07-01', total: 40, local: 20, women: 0 },
  { project: 'tisar', category: 'semi_skilled', periodStart: '2025-07-01', total: 35, local: 28, women: 7 },
]

const EMPLOYMENT_SEED = 0x4a4f4253

/** Quotas per project and category, and eight approved quarterly reports, each in its own transaction. */
export async function seedEmployment(db: Database, world: World): Promise<void> {
  const rng = new Random(EMPLOYMENT_SEED)
  for (const spec of EMPLOYMENT) {
    const project = world.projects[spec.project]
    await db
      .insertInto('employment_quotas')
      .values(
        spec.quotas.map((q) => ({
          project_id: project.id,
          job_category: q.category,
          local_scope: spec.scope.kind,
          local_districts: spec.scope.kind === 'district' ? JSON.stringify(spec.scope.districts) : null,
          min_local_basis_points: q.minLocalBp,
          min_women_basis_points: q.minWomenBp ?? null,
          valid_from: '2023-07-01',
          valid_to: null,
          supersedes_quota_id: null,
          created_by_user_id: world.adminId,
          created_at: DEMO_CREATED_AT,
        })),
      )
      .execute()
  }

  for (const [index, quarter] of REPORT_QUARTERS.entries()) {
    for (const spec of EMPLOYMENT) {
      if (spec.lastPeriodEnd && quarter.end > spec.lastPeriodEnd) continue
      const project = world.projects[spec.project]
      const officers = world.trusts[project.spec.trust].officerIds
      const creator = rng.pick(officers)
      const decider = rng.pick(officers.filter((id) => id !== creator))
      const createdAt = `${addDays(quarter.end, rng.int(10, 16))}T06:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`
      const decidedAt = `${addDays(createdAt.slice(0, 10), rng.int(2, 5))}T09:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`

      const lines = CATEGORIES.map((category) => {
        const edge = EDGE_CASES.find((e) => e.project === spec.project && e.category === category && e.periodStart === quarter.start)
        if (edge) return { category, total: edge.total, local: edge.local, women: edge.women }
        const [start, end] = spec.headcount[category]
        const trend = start + Math.round(((end - start) * index) / (REPORT_QUARTERS.length - 1))
        const total = trend === 0 ? 0 : Math.max(1, trend + rng.int(-Math.ceil(trend / 40), Math.ceil(trend / 40)))
        const share = (bp: number, spread: number) => Math.min(total, Math.max(0, Math.round((total * Math.max(0, bp + rng.int(-spread, spread))) / 10_000)))
        return { category, total, local: share(spec.localBp[category], 250), women: share(spec.womenBp[category], spec.womenBp[category] === 0 ? 0 : 150) }
      })

      await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('employment_reports')
          .values({
            project_id: project.id,
            period_kind: 'quarter',
            period_start: quarter.start,
            period_end: quarter.end,
            status: 'approved',
            supersedes_report_id: null,
            idempotency_key: `demo-report-${project.spec.slug}-${quarter.start}`,
            created_by_user_id: creator,
            created_at: createdAt,
            decided_by_user_id: decider,
            decided_at: decidedAt,
            rejection_reason: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('employment_report_lines')
          .values(lines.map((l) => ({ report_id: id, job_category: l.category, total_headcount: l.total, local_headcount: l.local, women_headcount: l.women })))
          .execute()
        const target = { targetType: 'employment_report', targetId: id }
        await recordAuditEvent(trx, { actorUserId: creator, action: 'employment.report.created', ...target, details: { periodStart: quarter.start } }, new Date(createdAt))
        await recordAuditEvent(trx, { actorUserId: decider, action: 'employment.report.approved', ...target }, new Date(decidedAt))
      })
    }
  }
  await seedAmendment(db, world)
}

/** The quarter whose report is corrected by an amendment, so the history shows one superseded report. */
export const AMENDED = { project: 'kohsar' as ProjectKey, periodStart: '2024-04-01' }

/**
 * One correction through the models the forms use: Kohsar's April–June 2024 report undercounted
 * local unskilled hires by 12; the amendment (with the district breakdown) supersedes it.
 */
async function seedAmendment(db: Database, world: World): Promise<void> {
  const project = world.projects[AMENDED.project]
  const original = await db
    .selectFrom('employment_reports')
    .select(['id', 'created_by_user_id', 'decided_by_user_id', 'decided_at'])
    .where('project_id', '=', project.id)
    .where('period_start', '=', AMENDED.periodStart)
    .executeTakeFirstOrThrow()
  const lines = await db.selectFrom('employment_report_lines').selectAll().where('report_id', '=', original.id).execute()
  const spec = EMPLOYMENT.find((e) => e.project === AMENDED.project)!
  const districts = spec.scope.kind === 'district' ? spec.scope.districts : []
  const amended = CATEGORIES.flatMap((category) => {
    const line = lines.find((l) => l.job_category === category)
    if (!line) return []
    const local = category === 'unskilled' ? Math.min(line.total_headcount, line.local_headcount + 12) : line.local_headcount
    const byDistrict = category === 'unskilled' && districts[0] ? { districts: { [districts[0]]: local } } : {}
    return [{ jobCategory: category, total: line.total_headcount, local, women: line.women_headcount, ...byDistrict }]
  })
  const officers = world.trusts[project.spec.trust].officerIds
  const maker = original.decided_by_user_id ?? officers[0]!
  const checker = officers.find((id) => id !== maker)!
  const madeAt = new Date(`${addDays(original.decided_at!.slice(0, 10), 40)}T07:15:00.000Z`)
  const { id } = await createReport(
    db,
    maker,
    { projectId: project.id, periodKind: 'quarter', periodStart: AMENDED.periodStart, lines: amended, supersedesReportId: original.id, idempotencyKey: `demo-report-${project.spec.slug}-${AMENDED.periodStart}-amended` },
    madeAt,
  )
  await approveReport(db, checker, id, new Date(madeAt.getTime() + 2 * 86_400_000))
}
