/**
 * Downloads of local-employment data: flat rows with stable snake_case columns, for CSV (toCsv)
 * and JSON alike. Only aggregates exist — headcounts per project, period and job category — and
 * only public records are exported: approved reports (superseded ones too, marked) and the quotas.
 */
import type { Database } from '../../db/client'
import type { JobCategory } from '../../db/schema'
import { judgeShare } from '../domain/compliance'
import { JOB_CATEGORIES, type PeriodKind } from '../domain/employment'
import { complianceOfProjects } from './employment.server'

export interface ExportFilter {
  projectId?: number
}

export const QUOTA_COLUMNS = [
  'quota_id',
  'project_slug',
  'job_category',
  'local_scope',
  'local_districts',
  'min_local_basis_points',
  'min_women_basis_points',
  'valid_from',
  'valid_to',
  'supersedes_quota_id',
] as const

export interface QuotaRow {
  quota_id: number
  project_slug: string
  job_category: JobCategory
  local_scope: 'district' | 'province'
  /** District names joined by "; ", empty for a province-wide quota. */
  local_districts: string
  min_local_basis_points: number
  min_women_basis_points: number | null
  valid_from: string
  valid_to: string | null
  supersedes_quota_id: number | null
}

/** Every quota, by project, category and start date. */
export async function quotaRows(db: Database, filter: ExportFilter = {}): Promise<QuotaRow[]> {
  let query = db.selectFrom('employment_quotas as q').innerJoin('projects as p', 'p.id', 'q.project_id').selectAll('q').select('p.slug')
  if (filter.projectId !== undefined) query = query.where('q.project_id', '=', filter.projectId)
  const rows = await query.orderBy('p.slug').orderBy('q.valid_from').orderBy('q.id').execute()
  return rows
    .sort((a, b) => (a.slug === b.slug ? JOB_CATEGORIES.indexOf(a.job_category) - JOB_CATEGORIES.indexOf(b.job_category) || a.valid_from.localeCompare(b.valid_from) || a.id - b.id : 0))
    .map((q) => ({
      quota_id: q.id,
      project_slug: q.slug,
      job_category: q.job_category,
      local_scope: q.local_scope,
      local_districts: q.local_districts ? (JSON.parse(q.local_districts) as string[]).join('; ') : '',
      min_local_basis_points: q.min_local_basis_points,
      min_women_basis_points: q.min_women_basis_points,
      valid_from: q.valid_from,
      valid_to: q.valid_to,
      supersedes_quota_id: q.supersedes_quota_id,
    }))
}

export const REPORT_COLUMNS = [
  'report_id',
  'project_slug',
  'period_kind',
  'period_start',
  'period_end',
  'approved_at',
  'supersedes_report_id',
  'superseded',
  'superseded_by_report_id',
  'job_category',
  'total_headcount',
  'local_headcount',
  'women_headcount',
] as const

export interface ReportRow {
  report_id: number
  project_slug: string
  period_kind: PeriodKind
  period_start: string
  period_end: string
  approved_at: string | null
  supersedes_report_id: number | null
  /** True when an approved amendment replaces this report; its figures then no longer count. */
  superseded: boolean
  superseded_by_report_id: number | null
  job_category: JobCategory
  total_headcount: number
  local_headcount: number
  women_headcount: number
}

/** One row per approved report and job category, superseded reports included and marked. */
export async function reportRows(db: Database, filter: ExportFilter = {}): Promise<ReportRow[]> {
  let query = db
    .selectFrom('employment_reports as r')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .innerJoin('employment_report_lines as l', 'l.report_id', 'r.id')
    .leftJoin('employment_reports as newer', (join) => join.onRef('newer.supersedes_report_id', '=', 'r.id').on('newer.status', '=', 'approved'))
    .select([
      'r.id',
      'p.slug',
      'r.period_kind',
      'r.period_start',
      'r.period_end',
      'r.decided_at',
      'r.supersedes_report_id',
      'newer.id as superseded_by',
      'l.job_category',
      'l.total_headcount',
      'l.local_headcount',
      'l.women_headcount',
    ])
    .where('r.status', '=', 'approved')
  if (filter.projectId !== undefined) query = query.where('r.project_id', '=', filter.projectId)
  const rows = await query.orderBy('p.slug').orderBy('r.period_start').orderBy('r.id').execute()
  return rows
    .sort((a, b) => (a.id === b.id ? JOB_CATEGORIES.indexOf(a.job_category) - JOB_CATEGORIES.indexOf(b.job_category) : 0))
    .map((r) => ({
      report_id: r.id,
      project_slug: r.slug,
      period_kind: r.period_kind,
      period_start: r.period_start,
      period_end: r.period_end,
      approved_at: r.decided_at,
      supersedes_report_id: r.supersedes_report_id,
      superseded: r.superseded_by !== null,
      superseded_by_report_id: r.superseded_by,
      job_category: r.job_category,
      total_headcount: r.total_headcount,
      local_headcount: r.local_headcount,
      women_headcount: r.women_headcount,
    }))
}

export const COMPLIANCE_COLUMNS = [
  'project_slug',
  'period_kind',
  'period_start',
  'period_end',
  'report_id',
  'job_category',
  'total_headcount',
  'local_headcount',
  'women_headcount',
  'local_share_tenths_pct',
  'local_quota_bp',
  'local_met',
  'local_hires_needed',
  'women_share_tenths_pct',
  'women_quota_bp',
  'women_met',
  'women_hires_needed',
] as const

export interface ComplianceRow {
  project_slug: string
  period_kind: PeriodKind
  period_start: string
  period_end: string
  report_id: number
  job_category: JobCategory
  total_headcount: number
  local_headcount: number
  women_headcount: number
  /** Share in tenths of a percent, rounded down (699 = 69.9%); null when nobody is employed. */
  local_share_tenths_pct: number | null
  /** Null when no quota was in force on the period's last day; then met and hires needed are null too. */
  local_quota_bp: number | null
  /** Decided exactly, never from the rounded share; null when nobody is employed or there is no quota. */
  local_met: boolean | null
  local_hires_needed: number | null
  women_share_tenths_pct: number | null
  women_quota_bp: number | null
  women_met: boolean | null
  women_hires_needed: number | null
}

/** Compliance per project, current (approved, not superseded) period and category, as the public pages compute it. */
export async function complianceRows(db: Database, filter: ExportFilter = {}): Promise<ComplianceRow[]> {
  const projects = await db.selectFrom('projects').select(['id', 'slug']).$if(filter.projectId !== undefined, (q) => q.where('id', '=', filter.projectId!)).orderBy('slug').execute()
  const periods = await complianceOfProjects(
    db,
    projects.map((p) => p.id),
  )
  const slugOf = new Map(projects.map((p) => [p.id, p.slug]))
  return periods
    .sort((a, b) => (slugOf.get(a.projectId) ?? '').localeCompare(slugOf.get(b.projectId) ?? '') || a.periodStart.localeCompare(b.periodStart))
    .flatMap((period) =>
      period.categories.map((c) => ({
        project_slug: slugOf.get(period.projectId) ?? '',
        period_kind: period.periodKind,
        period_start: period.periodStart,
        period_end: period.periodEnd,
        report_id: period.reportId,
        job_category: c.jobCategory,
        total_headcount: c.headcount.total,
        local_headcount: c.headcount.local,
        women_headcount: c.headcount.women,
        local_share_tenths_pct: c.local.shareTenthsOfPercent,
        local_quota_bp: c.quota ? c.local.quotaBasisPoints : null,
        local_met: c.quota ? c.local.met : null,
        local_hires_needed: c.quota ? c.local.hiresNeeded : null,
        women_share_tenths_pct: judgeShare(c.headcount.women, c.headcount.total, 0).shareTenthsOfPercent,
        women_quota_bp: c.women?.quotaBasisPoints ?? null,
        women_met: c.women?.met ?? null,
        women_hires_needed: c.women?.hiresNeeded ?? null,
      })),
    )
}
