import type { Flag, IsoText } from './types'

export interface SessionsTable {
  /** The public half of the session token `id.secret`. */
  id: string
  /** Hex SHA-256 of the secret half; the secret itself is never stored. */
  secret_hash: string
  user_id: number
  created_at: IsoText
  last_seen_at: IsoText
  ip: string | null
  user_agent: string | null
  /** 1 once the second factor was accepted in this session. */
  two_factor_verified: Flag
}
