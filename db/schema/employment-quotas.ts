import type { Id, IsoText, JobCategory } from './types'

export interface EmploymentQuotasTable {
  id: Id
  project_id: number
  job_category: JobCategory
  local_scope: 'district' | 'province'
  /** JSON array of district names, when local_scope is 'district'. */
  local_districts: string | null
  min_local_basis_points: number
  min_women_basis_points: number | null
  valid_from: IsoText
  /** The last day it applies (inclusive); null while it is in force. */
  valid_to: IsoText | null
  supersedes_quota_id: number | null
  created_by_user_id: number | null
  created_at: IsoText
}
