import type { Id, IsoText } from './types'

export interface AuditEventsTable {
  id: Id
  at: IsoText
  actor_user_id: number | null
  action: string
  target_type: string | null
  target_id: string | null
  ip: string | null
  user_agent: string | null
  /** JSON object. */
  details: string | null
}
