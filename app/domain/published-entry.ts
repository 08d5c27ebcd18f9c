/**
 * The published form of an approved ledger entry: the bytes its Merkle leaf is the hash of.
 * Specified in docs/ledger-format.md; a change to the fields is a new format version, never an
 * edit, because the bytes of entries already published can never change.
 *
 * Column names follow the EITI summary data where it has one (gfs_code, project_name,
 * reporting_currency, value_reported, currency_rate, fiscal_year). Amounts are exact decimal
 * strings (never JSON numbers, which readers may parse as floats); reversals are negative.
 */
import type { Currency, EntryKind, Purpose } from '../../db/schema'
import { canonicalJson } from './canonical-json'
import { CsvDecimal, type CsvCell } from './csv'
import { fiscalYearLabel } from './fiscal-year'
import { minorToDecimalString } from './money'

export const ENTRY_FORMAT = 'hisaab-ledger-entry/1'

export interface PublishedEntry {
  format: typeof ENTRY_FORMAT
  seq: number
  entry_id: number
  kind: EntryKind
  value_date: string
  fiscal_year: string
  project_slug: string
  project_name: string
  from_party_slug: string
  from_party_name: string
  to_party_slug: string
  to_party_name: string
  company_name: string | null
  gfs_code: string | null
  revenue_stream_name: string | null
  purpose: Purpose | null
  locality_name: string | null
  reporting_currency: Currency
  value_reported: string
  currency_rate: string
  value_pkr: string
  reference: string | null
  description: string | null
  comments: string | null
  reverses_seq: number | null
  reversal_reason: string | null
  approved_at: string
}

export interface EntryFacts {
  seq: number
  entryId: number
  kind: EntryKind
  valueDate: string
  fiscalYear: number
  project: { slug: string; nameEn: string }
  from: { slug: string; nameEn: string }
  to: { slug: string; nameEn: string }
  /** The company in the flow, if one pays. */
  companyNameEn: string | null
  gfsCode: string | null
  revenueStreamNameEn: string | null
  purpose: Purpose | null
  localityNameEn: string | null
  currency: Currency
  amountMinor: bigint
  exchangeRateMicros: bigint
  pkrAmountMinor: bigint
  reference: string | null
  description: string | null
  comments: string | null
  reversesSeq: number | null
  reversalReason: string | null
  approvedAt: string
}

/** `278123456n` → `"278.123456"`: PKR per unit, exactly (rates are kept in micros, see exchange.ts). */
export function rateToDecimalString(rateMicros: bigint): string {
  const digits = rateMicros.toString().padStart(7, '0')
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`
}

export function publishedEntry(f: EntryFacts): PublishedEntry {
  return {
    format: ENTRY_FORMAT,
    seq: f.seq,
    entry_id: f.entryId,
    kind: f.kind,
    value_date: f.valueDate,
    fiscal_year: fiscalYearLabel(f.fiscalYear),
    project_slug: f.project.slug,
    project_name: f.project.nameEn,
    from_party_slug: f.from.slug,
    from_party_name: f.from.nameEn,
    to_party_slug: f.to.slug,
    to_party_name: f.to.nameEn,
    company_name: f.companyNameEn,
    gfs_code: f.gfsCode,
    revenue_stream_name: f.revenueStreamNameEn,
    purpose: f.purpose,
    locality_name: f.localityNameEn,
    reporting_currency: f.currency,
    value_reported: minorToDecimalString(f.amountMinor),
    currency_rate: rateToDecimalString(f.exchangeRateMicros),
    value_pkr: minorToDecimalString(f.pkrAmountMinor),
    reference: f.reference,
    description: f.description,
    comments: f.comments,
    reverses_seq: f.reversesSeq,
    reversal_reason: f.reversalReason,
    approved_at: f.approvedAt,
  }
}

/**
 * The columns of every tabular export (the CSV downloads and the open data's ledger table): every
 * published field, seq first, then the leaf hash. The hash is in hexadecimal, not the base64 used
 * elsewhere: one base64 hash in 64 begins with "+", which a spreadsheet runs as a formula, so the
 * CSV would have to guard it with an apostrophe; hex never begins with a formula character.
 */
export const LEDGER_COLUMNS = [
  'seq', 'entry_id', 'kind', 'value_date', 'fiscal_year', 'project_slug', 'project_name', 'from_party_slug', 'from_party_name',
  'to_party_slug', 'to_party_name', 'company_name', 'gfs_code', 'revenue_stream_name', 'purpose', 'locality_name',
  'reporting_currency', 'value_reported', 'currency_rate', 'value_pkr', 'reference', 'description', 'comments',
  'reverses_seq', 'reversal_reason', 'approved_at', 'format', 'leaf_hash_hex',
] as const satisfies ReadonlyArray<keyof PublishedEntry | 'leaf_hash_hex'>

export type LedgerColumn = (typeof LEDGER_COLUMNS)[number]

const DECIMAL_COLUMNS: ReadonlySet<LedgerColumn> = new Set(['value_reported', 'currency_rate', 'value_pkr'])

/**
 * A published entry as a table row: its fields as published, amounts as exact decimals (so that
 * CSV writes them as numbers, never formula-guarded), its leaf hash in hex.
 */
export function publishedRow(entryJsonText: string, leafHash: Uint8Array): Record<LedgerColumn, CsvCell> {
  const fields = JSON.parse(entryJsonText) as Record<string, string | number | null>
  const row = {} as Record<LedgerColumn, CsvCell>
  for (const column of LEDGER_COLUMNS) {
    if (column === 'leaf_hash_hex') row[column] = Buffer.from(leafHash).toString('hex')
    else row[column] = DECIMAL_COLUMNS.has(column) ? new CsvDecimal(fields[column] as string) : (fields[column] ?? null)
  }
  return row
}

/** RFC 8785 canonical JSON: the leaf's bytes, once encoded as UTF-8. */
export function entryJson(entry: PublishedEntry): string {
  return canonicalJson(entry as unknown as Parameters<typeof canonicalJson>[0])
}

/**
 * One line of the verifiable NDJSON export, without its LF: `{"entry":E,"leaf_hash":"H"}`, where E
 * is the entry's canonical bytes exactly as stored and H its leaf hash in base64. The line is itself
 * canonical JSON, so a verifier may either cut E out by position or re-canonicalise.
 */
export function exportLine(entryJsonText: string, leafHash: Uint8Array): string {
  return `{"entry":${entryJsonText},"leaf_hash":"${Buffer.from(leafHash).toString('base64')}"}`
}
