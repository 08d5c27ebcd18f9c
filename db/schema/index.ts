import type { AuditEventsTable } from './audit-events'
import type { DataVersionTable } from './data-version'
import type { EmploymentQuotasTable } from './employment-quotas'
import type { EmploymentReportDistrictsTable } from './employment-report-districts'
import type { EmploymentReportLinesTable } from './employment-report-lines'
import type { EmploymentReportsTable } from './employment-reports'
import type { LedgerEntriesTable } from './ledger-entries'
import type { LedgerTotalsTable } from './ledger-totals'
import type { LedgerCheckpointsTable, LedgerLeavesTable, LedgerTreeNodesTable } from './ledger-tree'
import type { LocalitiesTable } from './localities'
import type { LoginFailuresTable } from './login-failures'
import type { PartiesTable } from './parties'
import type { PasswordTokensTable } from './password-tokens'
import type { ProjectMineralsTable } from './project-minerals'
import type { ProjectsTable } from './projects'
import type { RecoveryCodesTable } from './recovery-codes'
import type { RevenueSharingRulesTable } from './revenue-sharing-rules'
import type { RevenueStreamsTable } from './revenue-streams'
import type { SessionsTable } from './sessions'
import type { SettingsTable } from './settings'
import type { SharingGapExplanationsTable } from './sharing-gap-explanations'
import type { TrustProjectsTable } from './trust-projects'
import type { UserScopesTable } from './user-scopes'
import type { UsersTable } from './users'

export type * from './types'

export interface DB {
  settings: SettingsTable
  data_version: DataVersionTable
  localities: LocalitiesTable
  parties: PartiesTable
  projects: ProjectsTable
  project_minerals: ProjectMineralsTable
  trust_projects: TrustProjectsTable
  revenue_streams: RevenueStreamsTable
  users: UsersTable
  user_scopes: UserScopesTable
  sessions: SessionsTable
  ledger_entries: LedgerEntriesTable
  ledger_totals: LedgerTotalsTable
  ledger_leaves: LedgerLeavesTable
  ledger_tree_nodes: LedgerTreeNodesTable
  ledger_checkpoints: LedgerCheckpointsTable
  revenue_sharing_rules: RevenueSharingRulesTable
  sharing_gap_explanations: SharingGapExplanationsTable
  employment_quotas: EmploymentQuotasTable
  employment_reports: EmploymentReportsTable
  employment_report_lines: EmploymentReportLinesTable
  employment_report_districts: EmploymentReportDistrictsTable
  audit_events: AuditEventsTable
  login_failures: LoginFailuresTable
  password_tokens: PasswordTokensTable
  recovery_codes: RecoveryCodesTable
}
