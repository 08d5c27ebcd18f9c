import type { Currency, EntryKind, Int8, Purpose } from './types'

/**
 * Sums of approved ledger entries, one row per combination of the columns the public pages group
 * and filter by; kept by triggers on ledger_entries (db/migrations/2026-12-07T2300Z-ledger-totals.ts).
 */
export interface LedgerTotalsTable {
  project_id: number
  from_party_id: number
  to_party_id: number
  fiscal_year: number
  kind: EntryKind
  /** '' where the entries' purpose is null (every kind but a disbursement). */
  purpose: Purpose | ''
  /** '' where the entries' GFS code is null (every kind but a payment). */
  gfs_code: string
  currency: Currency
  pkr_amount_minor: Int8
  amount_minor: Int8
  entry_count: Int8
}
