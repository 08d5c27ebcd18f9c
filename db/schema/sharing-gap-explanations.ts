import type { Id, IsoText } from './types'

export interface SharingGapExplanationsTable {
  id: Id
  project_id: number
  trust_party_id: number
  fiscal_year: number
  explanation: string
  created_by_user_id: number
  created_at: IsoText
}
