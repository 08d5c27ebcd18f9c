import type { JobCategory } from './types'

export interface EmploymentReportDistrictsTable {
  report_id: number
  job_category: JobCategory
  district: string
  local_headcount: number
}
