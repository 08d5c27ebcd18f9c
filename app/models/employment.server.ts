import type { Database } from '../../db/client'
import type { DecisionStatus, JobCategory, Province, Role } from '../../db/schema'
import { allows, roleHas, type Scope } from '../auth/permissions'
import { judgeLine, type HeadcountLine, type LineCompliance } from '../domain/compliance'
import {
  addDays,
  hasProblems,
  isCalendarDate,
  isFinished,
  JOB_CATEGORIES,
  periodBounds,
  quotaOn,
  validateReportLines,
  type PeriodKind,
  type ReportLineInput,
  type ReportProblems,
} from '../domain/employment'
import { pakistanDateOf } from '../domain/fiscal-year'
import { mayDecide } from '../domain/ledger'
import type { LocalNames } from '../i18n/local-name'
import { recordAuditEvent, type RequestMeta } from './audit.server'

export { JOB_CATEGORIES }

export type EmploymentRuleCode =
  /** The figures are inconsistent; `problems` says where. */
  | 'invalid_lines'
  | 'no_lines'
  | 'invalid_period'
  /** The month or quarter is not over yet: its figures cannot be final. */
  | 'period_not_over'
  /** Another live (pending, or approved and not superseded) report covers the period. */
  | 'period_taken'
  /** What an amendment names is not the approved, current report of the same period. */
  | 'not_amendable'
  | 'own_report'
  | 'not_pending'
  | 'not_found'
  | 'reason_required'
  | 'invalid_quota'
  /** A new quota must start after the one it replaces started. */
  | 'quota_not_after'

export class EmploymentRuleError extends Error {
  constructor(
    readonly code: EmploymentRuleCode,
    readonly detail: Record<string, unknown> = {},
    readonly problems: ReportProblems = {},
  ) {
    super(code)
  }
}

// ---- Quotas --------------------------------------------------------------------------------

export interface NewQuota {
  projectId: number
  jobCategory: JobCategory
  localScope: 'district' | 'province'
  /** The host districts, when localScope is 'district'; ignored for 'province'. */
  localDistricts: string[]
  minLocalBasisPoints: number
  minWomenBasisPoints: number | null
  validFrom: string
}

export interface QuotaView {
  id: number
  projectId: number
  jobCategory: JobCategory
  localScope: 'district' | 'province'
  localDistricts: string[]
  minLocalBasisPoints: number
  minWomenBasisPoints: number | null
  validFrom: string
  /** Last day it applies, inclusive; null while in force. */
  validTo: string | null
  supersedesQuotaId: number | null
  createdBy: { id: number; name: string } | null
  createdAt: string
}

const basisPoints = (n: number) => Number.isInteger(n) && n >= 0 && n <= 10_000

/**
 * Sets a project's quota for one job category from `validFrom` on. The quota in force until then is
 * closed the day before (valid_to, inclusive) and stays in the history; the new one points at it.
 */
export async function setQuota(db: Database, actorUserId: number, input: NewQuota, now = new Date(), meta: RequestMeta = {}): Promise<{ id: number }> {
  const districts = [...new Set(input.localDistricts.map((d) => d.trim()).filter((d) => d !== ''))]
  if (!JOB_CATEGORIES.includes(input.jobCategory)) throw new EmploymentRuleError('invalid_quota', { field: 'jobCategory' })
  if (!basisPoints(input.minLocalBasisPoints)) throw new EmploymentRuleError('invalid_quota', { field: 'minLocalBasisPoints' })
  if (input.minWomenBasisPoints !== null && !basisPoints(input.minWomenBasisPoints)) throw new EmploymentRuleError('invalid_quota', { field: 'minWomenBasisPoints' })
  if (!isCalendarDate(input.validFrom)) throw new EmploymentRuleError('invalid_quota', { field: 'validFrom' })
  if (input.localScope === 'district' && districts.length === 0) throw new EmploymentRuleError('invalid_quota', { field: 'localDistricts' })
  if (input.localScope !== 'district' && input.localScope !== 'province') throw new EmploymentRuleError('invalid_quota', { field: 'localScope' })

  return db.transaction().execute(async (trx) => {
    const project = await trx.selectFrom('projects').select('id').where('id', '=', input.projectId).executeTakeFirst()
    if (!project) throw new EmploymentRuleError('not_found')
    const open = await trx
      .selectFrom('employment_quotas')
      .select(['id', 'valid_from'])
      .where('project_id', '=', input.projectId)
      .where('job_category', '=', input.jobCategory)
      .where('valid_to', 'is', null)
      .orderBy('valid_from', 'desc')
      .executeTakeFirst()
    if (open && input.validFrom <= open.valid_from) throw new EmploymentRuleError('quota_not_after', { openValidFrom: open.valid_from })
    if (open) await trx.updateTable('employment_quotas').set({ valid_to: addDays(input.validFrom, -1) }).where('id', '=', open.id).execute()
    const { id } = await trx
      .insertInto('employment_quotas')
      .values({
        project_id: input.projectId,
        job_category: input.jobCategory,
        local_scope: input.localScope,
        local_districts: input.localScope === 'district' ? JSON.stringify(districts) : null,
        min_local_basis_points: input.minLocalBasisPoints,
        min_women_basis_points: input.minWomenBasisPoints,
        valid_from: input.validFrom,
        valid_to: null,
        supersedes_quota_id: open?.id ?? null,
        created_by_user_id: actorUserId,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(
      trx,
      {
        actorUserId,
        action: 'employment.quota.set',
        targetType: 'employment_quota',
        targetId: id,
        ...meta,
        details: {
          projectId: input.projectId,
          jobCategory: input.jobCategory,
          localScope: input.localScope,
          localDistricts: input.localScope === 'district' ? districts : [],
          minLocalBasisPoints: input.minLocalBasisPoints,
          minWomenBasisPoints: input.minWomenBasisPoints,
          validFrom: input.validFrom,
          supersedesQuotaId: open?.id ?? null,
        },
      },
      now,
    )
    return { id }
  })
}

function quotasQuery(db: Database) {
  return db
    .selectFrom('employment_quotas as q')
    .leftJoin('users as u', 'u.id', 'q.created_by_user_id')
    .selectAll('q')
    .select('u.name as creator_name')
}
type QuotaRow = Awaited<ReturnType<ReturnType<typeof quotasQuery>['executeTakeFirstOrThrow']>>

function quotaView(r: QuotaRow): QuotaView {
  return {
    id: r.id,
    projectId: r.project_id,
    jobCategory: r.job_category,
    localScope: r.local_scope,
    localDistricts: r.local_districts ? (JSON.parse(r.local_districts) as string[]) : [],
    minLocalBasisPoints: r.min_local_basis_points,
    minWomenBasisPoints: r.min_women_basis_points,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    supersedesQuotaId: r.supersedes_quota_id,
    createdBy: r.created_by_user_id === null ? null : { id: r.created_by_user_id, name: r.creator_name ?? '' },
    createdAt: r.created_at,
  }
}

/** Every quota a project has had, the latest-starting first. */
export async function quotaHistory(db: Database, projectId: number): Promise<QuotaView[]> {
  const rows = await quotasQuery(db).where('q.project_id', '=', projectId).orderBy('q.valid_from', 'desc').orderBy('q.id', 'desc').execute()
  return rows.map(quotaView)
}

/** The quota for a project's job category in force on `date` (inclusive dates), or null. */
export async function quotaInForce(db: Database, projectId: number, category: JobCategory, date: string): Promise<QuotaView | null> {
  const rows = await quotasQuery(db).where('q.project_id', '=', projectId).where('q.job_category', '=', category).execute()
  return quotaOn(rows.map(quotaView), category, date)
}

// ---- Reports -------------------------------------------------------------------------------

export interface NewReport {
  projectId: number
  periodKind: PeriodKind
  /** First day of the calendar quarter or month. */
  periodStart: string
  lines: ReportLineInput[]
  /** An amendment names the approved, current report of the same period it corrects. */
  supersedesReportId?: number
  idempotencyKey: string
}

/**
 * Records a pending report in one transaction with its audit event; a second call with the same
 * idempotency key returns the first report. One live report per project and period: a report that
 * overlaps a pending one, or an approved one not yet superseded, is refused (`period_taken`) unless
 * it is an amendment of that approved report.
 */
export async function createReport(db: Database, actorUserId: number, input: NewReport, now = new Date(), meta: RequestMeta = {}): Promise<{ id: number; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('employment_reports').select('id').where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst()
    if (existing) return { id: existing.id, created: false }

    let period
    try {
      period = periodBounds(input.periodKind, input.periodStart)
    } catch {
      throw new EmploymentRuleError('invalid_period')
    }
    if (!isFinished(period, pakistanDateOf(now))) throw new EmploymentRuleError('period_not_over', { periodEnd: period.end })
    if (input.lines.length === 0) throw new EmploymentRuleError('no_lines')
    const unknown = input.lines.find((l) => !JOB_CATEGORIES.includes(l.jobCategory))
    if (unknown) throw new EmploymentRuleError('invalid_lines', { jobCategory: unknown.jobCategory })
    const problems = validateReportLines(input.lines)
    if (hasProblems(problems)) throw new EmploymentRuleError('invalid_lines', {}, problems)
    const project = await trx.selectFrom('projects').select('id').where('id', '=', input.projectId).executeTakeFirst()
    if (!project) throw new EmploymentRuleError('not_found')

    const overlapping = await trx
      .selectFrom('employment_reports as r')
      .select(['r.id', 'r.status', 'r.period_kind', 'r.period_start'])
      .where('r.project_id', '=', input.projectId)
      .where('r.status', 'in', ['pending', 'approved'])
      .where('r.period_start', '<=', period.end)
      .where('r.period_end', '>=', period.start)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('employment_reports as newer').select('newer.id').whereRef('newer.supersedes_report_id', '=', 'r.id').where('newer.status', '=', 'approved'))))
      .execute()

    const amends = input.supersedesReportId
    if (amends !== undefined) {
      const target = overlapping.find((r) => r.id === amends)
      if (!target || target.status !== 'approved' || target.period_kind !== period.kind || target.period_start !== period.start) {
        throw new EmploymentRuleError('not_amendable', { reportId: amends })
      }
    }
    const clash = overlapping.find((r) => r.id !== amends)
    if (clash) throw new EmploymentRuleError('period_taken', { reportId: clash.id, status: clash.status })

    const { id } = await trx
      .insertInto('employment_reports')
      .values({
        project_id: input.projectId,
        period_kind: period.kind,
        period_start: period.start,
        period_end: period.end,
        status: 'pending',
        supersedes_report_id: amends ?? null,
        idempotency_key: input.idempotencyKey,
        created_by_user_id: actorUserId,
        created_at: now.toISOString(),
        decided_by_user_id: null,
        decided_at: null,
        rejection_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('employment_report_lines')
      .values(input.lines.map((l) => ({ report_id: id, job_category: l.jobCategory, total_headcount: l.total, local_headcount: l.local, women_headcount: l.women })))
      .execute()
    const districts = input.lines.flatMap((l) => Object.entries(l.districts ?? {}).map(([district, n]) => ({ report_id: id, job_category: l.jobCategory, district: district.trim(), local_headcount: n })))
    if (districts.length > 0) await trx.insertInto('employment_report_districts').values(districts).execute()

    const details = { projectId: input.projectId, periodKind: period.kind, periodStart: period.start, ...(amends === undefined ? {} : { supersedesReportId: amends }) }
    await recordAuditEvent(trx, { actorUserId, action: amends === undefined ? 'employment.report.created' : 'employment.report.amended', targetType: 'employment_report', targetId: id, ...meta, details }, now)
    return { id, created: true }
  })
}

async function pendingReportForDecision(db: Database, reportId: number, deciderUserId: number) {
  const row = await db.selectFrom('employment_reports').select(['status', 'created_by_user_id', 'supersedes_report_id', 'project_id']).where('id', '=', reportId).executeTakeFirst()
  if (!row) throw new EmploymentRuleError('not_found')
  if (row.status !== 'pending') throw new EmploymentRuleError('not_pending')
  if (!mayDecide({ createdByUserId: row.created_by_user_id }, deciderUserId)) throw new EmploymentRuleError('own_report')
  return row
}

/** Approves a pending report made by someone else; an approved amendment replaces the report it supersedes. */
export async function approveReport(db: Database, deciderUserId: number, reportId: number, now = new Date(), meta: RequestMeta = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const report = await pendingReportForDecision(trx, reportId, deciderUserId)
    await trx
      .updateTable('employment_reports')
      .set({ status: 'approved', decided_by_user_id: deciderUserId, decided_at: now.toISOString() })
      .where('id', '=', reportId)
      .where('status', '=', 'pending')
      .execute()
    const details = report.supersedes_report_id === null ? undefined : { supersedesReportId: report.supersedes_report_id }
    await recordAuditEvent(trx, { actorUserId: deciderUserId, action: 'employment.report.approved', targetType: 'employment_report', targetId: reportId, ...meta, details }, now)
  })
}

/**
 * Rejects a pending report made by someone else, saying why. A rejected amendment lets go of the
 * report it named (supersedes_report_id is unique, and the original must stay amendable); the link
 * is kept in its audit events, and reportHistory still shows it.
 */
export async function rejectReport(db: Database, deciderUserId: number, reportId: number, reason: string, now = new Date(), meta: RequestMeta = {}): Promise<void> {
  const why = reason.trim()
  if (why === '') throw new EmploymentRuleError('reason_required')
  await db.transaction().execute(async (trx) => {
    const report = await pendingReportForDecision(trx, reportId, deciderUserId)
    await trx
      .updateTable('employment_reports')
      .set({ status: 'rejected', rejection_reason: why, supersedes_report_id: null, decided_by_user_id: deciderUserId, decided_at: now.toISOString() })
      .where('id', '=', reportId)
      .where('status', '=', 'pending')
      .execute()
    const details = report.supersedes_report_id === null ? { reason: why } : { reason: why, supersedesReportId: report.supersedes_report_id }
    await recordAuditEvent(trx, { actorUserId: deciderUserId, action: 'employment.report.rejected', targetType: 'employment_report', targetId: reportId, ...meta, details }, now)
  })
}

/** What a permission check needs to know about a report. */
export async function reportScope(db: Database, reportId: number): Promise<{ projectId: number } | null> {
  const row = await db.selectFrom('employment_reports').select('project_id').where('id', '=', reportId).executeTakeFirst()
  return row ? { projectId: row.project_id } : null
}

export interface ReportLineView extends HeadcountLine {
  jobCategory: JobCategory
  /** Local hires by district of origin, when the report gave them; sorted by district. */
  districts: Array<{ district: string; local: number }> | null
}

export interface ReportView {
  id: number
  project: { id: number; slug: string; name: LocalNames }
  periodKind: PeriodKind
  periodStart: string
  periodEnd: string
  status: DecisionStatus
  /** The report this one corrects. For a rejected amendment, read from its audit event. */
  supersedesReportId: number | null
  /** The approved amendment that replaces this report. */
  supersededByReportId: number | null
  createdBy: { id: number; name: string } | null
  createdAt: string
  decidedBy: { id: number; name: string } | null
  decidedAt: string | null
  rejectionReason: string | null
  lines: ReportLineView[]
}

function reportsQuery(db: Database) {
  return db
    .selectFrom('employment_reports as r')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .leftJoin('users as maker', 'maker.id', 'r.created_by_user_id')
    .leftJoin('users as decider', 'decider.id', 'r.decided_by_user_id')
    .leftJoin('employment_reports as newer', (join) => join.onRef('newer.supersedes_report_id', '=', 'r.id').on('newer.status', '=', 'approved'))
    .selectAll('r')
    .select(['p.slug as project_slug', 'p.name_en', 'p.name_ur', 'p.name_bal', 'maker.name as maker_name', 'decider.name as decider_name', 'newer.id as superseded_by'])
}
type ReportRow = Awaited<ReturnType<ReturnType<typeof reportsQuery>['executeTakeFirstOrThrow']>>

async function reportViews(db: Database, rows: ReportRow[]): Promise<ReportView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [lines, districts, amendments] = await Promise.all([
    db.selectFrom('employment_report_lines').selectAll().where('report_id', 'in', ids).execute(),
    db.selectFrom('employment_report_districts').selectAll().where('report_id', 'in', ids).orderBy('district').execute(),
    db
      .selectFrom('audit_events')
      .select(['target_id', 'details'])
      .where('action', '=', 'employment.report.amended')
      .where('target_type', '=', 'employment_report')
      .where('target_id', 'in', rows.filter((r) => r.status === 'rejected').map((r) => String(r.id)).concat(['']))
      .execute(),
  ])
  const amended = new Map(amendments.map((a) => [Number(a.target_id), (JSON.parse(a.details ?? '{}') as { supersedesReportId?: number }).supersedesReportId ?? null]))
  return rows.map((r) => ({
    id: r.id,
    project: { id: r.project_id, slug: r.project_slug, name: { en: r.name_en, ur: r.name_ur, bal: r.name_bal } },
    periodKind: r.period_kind,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    supersedesReportId: r.supersedes_report_id ?? amended.get(r.id) ?? null,
    supersededByReportId: r.superseded_by,
    createdBy: r.created_by_user_id === null ? null : { id: r.created_by_user_id, name: r.maker_name ?? '' },
    createdAt: r.created_at,
    decidedBy: r.decided_by_user_id === null ? null : { id: r.decided_by_user_id, name: r.decider_name ?? '' },
    decidedAt: r.decided_at,
    rejectionReason: r.rejection_reason,
    lines: JOB_CATEGORIES.flatMap((category) => {
      const line = lines.find((l) => l.report_id === r.id && l.job_category === category)
      if (!line) return []
      const byDistrict = districts.filter((d) => d.report_id === r.id && d.job_category === category)
      return [
        {
          jobCategory: category,
          total: line.total_headcount,
          local: line.local_headcount,
          women: line.women_headcount,
          districts: byDistrict.length === 0 ? null : byDistrict.map((d) => ({ district: d.district, local: d.local_headcount })),
        },
      ]
    }),
  }))
}

/** Every report of a project, whatever its status, the latest period first and, within it, the newest first. */
export async function reportHistory(db: Database, projectId: number): Promise<ReportView[]> {
  const rows = await reportsQuery(db).where('r.project_id', '=', projectId).orderBy('r.period_start', 'desc').orderBy('r.id', 'desc').execute()
  return reportViews(db, rows)
}

/** One report with its lines, for its page; the caller decides who may see a non-approved one. */
export async function findReport(db: Database, reportId: number): Promise<ReportView | null> {
  const row = await reportsQuery(db).where('r.id', '=', reportId).executeTakeFirst()
  return row ? ((await reportViews(db, [row]))[0] ?? null) : null
}

/**
 * The pending reports `user` may decide: never their own; an officer's only for projects in their
 * scope (the same rule the approve action checks with `allows`); an admin's all; an auditor none.
 * Oldest first.
 */
export async function reportQueue(db: Database, user: { id: number; role: Role; scope: Scope }): Promise<ReportView[]> {
  if (!roleHas(user.role, 'approve:records')) return []
  let query = reportsQuery(db)
    .where('r.status', '=', 'pending')
    .where((eb) => eb.or([eb('r.created_by_user_id', 'is', null), eb('r.created_by_user_id', '<>', user.id)]))
  if (user.role === 'officer') {
    if (user.scope.projectIds.length === 0) return []
    query = query.where('r.project_id', 'in', [...user.scope.projectIds])
  }
  const rows = await query.orderBy('r.created_at').orderBy('r.id').execute()
  return reportViews(
    db,
    rows.filter((r) => allows(user, 'approve:records', { projectId: r.project_id })),
  )
}

// ---- Compliance ----------------------------------------------------------------------------

export interface CategoryCompliance extends LineCompliance {
  jobCategory: JobCategory
  headcount: HeadcountLine
  /** Null when no quota is in force for the category: then `local.met` means nothing and is not shown. */
  quota: { id: number; localScope: 'district' | 'province'; localDistricts: string[] } | null
}

export interface PeriodCompliance {
  reportId: number
  periodKind: PeriodKind
  periodStart: string
  periodEnd: string
  categories: CategoryCompliance[]
}

/** Approved reports not superseded by an approved amendment: the figures the public sees. */
function currentReports(db: Database) {
  return db
    .selectFrom('employment_reports as r')
    .select(['r.id', 'r.project_id', 'r.period_kind', 'r.period_start', 'r.period_end'])
    .where('r.status', '=', 'approved')
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('employment_reports as newer').select('newer.id').whereRef('newer.supersedes_report_id', '=', 'r.id').where('newer.status', '=', 'approved'))),
    )
}
type CurrentReport = Awaited<ReturnType<ReturnType<typeof currentReports>['executeTakeFirstOrThrow']>>

/** Judges reports (of any projects) against the quota in force on each period's last day. */
async function judgeReports(db: Database, reports: CurrentReport[]): Promise<PeriodCompliance[]> {
  if (reports.length === 0) return []
  const [lines, quotaRows] = await Promise.all([
    db.selectFrom('employment_report_lines').selectAll().where('report_id', 'in', reports.map((r) => r.id)).execute(),
    quotasQuery(db).where('q.project_id', 'in', [...new Set(reports.map((r) => r.project_id))]).execute(),
  ])
  const quotas = quotaRows.map(quotaView)
  return reports.map((report) => {
    const projectQuotas = quotas.filter((q) => q.projectId === report.project_id)
    const categories: CategoryCompliance[] = []
    for (const category of JOB_CATEGORIES) {
      const line = lines.find((l) => l.report_id === report.id && l.job_category === category)
      if (!line) continue
      const quota = quotaOn(projectQuotas, category, report.period_end)
      const headcount = { total: line.total_headcount, local: line.local_headcount, women: line.women_headcount }
      // Without a quota the share is still worth showing; it is simply judged against nothing.
      const verdict = judgeLine(headcount, { minLocalBasisPoints: quota?.minLocalBasisPoints ?? 0, minWomenBasisPoints: quota?.minWomenBasisPoints ?? null })
      categories.push({ jobCategory: category, headcount, ...verdict, quota: quota ? { id: quota.id, localScope: quota.localScope, localDistricts: quota.localDistricts } : null })
    }
    return { reportId: report.id, periodKind: report.period_kind, periodStart: report.period_start, periodEnd: report.period_end, categories }
  })
}

/**
 * Compliance for a project's latest approved, not superseded report, judged against the quota
 * in force on the last day of that period. Null when the project has reported nothing yet.
 */
export async function latestCompliance(db: Database, projectId: number): Promise<PeriodCompliance | null> {
  const report = await currentReports(db).where('r.project_id', '=', projectId).orderBy('r.period_start', 'desc').orderBy('r.id', 'desc').executeTakeFirst()
  if (!report) return null
  return (await judgeReports(db, [report]))[0] ?? null
}

/** Compliance per approved, not superseded period of a project, the oldest first: the trend. */
export async function complianceSeries(db: Database, projectId: number): Promise<PeriodCompliance[]> {
  const reports = await currentReports(db).where('r.project_id', '=', projectId).orderBy('r.period_start').orderBy('r.id').execute()
  return judgeReports(db, reports)
}

/** Compliance for every current report of the given projects (all projects if omitted), by project then period. */
export async function complianceOfProjects(db: Database, projectIds?: readonly number[]): Promise<Array<PeriodCompliance & { projectId: number }>> {
  let query = currentReports(db)
  if (projectIds) {
    if (projectIds.length === 0) return []
    query = query.where('r.project_id', 'in', [...projectIds])
  }
  const reports = await query.orderBy('r.project_id').orderBy('r.period_start').orderBy('r.id').execute()
  const judged = await judgeReports(db, reports)
  return judged.map((c, i) => ({ ...c, projectId: reports[i]!.project_id }))
}

export interface RankedProject {
  project: { id: number; slug: string; name: LocalNames }
  /** The latest period judged; null when the project has reported nothing. */
  latest: {
    periodKind: PeriodKind
    periodStart: string
    periodEnd: string
    /** Categories with a quota and someone employed: those a verdict exists for. */
    categoriesJudged: number
    /** Of those, the ones meeting the local quota and, where set, the women's quota. */
    categoriesMet: number
    /** categoriesMet / categoriesJudged in tenths of a percent, rounded down; null if none judged. */
    metShareTenthsOfPercent: number | null
    totalHeadcount: number
    localHeadcount: number
    /** Σ local / Σ total over all categories in tenths of a percent, rounded down; null if nobody is employed. */
    localShareTenthsOfPercent: number | null
  } | null
}

/**
 * The projects of a province by local-hiring compliance in their latest period: the larger share
 * of categories meeting their quota first (compared exactly, not by the rounded figure), then the
 * larger overall local share, then by English name; projects that have reported nothing last.
 */
export async function provinceRanking(db: Database, province: Province): Promise<RankedProject[]> {
  const projects = await db.selectFrom('projects').select(['id', 'slug', 'name_en', 'name_ur', 'name_bal']).where('province', '=', province).orderBy('name_en').orderBy('id').execute()
  if (projects.length === 0) return []
  const all = await complianceOfProjects(
    db,
    projects.map((p) => p.id),
  )
  const latestOf = new Map<number, (typeof all)[number]>()
  for (const c of all) latestOf.set(c.projectId, c) // ordered by period, so the last one wins

  const ranked = projects.map((p): RankedProject & { exact: { met: number; judged: number; local: number; total: number } | null } => {
    const project = { id: p.id, slug: p.slug, name: { en: p.name_en, ur: p.name_ur, bal: p.name_bal } }
    const c = latestOf.get(p.id)
    if (!c) return { project, latest: null, exact: null }
    const judged = c.categories.filter((cat) => cat.quota !== null && cat.local.met !== null)
    const met = judged.filter((cat) => cat.local.met === true && (cat.women === null || cat.women.met !== false)).length
    const total = c.categories.reduce((sum, cat) => sum + cat.headcount.total, 0)
    const local = c.categories.reduce((sum, cat) => sum + cat.headcount.local, 0)
    return {
      project,
      latest: {
        periodKind: c.periodKind,
        periodStart: c.periodStart,
        periodEnd: c.periodEnd,
        categoriesJudged: judged.length,
        categoriesMet: met,
        metShareTenthsOfPercent: judged.length === 0 ? null : Math.floor((met * 1000) / judged.length),
        totalHeadcount: total,
        localHeadcount: local,
        localShareTenthsOfPercent: total === 0 ? null : Number((BigInt(local) * 1000n) / BigInt(total)),
      },
      exact: { met, judged: judged.length, local, total },
    }
  })
  // a/b against c/d without rounding; a ratio with no denominator sorts after every real one.
  const compareRatio = (a: number, b: number, c: number, d: number) => {
    if (b === 0 || d === 0) return (b === 0 ? 1 : 0) - (d === 0 ? 1 : 0)
    return Math.sign(c * b - a * d)
  }
  ranked.sort((x, y) => {
    if (!x.exact || !y.exact) return (x.exact ? 0 : 1) - (y.exact ? 0 : 1) || x.project.name.en.localeCompare(y.project.name.en, 'en')
    return (
      compareRatio(x.exact.met, x.exact.judged, y.exact.met, y.exact.judged) ||
      compareRatio(x.exact.local, x.exact.total, y.exact.local, y.exact.total) ||
      x.project.name.en.localeCompare(y.project.name.en, 'en')
    )
  })
  return ranked.map(({ project, latest }) => ({ project, latest }))
}
