import type { Id, Province } from './types'

export interface LocalitiesTable {
  id: Id
  kind: 'village' | 'union_council' | 'tehsil'
  name_en: string
  name_ur: string
  name_bal: string
  district: string
  province: Province
  parent_id: number | null
}
