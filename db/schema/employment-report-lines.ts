import type { JobCategory } from './types'

export interface EmploymentReportLinesTable {
  report_id: number
  job_category: JobCategory
  total_headcount: number
  local_headcount: number
  women_headcount: number
}
