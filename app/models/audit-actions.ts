/**
 * Every kind of event the portal writes to the audit trail, and every detail it writes with one.
 * recordAuditEvent takes only these, so recording a new kind is a type error until it is listed
 * here, and tests/unit/audit-labels.test.ts then asks for its name in every language.
 */
export const AUDIT_ACTIONS = [
  'auth.sign_in.succeeded',
  'auth.sign_in.failed',
  'auth.lockout',
  'auth.second_factor.succeeded',
  'auth.second_factor.failed',
  'auth.totp.enrolled',
  'auth.sign_out',
  'auth.session.ended',
  'auth.password.changed',
  'auth.password.check_failed',
  'auth.password.reset_issued',
  'auth.password.reset',
  'auth.invite.accepted',
  'access.denied',
  'user.created',
  'user.changed',
  'user.role_changed',
  'user.scopes_changed',
  'user.deactivated',
  'user.reactivated',
  'ledger.entry.created',
  'ledger.entry.approved',
  'ledger.entry.rejected',
  'ledger.entry.reversal_requested',
  'party.created',
  'locality.created',
  'employment.report.created',
  'employment.report.amended',
  'employment.report.approved',
  'employment.report.rejected',
  'employment.quota.set',
  'sharing.rule.set',
  'sharing.gap.explained',
  'export.complete',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export const AUDIT_DETAIL_KEYS = [
  'kind',
  'seq',
  'reversal',
  'reversesEntryId',
  'reason',
  'via',
  'beneficiaryKind',
  'projectId',
  'trustId',
  'fiscalYear',
  'periodKind',
  'periodStart',
  'supersedesReportId',
  'jobCategory',
  'localScope',
  'localDistricts',
  'minLocalBasisPoints',
  'minWomenBasisPoints',
  'validFrom',
  'supersedesQuotaId',
  'gfsCode',
  'shareBasisPoints',
  'closedRuleId',
  'email',
  'role',
  'scope',
  'trustIds',
  'projectIds',
  'changed',
  'before',
  'after',
  'email_key',
  'method',
  'count',
  'sessions_ended',
  'purpose',
  'permission',
  'path',
  'checkpointSize',
] as const
export type AuditDetailKey = (typeof AUDIT_DETAIL_KEYS)[number]

/** An event's details: any of the known keys, each a value, a list, or (a scope) an object of them. */
export type AuditDetails = { [K in AuditDetailKey]?: unknown }

/** What the audit trail's events are about, as recorded (target_type); an unknown one is shown as it is. */
export const AUDIT_TARGET_TYPES = ['user', 'session', 'route', 'trust', 'project', 'ledger', 'ledger_entry', 'party', 'locality', 'employment_report', 'employment_quota', 'revenue_sharing_rule', 'sharing_gap_explanation'] as const
