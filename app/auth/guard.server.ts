import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { db } from '../db.server'
import { localePath, splitLangPath } from '../i18n/locales'
import { recordAuditEvent } from '../models/audit.server'
import type { User } from '../models/users.server'
import { allows, allowsEntry, type Permission, type RecordRef } from './permissions'
import { readSessionToken } from './session-cookie.server'
import { validateSessionToken } from './sessions.server'
import { pendingSignInStep } from './sign-in.server'

/** The signed-in user, with the session they are using. */
export interface CurrentUser extends User {
  sessionId: string
  /** False between the password and the second factor of a sign-in. */
  twoFactorVerified: boolean
}

type RouteArgs = Pick<LoaderFunctionArgs | ActionFunctionArgs, 'request' | 'context'>

/** Where sign-in is finished: the code step, or enrolling a second factor the role requires. */
export type SignInStep = '/login/code' | '/account/codes'

/**
 * The session of this request, at whatever stage sign-in has reached: `unfinishedStep` is the
 * step still owed (the password is not enough for a role or account that has a second factor).
 * Only the steps that finish sign-in, and signing out, may act on an unfinished session; to
 * everything else it is no one (getCurrentUser).
 */
export async function readSignIn(request: Request): Promise<{ user: CurrentUser; unfinishedStep: SignInStep | null } | null> {
  const token = readSessionToken(request)
  if (!token) return null
  const result = await validateSessionToken(db, token, new Date())
  if (!result) return null
  const { session, user } = result
  const current = { ...user, sessionId: session.id, twoFactorVerified: session.twoFactorVerified }
  return { user: current, unfinishedStep: unfinishedSignInStep(current) }
}

/** The fully signed-in user of this request, or null: a session still owing its second factor counts as anonymous. */
export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  const signIn = await readSignIn(request)
  return signIn && signIn.unfinishedStep === null ? signIn.user : null
}

export function unfinishedSignInStep(user: CurrentUser): SignInStep | null {
  const step = pendingSignInStep({ twoFactorVerified: user.twoFactorVerified }, user)
  return step === 'totp' ? '/login/code' : step === 'enrol-totp' ? '/account/codes' : null
}

export function requestMeta(args: RouteArgs): { ip: string | null; userAgent: string | null } {
  return { ip: args.context.clientAddress ?? null, userAgent: args.request.headers.get('user-agent') }
}

/**
 * Every loader and action starts here: the signed-in user if `permission` (on `record`, when one is
 * involved) is theirs. Otherwise: sign in first (a redirect that comes back), finish signing in,
 * or 403 — and a refusal of a signed-in user is written to the audit trail.
 */
export async function requirePermission(args: RouteArgs, permission: Permission, record?: RecordRef): Promise<CurrentUser | null> {
  return requireAllowed(args, permission, record ?? {}, (user) => allows(user, permission, record))
}

/** As requirePermission, for a ledger entry: an officer must reach its project and every trust it touches. */
export async function requireEntryPermission(args: RouteArgs, permission: Exclude<Permission, 'public'>, entry: { projectId: number; trustIds: readonly number[] }): Promise<CurrentUser> {
  const record = { projectId: entry.projectId, trustId: entry.trustIds[0] }
  return (await requireAllowed(args, permission, record, (user) => allowsEntry(user, permission, entry)))!
}

async function requireAllowed(args: RouteArgs, permission: Permission, record: RecordRef, isAllowed: (user: CurrentUser) => boolean): Promise<CurrentUser | null> {
  const signIn = await readSignIn(args.request)
  if (permission === 'public') return signIn?.unfinishedStep === null ? signIn.user : null
  const url = new URL(args.request.url)
  const { lang, rest } = splitLangPath(url.pathname)
  if (!signIn) {
    const back = encodeURIComponent(rest + url.search)
    throw redirect(`${localePath(lang, '/login')}?redirectTo=${back}`)
  }
  const { user, unfinishedStep } = signIn
  // Half signed in: refused like anyone else, but sent on to the step that finishes it.
  if (unfinishedStep && permission !== 'sign-in:finish') throw redirect(localePath(lang, unfinishedStep))
  if (!isAllowed(user)) {
    await recordAuditEvent(db, {
      actorUserId: user.id,
      action: 'access.denied',
      targetType: record?.trustId !== undefined ? 'trust' : record?.projectId !== undefined ? 'project' : 'route',
      targetId: record?.trustId ?? record?.projectId ?? rest,
      ...requestMeta(args),
      details: { permission, method: args.request.method, path: url.pathname, ...record },
    })
    throw new Response('Forbidden', { status: 403 })
  }
  return user
}

/** For routes whose permission is not 'public': the user is certainly there. */
export async function requireUser(args: RouteArgs, permission: Exclude<Permission, 'public'>, record?: RecordRef): Promise<CurrentUser> {
  return (await requirePermission(args, permission, record))!
}
