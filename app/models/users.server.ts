import type { Database } from '../../db/client'
import type { Role } from '../../db/schema'
import { SCOPED_ROLES } from '../auth/permissions'
import { recordAuditEvent, type RequestMeta } from './audit.server'
import { deleteUserSessions } from './sessions.server'

export type Lang = 'en' | 'ur' | 'bal'

/** Exactly the rows of user_scopes; widening a trust to its projects is the permission layer's job. */
export interface UserScope {
  trustIds: number[]
  projectIds: number[]
}

/** Named `scope` like permissions.ts, so `allows(user, …)` takes a User as it is. */
export interface User {
  id: number
  email: string
  name: string
  role: Role
  preferredLang: Lang
  isActive: boolean
  isDemo: boolean
  totpEnabled: boolean
  hasPassword: boolean
  createdAt: string
  scope: UserScope
}

export interface NewUser {
  email: string
  name: string
  role: Role
  preferredLang?: Lang
  /** Officers only; admins and auditors reach everything and have none. */
  scope?: UserScope
  /** Set by the CLI, which asks for the password; the portal invites users to set their own. */
  passwordHash?: string
  /** Recorded in the audit event, e.g. 'cli'. */
  via?: string
}

export interface UserPatch {
  name?: string
  role?: Role
  preferredLang?: Lang
  scope?: UserScope
}

export class UserRuleError extends Error {
  constructor(
    readonly code: 'not_found' | 'email_taken' | 'invalid_email' | 'scope_not_allowed' | 'unknown_trust' | 'unknown_project',
    readonly detail: Record<string, unknown> = {},
  ) {
    super(code)
  }
}

const NO_SCOPE: UserScope = { trustIds: [], projectIds: [] }

/** Emails are compared and stored trimmed and in lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

export async function findUserById(db: Database, id: number): Promise<User | null> {
  const row = await userQuery(db).where('id', '=', id).executeTakeFirst()
  return row ? withScope(db, row) : null
}

export async function findUserByEmail(db: Database, email: string): Promise<User | null> {
  const row = await userQuery(db).where('email', '=', normalizeEmail(email)).executeTakeFirst()
  return row ? withScope(db, row) : null
}

export async function listUsers(db: Database): Promise<User[]> {
  const rows = await userQuery(db).orderBy('email').execute()
  const scopes = await db.selectFrom('user_scopes').select(['user_id', 'trust_party_id', 'project_id']).execute()
  return rows.map((row) => toUser(row, scopeOf(scopes.filter((s) => s.user_id === row.id))))
}

/** What sign-in needs to judge a password; kept apart from User so the hash never travels further. */
export async function findCredentials(db: Database, email: string): Promise<{ userId: number; passwordHash: string | null; isActive: boolean } | null> {
  const row = await db.selectFrom('users').select(['id', 'password_hash', 'is_active']).where('email', '=', normalizeEmail(email)).executeTakeFirst()
  return row ? { userId: row.id, passwordHash: row.password_hash, isActive: row.is_active === 1 } : null
}

export async function findPasswordHash(db: Database, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst()
  return row?.password_hash ?? null
}

export async function setPasswordHash(db: Database, userId: number, passwordHash: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now.toISOString() }).where('id', '=', userId).execute()
}

/** Creates a user and their scope in one transaction with the `user.created` event. */
export async function createUser(db: Database, actorId: number | null, input: NewUser, now = new Date(), meta: RequestMeta = {}): Promise<User> {
  const email = normalizeEmail(input.email)
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UserRuleError('invalid_email')
  const scope = normalizeScope(input.scope ?? NO_SCOPE)
  assertScopeAllowed(input.role, scope)
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
    if (existing) throw new UserRuleError('email_taken')
    await assertScopeExists(trx, scope)
    const { id } = await trx
      .insertInto('users')
      .values({
        email,
        name: input.name.trim(),
        role: input.role,
        preferred_lang: input.preferredLang ?? 'en',
        password_hash: input.passwordHash ?? null,
        password_changed_at: input.passwordHash ? now.toISOString() : null,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await insertScope(trx, id, scope)
    await recordAuditEvent(
      trx,
      { actorUserId: actorId, action: 'user.created', targetType: 'user', targetId: id, ...meta, details: { email, role: input.role, scope, ...(input.via ? { via: input.via } : {}) } },
      now,
    )
    return (await findUserById(trx, id))!
  })
}

/**
 * Changes name, role, language or scope. Leaving the officer role drops the scope, which only
 * officers have; role and scope changes get events of their own, with before and after.
 */
export async function updateUser(db: Database, actorId: number, id: number, patch: UserPatch, now = new Date(), meta: RequestMeta = {}): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, id)
    if (!before) throw new UserRuleError('not_found')
    const role = patch.role ?? before.role
    const scope = normalizeScope(patch.scope ?? (SCOPED_ROLES.includes(role) ? before.scope : NO_SCOPE))
    assertScopeAllowed(role, scope)
    await assertScopeExists(trx, scope)

    const name = patch.name?.trim() ?? before.name
    const preferredLang = patch.preferredLang ?? before.preferredLang
    const changed = [
      name !== before.name && 'name',
      role !== before.role && 'role',
      preferredLang !== before.preferredLang && 'preferred_lang',
      !sameScope(scope, before.scope) && 'scope',
    ].filter((c): c is string => c !== false)
    if (changed.length === 0) return before

    await trx.updateTable('users').set({ name, role, preferred_lang: preferredLang }).where('id', '=', id).execute()
    const event = { actorUserId: actorId, targetType: 'user', targetId: id, ...meta }
    await recordAuditEvent(trx, { ...event, action: 'user.changed', details: { changed } }, now)
    if (role !== before.role) {
      await recordAuditEvent(trx, { ...event, action: 'user.role_changed', details: { before: before.role, after: role } }, now)
    }
    if (!sameScope(scope, before.scope)) {
      await trx.deleteFrom('user_scopes').where('user_id', '=', id).execute()
      await insertScope(trx, id, scope)
      await recordAuditEvent(trx, { ...event, action: 'user.scopes_changed', details: { before: before.scope, after: scope } }, now)
    }
    return (await findUserById(trx, id))!
  })
}

/** Deactivating ends every session at once; nothing happens if the user is already in that state. */
export async function setUserActive(db: Database, actorId: number, id: number, active: boolean, now = new Date(), meta: RequestMeta = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('is_active').where('id', '=', id).executeTakeFirst()
    if (!user) throw new UserRuleError('not_found')
    if ((user.is_active === 1) === active) return
    await trx.updateTable('users').set({ is_active: active ? 1 : 0 }).where('id', '=', id).execute()
    if (!active) await deleteUserSessions(trx, id)
    await recordAuditEvent(trx, { actorUserId: actorId, action: active ? 'user.reactivated' : 'user.deactivated', targetType: 'user', targetId: id, ...meta }, now)
  })
}

function userQuery(db: Database) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'preferred_lang', 'is_active', 'is_demo', 'totp_enabled_at', 'password_hash', 'created_at'])
}

type UserRow = {
  id: number
  email: string
  name: string
  role: Role
  preferred_lang: Lang
  is_active: number
  is_demo: number
  totp_enabled_at: string | null
  password_hash: string | null
  created_at: string
}

async function withScope(db: Database, row: UserRow): Promise<User> {
  const scopes = await db.selectFrom('user_scopes').select(['trust_party_id', 'project_id']).where('user_id', '=', row.id).execute()
  return toUser(row, scopeOf(scopes))
}

function toUser(row: UserRow, scope: UserScope): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    preferredLang: row.preferred_lang,
    isActive: row.is_active === 1,
    isDemo: row.is_demo === 1,
    totpEnabled: row.totp_enabled_at !== null,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
    scope,
  }
}

function scopeOf(rows: Array<{ trust_party_id: number | null; project_id: number | null }>): UserScope {
  return normalizeScope({
    trustIds: rows.flatMap((r) => (r.trust_party_id === null ? [] : [r.trust_party_id])),
    projectIds: rows.flatMap((r) => (r.project_id === null ? [] : [r.project_id])),
  })
}

function normalizeScope(scope: UserScope): UserScope {
  const sorted = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b)
  return { trustIds: sorted(scope.trustIds), projectIds: sorted(scope.projectIds) }
}

function sameScope(a: UserScope, b: UserScope): boolean {
  return JSON.stringify(normalizeScope(a)) === JSON.stringify(normalizeScope(b))
}

function assertScopeAllowed(role: Role, scope: UserScope): void {
  if (!SCOPED_ROLES.includes(role) && (scope.trustIds.length > 0 || scope.projectIds.length > 0)) {
    throw new UserRuleError('scope_not_allowed', { role })
  }
}

async function assertScopeExists(db: Database, scope: UserScope): Promise<void> {
  if (scope.trustIds.length > 0) {
    const trusts = await db.selectFrom('parties').select('id').where('kind', '=', 'trust').where('id', 'in', scope.trustIds).execute()
    const missing = scope.trustIds.filter((id) => !trusts.some((t) => t.id === id))
    if (missing.length > 0) throw new UserRuleError('unknown_trust', { ids: missing })
  }
  if (scope.projectIds.length > 0) {
    const projects = await db.selectFrom('projects').select('id').where('id', 'in', scope.projectIds).execute()
    const missing = scope.projectIds.filter((id) => !projects.some((p) => p.id === id))
    if (missing.length > 0) throw new UserRuleError('unknown_project', { ids: missing })
  }
}

async function insertScope(db: Database, userId: number, scope: UserScope): Promise<void> {
  const rows = [
    ...scope.trustIds.map((id) => ({ user_id: userId, trust_party_id: id, project_id: null })),
    ...scope.projectIds.map((id) => ({ user_id: userId, trust_party_id: null, project_id: id })),
  ]
  if (rows.length > 0) await db.insertInto('user_scopes').values(rows).execute()
}
