import type { DecisionStatus, Id, IsoText } from './types'

export interface EmploymentReportsTable {
  id: Id
  project_id: number
  period_kind: 'quarter' | 'month'
  period_start: IsoText
  period_end: IsoText
  status: DecisionStatus
  supersedes_report_id: number | null
  idempotency_key: string
  created_by_user_id: number | null
  created_at: IsoText
  decided_by_user_id: number | null
  decided_at: IsoText | null
  rejection_reason: string | null
}
