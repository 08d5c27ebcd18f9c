import type { Currency, DecisionStatus, EntryKind, Id, Int8, IsoText, Purpose } from './types'

export interface LedgerEntriesTable {
  id: Id
  kind: EntryKind
  status: DecisionStatus
  project_id: number
  from_party_id: number
  to_party_id: number
  /** The calendar year the fiscal year starts in: 2024 is FY 2024-25. */
  fiscal_year: number
  value_date: IsoText
  gfs_code: string | null
  purpose: Purpose | null
  locality_id: number | null
  currency: Currency
  /** Signed minor units; negative only on a reversal. */
  amount_minor: Int8
  exchange_rate_micros: Int8
  pkr_amount_minor: Int8
  reference: string | null
  description: string | null
  comments: string | null
  reverses_entry_id: number | null
  reversal_reason: string | null
  idempotency_key: string
  created_by_user_id: number | null
  created_at: IsoText
  decided_by_user_id: number | null
  decided_at: IsoText | null
  rejection_reason: string | null
  seq: number | null
}
