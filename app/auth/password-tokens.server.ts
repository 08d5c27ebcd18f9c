import type { Database } from '../../db/client'
import { recordAuditEvent, type RequestMeta } from '../models/audit.server'
import { consumePasswordToken, findPasswordToken, replacePasswordTokens, type PasswordTokenPurpose } from '../models/password-tokens.server'
import { deleteUserSessions } from '../models/sessions.server'
import { findUserById, setPasswordHash } from '../models/users.server'
import { checkNewPassword, type PasswordProblem } from './password-policy'
import { hashPassword } from './passwords.server'
import { generateToken, hashSecret, parseToken, secretMatches } from './tokens.server'

/** A reset or invitation link works for a day, long enough to reach someone who checks mail once. */
export const PASSWORD_TOKEN_LIFETIME_MS = 24 * 60 * 60_000

/** Issues a reset or invitation token (`id.secret`, for the link); earlier unused ones stop working. */
export async function issuePasswordToken(db: Database, userId: number, purpose: PasswordTokenPurpose, now = new Date()): Promise<string> {
  const { id, secret, token } = generateToken()
  await replacePasswordTokens(db, {
    id,
    secretHash: hashSecret(secret),
    userId,
    purpose,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + PASSWORD_TOKEN_LIFETIME_MS).toISOString(),
  })
  return token
}

/** The token's user and purpose if it is well formed, known, unused, unexpired and for an active user. Does not use it up. */
export async function findValidPasswordToken(db: Database, token: string, now = new Date()): Promise<{ tokenId: string; userId: number; purpose: PasswordTokenPurpose } | null> {
  const parts = parseToken(token)
  if (!parts) return null
  const row = await findPasswordToken(db, parts.id)
  if (!row || !secretMatches(parts.secret, row.secretHash)) return null
  if (row.usedAt !== null || now.getTime() >= Date.parse(row.expiresAt)) return null
  const user = await findUserById(db, row.userId)
  if (!user?.isActive) return null
  return { tokenId: row.id, userId: row.userId, purpose: row.purpose }
}

/**
 * Sets a password from a reset or invitation link. The token is spent in the same transaction as
 * the password change, and every session of the user ends: whoever knew the old password is out.
 */
export async function setPasswordWithToken(db: Database, token: string, newPassword: string, now = new Date(), meta: RequestMeta = {}): Promise<'ok' | 'invalid-token' | PasswordProblem> {
  const valid = await findValidPasswordToken(db, token, now)
  if (!valid) return 'invalid-token'
  const user = (await findUserById(db, valid.userId))!
  const problem = checkNewPassword(newPassword, { email: user.email })
  if (problem) return problem
  // Hashed outside the transaction: 50 ms of argon2 should not hold SQLite's write lock.
  const passwordHash = await hashPassword(newPassword)
  return db.transaction().execute(async (trx) => {
    if (!(await consumePasswordToken(trx, valid.tokenId, now))) return 'invalid-token'
    await setPasswordHash(trx, user.id, passwordHash, now)
    const ended = await deleteUserSessions(trx, user.id)
    const action = valid.purpose === 'invite' ? 'auth.invite.accepted' : 'auth.password.reset'
    await recordAuditEvent(trx, { actorUserId: user.id, action, targetType: 'user', targetId: user.id, ...meta, details: { sessions_ended: ended } }, now)
    return 'ok'
  })
}

/**
 * A signed-in user's new password. Every other session ends; the one making the change, if named,
 * stays. Ask for the current password first (checkCurrentPassword in sign-in.server.ts).
 */
export async function changePassword(
  db: Database,
  userId: number,
  newPassword: string,
  now = new Date(),
  { keepSessionId, ...meta }: RequestMeta & { keepSessionId?: string } = {},
): Promise<'ok' | PasswordProblem> {
  const user = await findUserById(db, userId)
  if (!user) throw new Error(`No user ${userId}`)
  const problem = checkNewPassword(newPassword, { email: user.email })
  if (problem) return problem
  const passwordHash = await hashPassword(newPassword)
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, passwordHash, now)
    const ended = await deleteUserSessions(trx, userId, keepSessionId)
    await recordAuditEvent(trx, { actorUserId: userId, action: 'auth.password.changed', targetType: 'user', targetId: userId, ...meta, details: { sessions_ended: ended } }, now)
  })
  return 'ok'
}
