import type { Database } from '../../db/client'
import type { JobCategory } from '../../db/schema'
import { judgeLine, type HeadcountLine, type LineCompliance } from '../domain/compliance'

export const JOB_CATEGORIES: readonly JobCategory[] = ['unskilled', 'semi_skilled', 'skilled', 'professional', 'management']

export interface CategoryCompliance extends LineCompliance {
  jobCategory: JobCategory
  headcount: HeadcountLine
  /** Null when no quota is in force for the category: then `local.met` means nothing and is not shown. */
  quota: { localScope: 'district' | 'province' } | null
}

export interface PeriodCompliance {
  periodStart: string
  periodEnd: string
  categories: CategoryCompliance[]
}

/**
 * Compliance for a project's latest approved, not superseded report, judged against the quota
 * in force on the last day of that period. Null when the project has reported nothing yet.
 */
export async function latestCompliance(db: Database, projectId: number): Promise<PeriodCompliance | null> {
  const report = await db
    .selectFrom('employment_reports as r')
    .select(['r.id', 'r.period_start', 'r.period_end'])
    .where('r.project_id', '=', projectId)
    .where('r.status', '=', 'approved')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('employment_reports as newer')
            .select('newer.id')
            .whereRef('newer.supersedes_report_id', '=', 'r.id')
            .where('newer.status', '=', 'approved'),
        ),
      ),
    )
    .orderBy('r.period_start', 'desc')
    .orderBy('r.id', 'desc')
    .executeTakeFirst()
  if (!report) return null

  const [lines, quotas] = await Promise.all([
    db.selectFrom('employment_report_lines').selectAll().where('report_id', '=', report.id).execute(),
    db
      .selectFrom('employment_quotas')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('valid_from', '<=', report.period_end)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', report.period_end)]))
      .orderBy('valid_from', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  ])

  const categories: CategoryCompliance[] = []
  for (const category of JOB_CATEGORIES) {
    const line = lines.find((l) => l.job_category === category)
    if (!line) continue
    const quota = quotas.find((q) => q.job_category === category)
    const headcount = { total: line.total_headcount, local: line.local_headcount, women: line.women_headcount }
    // Without a quota the share is still worth showing; it is simply judged against nothing.
    const verdict = judgeLine(headcount, { minLocalBasisPoints: quota?.min_local_basis_points ?? 0, minWomenBasisPoints: quota?.min_women_basis_points ?? null })
    categories.push({ jobCategory: category, headcount, ...verdict, quota: quota ? { localScope: quota.local_scope } : null })
  }
  return { periodStart: report.period_start, periodEnd: report.period_end, categories }
}
