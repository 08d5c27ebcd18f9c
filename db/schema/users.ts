import type { ColumnType } from 'kysely'
import type { Flag, Id, IsoText, Role } from './types'

export interface UsersTable {
  id: Id
  email: string
  name: string
  role: Role
  preferred_lang: ColumnType<'en' | 'ur' | 'bal', 'en' | 'ur' | 'bal' | undefined, 'en' | 'ur' | 'bal'>
  password_hash: string | null
  /** Base32, set only once the user has proved their authenticator works. */
  totp_secret: string | null
  totp_enabled_at: IsoText | null
  /** The last TOTP time step accepted; codes for it or earlier steps are replays. */
  totp_last_step: number | null
  password_changed_at: IsoText | null
  is_active: Flag
  is_demo: Flag
  created_at: IsoText
}
