import type { Id, IsoText } from './types'

export interface LoginFailuresTable {
  id: Id
  /** The email as typed, trimmed and in lower case, whether or not an account has it. */
  email_key: string
  ip: string
  at: IsoText
}
