import type { Role } from '../../db/schema'

/**
 * The one permission map. Each route declares the permission it needs
 * (`export const handle: RouteHandle`) and its loader and action check it on the server with
 * requirePermission(); a route that declares nothing fails the route-permission test. What a role
 * is not given here, it cannot do: deny by default. The UI hides controls with the same names
 * (`can(user, …)`), but never relies on hiding.
 */
export const PERMISSIONS = [
  /** Anyone, signed in or not. */
  'public',
  /** A signed-in user finishing sign-in: the second factor, or enrolling one. */
  'sign-in:finish',
  /** A fully signed-in user's own account: sessions, password, second factor. */
  'account',
  /** An officer's workspace for the trusts and projects in their scope (admins and auditors: all). */
  'read:workspace',
  /** Records that are not public yet (pending, rejected) and non-public fields. Scoped for officers. */
  'read:non-public',
  /** Record ledger entries and reports. Officers only, within their scope. */
  'write:records',
  /** Approve or reject others' entries. Officers within scope, and admins. */
  'approve:records',
  /** The audit trail. */
  'read:audit',
  /** Complete exports, including non-public fields. */
  'export:complete',
  /** Users, roles, scopes, sessions of others. */
  'manage:users',
  /** Projects' revenue-sharing rules. */
  'manage:sharing-rules',
  /** Projects' local-hiring quotas. */
  'manage:quotas',
  /** An auditor's explanation of a gap between a sharing rule and what was transferred. */
  'explain:gaps',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const SIGNED_IN: Permission[] = ['sign-in:finish', 'account']

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...SIGNED_IN, 'read:workspace', 'read:non-public', 'approve:records', 'read:audit', 'export:complete', 'manage:users', 'manage:sharing-rules', 'manage:quotas'],
  auditor: [...SIGNED_IN, 'read:workspace', 'read:non-public', 'read:audit', 'export:complete', 'explain:gaps'],
  officer: [...SIGNED_IN, 'read:workspace', 'read:non-public', 'write:records', 'approve:records'],
}

/** Roles that must use a second factor before they can do anything else. */
export const ROLES_REQUIRING_TOTP: readonly Role[] = ['admin', 'auditor']

/** Roles whose reach is limited to the trusts and projects they are assigned. */
export const SCOPED_ROLES: readonly Role[] = ['officer']

export interface Scope {
  trustIds: readonly number[]
  projectIds: readonly number[]
}

/** A record a permission is asked about: the trust or project it belongs to. */
export interface RecordRef {
  trustId?: number
  projectId?: number
}

export function roleHas(role: Role, permission: Permission): boolean {
  return permission === 'public' || ROLE_PERMISSIONS[role].includes(permission)
}

/**
 * Whether a user of `role` with `scope` may use `permission` on `record`. Scoped roles reach only
 * the trusts and projects named in their scope; a record naming both must be within both.
 */
export function allows(user: { role: Role; scope: Scope } | null, permission: Permission, record: RecordRef = {}): boolean {
  if (permission === 'public') return true
  if (!user || !roleHas(user.role, permission)) return false
  if (!SCOPED_ROLES.includes(user.role)) return true
  if (record.trustId !== undefined && !user.scope.trustIds.includes(record.trustId)) return false
  if (record.projectId !== undefined && !user.scope.projectIds.includes(record.projectId)) return false
  return true
}

/**
 * A ledger entry names one project and the trusts among its two parties (none for a payment to
 * government, one otherwise); a scoped role must reach every one of them.
 */
export function allowsEntry(user: { role: Role; scope: Scope } | null, permission: Permission, entry: { projectId: number; trustIds: readonly number[] }): boolean {
  if (entry.trustIds.length === 0) return allows(user, permission, { projectId: entry.projectId })
  return entry.trustIds.every((trustId) => allows(user, permission, { trustId, projectId: entry.projectId }))
}

export interface RouteHandle {
  permission: Permission
  /** Ship JavaScript and hydrate this page; public pages leave it out and work without. */
  hydrate?: boolean
}
