import type { IsoText } from './types'

export interface SessionsTable {
  id: string
  secret_hash: string
  user_id: number
  created_at: IsoText
  last_seen_at: IsoText
  ip: string | null
  user_agent: string | null
}
