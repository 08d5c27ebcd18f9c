import type { Id, IsoText } from './types'

export interface RecoveryCodesTable {
  id: Id
  user_id: number
  /** Hex SHA-256 of the code as shown to the user (lower case, no separators). */
  code_hash: string
  used_at: IsoText | null
}
