import type { Id, IsoText, ProjectStatus, Province } from './types'

export interface ProjectsTable {
  id: Id
  slug: string
  name_en: string
  name_ur: string
  name_bal: string
  operator_party_id: number
  province: Province
  district: string
  status: ProjectStatus
  licence_ref: string
  created_at: IsoText
}
