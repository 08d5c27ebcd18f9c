import type { IsoText } from './types'

export interface PasswordTokensTable {
  /** The public half of the token `id.secret`. */
  id: string
  /** Hex SHA-256 of the secret half; the secret itself is never stored. */
  secret_hash: string
  user_id: number
  purpose: 'reset' | 'invite'
  created_at: IsoText
  expires_at: IsoText
  used_at: IsoText | null
}
