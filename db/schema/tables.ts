import type { DB } from '.'

/**
 * Every table of the DB interface at run time, in foreign-key order: a table comes after every
 * table it references, so rows can be inserted in this order and deleted in the reverse. With each,
 * its primary key (text columns are ordered by their bytes on both engines) and the column, if
 * any, that references the table's own key. Used by `npm run db:copy`; tests/models/table-catalogue
 * checks it against the migrated schema of both engines.
 *
 * Tables outside this list — the migrator's bookkeeping, and anything derived from app tables
 * (a full-text index kept by triggers; see DERIVED_TABLES) — are not data to copy or compare: the
 * target's own migrations and triggers make them.
 */
export interface TableInfo {
  name: keyof DB
  key: ReadonlyArray<{ column: string; text: boolean }>
  selfReference?: string
}

const int = (column: string) => ({ column, text: false })
const text = (column: string) => ({ column, text: true })

export const APP_TABLES = [
  { name: 'data_version', key: [text('scope')] },
  { name: 'settings', key: [text('key')] },
  { name: 'localities', key: [int('id')], selfReference: 'parent_id' },
  { name: 'parties', key: [int('id')] },
  { name: 'projects', key: [int('id')] },
  { name: 'project_minerals', key: [int('project_id'), text('mineral')] },
  { name: 'trust_projects', key: [int('trust_party_id'), int('project_id')] },
  { name: 'revenue_streams', key: [text('gfs_code')], selfReference: 'parent_code' },
  { name: 'users', key: [int('id')] },
  { name: 'user_scopes', key: [int('id')] },
  { name: 'sessions', key: [text('id')] },
  { name: 'ledger_entries', key: [int('id')], selfReference: 'reverses_entry_id' },
  { name: 'ledger_leaves', key: [int('seq')] },
  { name: 'ledger_tree_nodes', key: [int('level'), int('idx')] },
  { name: 'ledger_checkpoints', key: [int('size')] },
  { name: 'revenue_sharing_rules', key: [int('id')] },
  { name: 'sharing_gap_explanations', key: [int('id')] },
  { name: 'employment_quotas', key: [int('id')], selfReference: 'supersedes_quota_id' },
  { name: 'employment_reports', key: [int('id')], selfReference: 'supersedes_report_id' },
  { name: 'employment_report_lines', key: [int('report_id'), text('job_category')] },
  { name: 'employment_report_districts', key: [int('report_id'), text('job_category'), text('district')] },
  { name: 'audit_events', key: [int('id')] },
  { name: 'login_failures', key: [int('id')] },
  { name: 'password_tokens', key: [text('id')] },
  { name: 'recovery_codes', key: [int('id')] },
] as const satisfies readonly TableInfo[]

/**
 * Tables of the DB interface that are derived from others (rebuilt by their own triggers or
 * migration, such as a full-text index): never copied as data, never compared. ledger_totals is
 * kept by triggers on ledger_entries (ADR 10): a copy's target rebuilds it as the entries arrive.
 */
export const DERIVED_TABLES = ['ledger_totals'] as const satisfies ReadonlyArray<keyof DB>

// A table added to DB but listed in neither fails to compile: it would silently be left out of a copy.
type Unlisted = Exclude<keyof DB, (typeof APP_TABLES)[number]['name'] | (typeof DERIVED_TABLES)[number]>
const everyTableListed: [Unlisted] extends [never] ? true : Unlisted = true
void everyTableListed
