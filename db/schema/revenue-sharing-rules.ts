import type { Id, IsoText } from './types'

export interface RevenueSharingRulesTable {
  id: Id
  project_id: number
  trust_party_id: number
  gfs_code: string
  share_basis_points: number
  valid_from: IsoText
  /** The last day it applies (inclusive); null while it is in force. */
  valid_to: IsoText | null
  notes: string | null
  created_by_user_id: number | null
  created_at: IsoText
}
