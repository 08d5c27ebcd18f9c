import type { Id } from './types'

export interface UserScopesTable {
  id: Id
  user_id: number
  trust_party_id: number | null
  project_id: number | null
}
