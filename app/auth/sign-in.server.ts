import type { Database } from '../../db/client'
import { recordAuditEvent, type RequestMeta } from '../models/audit.server'
import { checkThrottle, clearAccountFailures, recordLoginFailure } from '../models/login-failures.server'
import { findCredentials, findPasswordHash, findUserById, type User } from '../models/users.server'
import { ROLES_REQUIRING_TOTP } from './permissions'
import { checkNewPassword } from './password-policy'
import { verifyPassword } from './passwords.server'
import { createSession, invalidateSession, type Session } from './sessions.server'
import { emailKey, UNKNOWN_ADDRESS } from './throttle'

/**
 * An argon2id hash of a password nobody has, made with ARGON2_OPTIONS. An unknown email is checked
 * against it, so that answering "invalid" takes as long whether or not the account exists. A test
 * keeps its parameters in step with ARGON2_OPTIONS.
 */
export const DUMMY_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$2wCBdAOJ+k7zKGPjHevf7w$v62dgJhFYX0LltNAvzlRSwL+5iWi5E12PQX3jwY34BY'

/**
 * What the user must do before the session is fully usable, in this order: prove the second
 * factor; replace a password the policy would now refuse (known only here, while we hold it in
 * the clear); enrol a second factor if the role requires one; or nothing.
 */
export type SignInNext = 'done' | 'totp' | 'enrol-totp' | 'set-password'

export type SignInResult =
  | { status: 'throttled'; retryAfterSeconds: number }
  | { status: 'invalid' }
  | { status: 'signed-in'; token: string; session: Session; user: User; next: SignInNext }

export interface SignInAttempt {
  email: string
  password: string
  /** null when the server cannot tell; such attempts share one address for throttling. */
  ip: string | null
  userAgent: string | null
  /** The session this browser already has, if any: a successful sign-in ends it, so one browser holds one session. */
  replacesSessionId?: string
}

/**
 * Checks an email and password. Throttled attempts are refused before any check. An unknown
 * email, a deactivated account, an account without a password yet and a wrong password all get
 * the same `invalid` after the same work (one argon2 verification), so the answer does not tell
 * which accounts exist.
 */
export async function attemptSignIn(db: Database, attempt: SignInAttempt, now = new Date()): Promise<SignInResult> {
  const key = emailKey(attempt.email)
  const ip = attempt.ip ?? UNKNOWN_ADDRESS
  const meta: RequestMeta = { ip: attempt.ip, userAgent: attempt.userAgent }

  const throttle = await checkThrottle(db, { email: key, ip }, now)
  if (!throttle.allowed) return { status: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds }

  const credentials = await findCredentials(db, key)
  const candidate = credentials?.isActive && credentials.passwordHash ? credentials : null
  const passwordOk = await verifyPassword(candidate?.passwordHash ?? DUMMY_PASSWORD_HASH, attempt.password)

  if (!candidate || !passwordOk) {
    await db.transaction().execute(async (trx) => {
      const { lockedNow } = await recordLoginFailure(trx, { email: key, ip }, now)
      await recordAuditEvent(trx, { actorUserId: null, action: 'auth.sign_in.failed', ...meta, details: { email_key: key } }, now)
      if (lockedNow) await recordAuditEvent(trx, { actorUserId: null, action: 'auth.lockout', ...meta, details: { email_key: key } }, now)
    })
    return { status: 'invalid' }
  }

  const user = (await findUserById(db, candidate.userId))!
  const { token, session } = await db.transaction().execute(async (trx) => {
    await clearAccountFailures(trx, key)
    if (attempt.replacesSessionId !== undefined) await invalidateSession(trx, attempt.replacesSessionId)
    const created = await createSession(trx, user.id, { ip: attempt.ip, userAgent: attempt.userAgent, twoFactorVerified: false }, now)
    await recordAuditEvent(trx, { actorUserId: user.id, action: 'auth.sign_in.succeeded', targetType: 'session', targetId: created.session.id, ...meta }, now)
    return created
  })
  return { status: 'signed-in', token, session, user, next: nextStep(user, attempt.password) }
}

export async function signOut(db: Database, sessionId: string, actorUserId: number, meta: RequestMeta = {}, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await invalidateSession(trx, sessionId)
    await recordAuditEvent(trx, { actorUserId, action: 'auth.sign_out', targetType: 'session', targetId: sessionId, ...meta }, now)
  })
}

export type CurrentPasswordCheck = { status: 'ok' } | { status: 'invalid' } | { status: 'throttled'; retryAfterSeconds: number }

/**
 * Re-asks a signed-in user's password before a sensitive change. The guesses go through the
 * sign-in throttle (the account and the address): a session left open on a shared computer must
 * not let anyone guess the password at leisure. A wrong one counts, and is audited, as a failed
 * sign-in would be; the right one forgets the account's failures, as a sign-in does.
 */
export async function checkCurrentPassword(db: Database, user: { id: number; email: string }, password: string, meta: RequestMeta = {}, now = new Date()): Promise<CurrentPasswordCheck> {
  const key = emailKey(user.email)
  const ip = meta.ip ?? UNKNOWN_ADDRESS
  const throttle = await checkThrottle(db, { email: key, ip }, now)
  if (!throttle.allowed) return { status: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds }

  const passwordHash = await findPasswordHash(db, user.id)
  if (passwordHash !== null && (await verifyPassword(passwordHash, password))) {
    await clearAccountFailures(db, key)
    return { status: 'ok' }
  }
  const event = { actorUserId: user.id, targetType: 'user', targetId: user.id, ...meta }
  await db.transaction().execute(async (trx) => {
    const { lockedNow } = await recordLoginFailure(trx, { email: key, ip }, now)
    await recordAuditEvent(trx, { ...event, action: 'auth.password.check_failed' }, now)
    if (lockedNow) await recordAuditEvent(trx, { ...event, action: 'auth.lockout', details: { email_key: key } }, now)
  })
  return { status: 'invalid' }
}

/**
 * What still stands between a session and full use, for the permission layer: the second factor
 * (sessions start unverified; replaceWithVerifiedSession swaps in a verified one), or enrolling one
 * when the role requires it. null when nothing does.
 */
export function pendingSignInStep(session: Pick<Session, 'twoFactorVerified'>, user: Pick<User, 'role' | 'totpEnabled'>): 'totp' | 'enrol-totp' | null {
  if (session.twoFactorVerified) return null
  if (user.totpEnabled) return 'totp'
  if (ROLES_REQUIRING_TOTP.includes(user.role)) return 'enrol-totp'
  return null
}

function nextStep(user: User, password: string): SignInNext {
  if (user.totpEnabled) return 'totp'
  if (checkNewPassword(password, { email: user.email }) !== null) return 'set-password'
  if (ROLES_REQUIRING_TOTP.includes(user.role)) return 'enrol-totp'
  return 'done'
}
