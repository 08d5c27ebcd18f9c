import type { BeneficiaryKind, Id, IsoText, PartyKind, Province } from './types'

export interface PartiesTable {
  id: Id
  slug: string
  kind: PartyKind
  beneficiary_kind: BeneficiaryKind | null
  name_en: string
  name_ur: string
  name_bal: string
  province: Province | null
  district: string | null
  locality_id: number | null
  registration_ref: string | null
  created_at: IsoText
}
