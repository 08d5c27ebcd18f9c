import type { ColumnType } from 'kysely'
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
  /**
   * When an admin (or the demo data) put the party in the public list. Null for a beneficiary
   * typed into a ledger entry, which becomes public only when an approved entry names it (see
   * publicParties); left out of an insert, it is null: nothing is public by default.
   */
  catalogued_at: ColumnType<IsoText | null, IsoText | null | undefined, IsoText | null>
}
