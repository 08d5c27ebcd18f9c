/**
 * The open data set: every public list as a flat table with stable snake_case columns, following
 * the EITI summary data's names where it has one. One definition serves the CSV and JSON
 * downloads, the Frictionless data package (column types become its Table Schemas) and the data
 * dictionary page (each column is described there, in three languages, under its name).
 */
import type { Database } from '../../db/client'
import { CsvDecimal, type CsvCell } from '../domain/csv'
import { fiscalYearLabel } from '../domain/fiscal-year'
import { minorToDecimalString } from '../domain/money'
import { LEDGER_COLUMNS, publishedRow } from '../domain/published-entry'
import { COMPLIANCE_COLUMNS, complianceRows, QUOTA_COLUMNS, quotaRows, REPORT_COLUMNS, reportRows } from './employment-export.server'
import { entriesBySeq } from './ledger-export.server'
import { publicParties } from './parties.server'
import { listProjects } from './projects.server'
import { sharingGaps } from './sharing.server'
import { listTrusts } from './trusts.server'

/** Table Schema field types (https://specs.frictionlessdata.io/table-schema/#types-and-formats). */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime'

export interface Column {
  name: string
  type: ColumnType
  /** Never empty. */
  required?: boolean
}

export type OpenRow = Record<string, CsvCell>

export interface OpenTable {
  name: string
  columns: readonly Column[]
  /** The rows a batch at a time (only the ledger is long enough to need more than one). */
  rows: (db: Database, upToSeq: number) => AsyncIterable<OpenRow[]>
}

const money = (minor: bigint) => new CsvDecimal(minorToDecimalString(minor))

const TYPES: Record<string, ColumnType> = {
  seq: 'integer', entry_id: 'integer', value_date: 'date', approved_at: 'datetime', reverses_seq: 'integer',
  value_reported: 'number', currency_rate: 'number', value_pkr: 'number',
  quota_id: 'integer', min_local_basis_points: 'integer', min_women_basis_points: 'integer', valid_from: 'date', valid_to: 'date', supersedes_quota_id: 'integer',
  report_id: 'integer', period_start: 'date', period_end: 'date', supersedes_report_id: 'integer', superseded: 'boolean', superseded_by_report_id: 'integer',
  total_headcount: 'integer', local_headcount: 'integer', women_headcount: 'integer',
  local_share_tenths_pct: 'integer', local_quota_bp: 'integer', local_met: 'boolean', local_hires_needed: 'integer',
  women_share_tenths_pct: 'integer', women_quota_bp: 'integer', women_met: 'boolean', women_hires_needed: 'integer',
  royalties_pkr: 'number', expected_pkr: 'number', transferred_pkr: 'number', gap_pkr: 'number', shortfall: 'boolean', year_in_progress: 'boolean', uncovered_royalties_pkr: 'number',
}
const REQUIRED = new Set(['seq', 'entry_id', 'project_slug', 'trust_slug', 'party_slug', 'quota_id', 'report_id', 'format', 'leaf_hash_hex'])

function columns(names: readonly string[]): Column[] {
  return names.map((name) => ({ name, type: TYPES[name] ?? 'string', ...(REQUIRED.has(name) ? { required: true } : {}) }))
}

async function* once(rows: Promise<OpenRow[]>): AsyncGenerator<OpenRow[]> {
  yield await rows
}

const ledger: OpenTable = {
  name: 'ledger',
  columns: columns(LEDGER_COLUMNS),
  async *rows(db, upToSeq) {
    for await (const batch of entriesBySeq(db, 0, upToSeq)) yield batch.map((e) => publishedRow(e.entryJson, e.leafHash))
  },
}

const projects: OpenTable = {
  name: 'projects',
  columns: columns(['project_slug', 'project_name', 'project_name_ur', 'project_name_bal', 'company_name', 'province', 'district', 'status', 'licence_ref', 'minerals']),
  rows: (db) =>
    once(
      listProjects(db).then((list) =>
        list.map((p) => ({
          project_slug: p.slug, project_name: p.name.en, project_name_ur: p.name.ur, project_name_bal: p.name.bal, company_name: p.operator.en,
          province: p.province, district: p.district, status: p.status, licence_ref: p.licenceRef, minerals: p.minerals.join('; '),
        })),
      ),
    ),
}

const parties: OpenTable = {
  name: 'parties',
  columns: columns(['party_slug', 'party_name', 'party_name_ur', 'party_name_bal', 'party_kind', 'beneficiary_kind', 'province', 'district', 'registration_ref']),
  rows: (db, upToSeq) =>
    once(
      publicParties(db, upToSeq)
        .select(['p.slug', 'p.name_en', 'p.name_ur', 'p.name_bal', 'p.kind', 'p.beneficiary_kind', 'p.province', 'p.district', 'p.registration_ref'])
        .orderBy('p.kind')
        .orderBy('p.slug')
        .execute()
        .then((list) =>
          list.map((p) => ({
            party_slug: p.slug, party_name: p.name_en, party_name_ur: p.name_ur, party_name_bal: p.name_bal, party_kind: p.kind,
            beneficiary_kind: p.beneficiary_kind, province: p.province, district: p.district, registration_ref: p.registration_ref,
          })),
        ),
    ),
}

const trusts: OpenTable = {
  name: 'trusts',
  columns: columns(['trust_slug', 'trust_name', 'trust_name_ur', 'trust_name_bal', 'district', 'project_slugs']),
  rows: (db) =>
    once(
      listTrusts(db).then((list) =>
        list.map((t) => ({ trust_slug: t.slug, trust_name: t.name.en, trust_name_ur: t.name.ur, trust_name_bal: t.name.bal, district: t.district, project_slugs: t.projects.map((p) => p.slug).join('; ') })),
      ),
    ),
}

const sharing: OpenTable = {
  name: 'sharing_gaps',
  columns: columns(['project_slug', 'trust_slug', 'fiscal_year', 'royalties_pkr', 'expected_pkr', 'transferred_pkr', 'gap_pkr', 'shortfall', 'year_in_progress', 'uncovered_royalties_pkr', 'explanation']),
  rows: (db) =>
    once(
      sharingGaps(db).then((list) =>
        list.map((g) => ({
          project_slug: g.project.slug, trust_slug: g.trust.slug, fiscal_year: fiscalYearLabel(g.fiscalYear), royalties_pkr: money(g.royaltiesMinor),
          expected_pkr: money(g.expectedMinor), transferred_pkr: money(g.transferredMinor), gap_pkr: money(g.gapMinor), shortfall: g.shortfall,
          year_in_progress: g.yearInProgress, uncovered_royalties_pkr: money(g.uncoveredRoyaltiesMinor),
          explanation: g.explanations.map((e) => e.explanation).join('\n\n') || null,
        })),
      ),
    ),
}

const employment = (name: string, names: readonly string[], load: (db: Database) => Promise<unknown[]>): OpenTable => ({
  name,
  columns: columns(names),
  rows: (db) => once(load(db) as Promise<OpenRow[]>),
})

/** Every table of the open data set, in the order the data package and the dictionary list them. */
export const OPEN_TABLES: readonly OpenTable[] = [
  ledger,
  projects,
  parties,
  trusts,
  sharing,
  employment('employment_quotas', QUOTA_COLUMNS, quotaRows),
  employment('employment_reports', REPORT_COLUMNS, reportRows),
  employment('employment_compliance', COMPLIANCE_COLUMNS, complianceRows),
]

/** Every column name in the open data set, once, in first-use order: the data dictionary's entries. */
export const ALL_COLUMNS: readonly string[] = [...new Set(OPEN_TABLES.flatMap((t) => t.columns.map((c) => c.name)))]
