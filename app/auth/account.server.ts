import type { Database } from '../../db/client'
import { recordAuditEvent, type RequestMeta } from '../models/audit.server'
import { listSessionRows } from '../models/sessions.server'
import { issuePasswordToken } from './password-tokens.server'
import { invalidateSession, invalidateUserSessions } from './sessions.server'

/**
 * Ending sessions by hand: one's own other sessions from the account page, anyone's from the admin
 * screens. The session id is a public handle (the secret half of the token never leaves the
 * cookie), so these check that the session belongs to whom the caller says.
 */

export async function endOwnSession(db: Database, user: { id: number }, sessionId: string, meta: RequestMeta): Promise<boolean> {
  const sessions = await listSessionRows(db, user.id)
  if (!sessions.some((s) => s.id === sessionId)) return false
  await invalidateSession(db, sessionId)
  await recordAuditEvent(db, { actorUserId: user.id, action: 'auth.session.ended', targetType: 'user', targetId: user.id, ...meta, details: { count: 1 } })
  return true
}

export async function endOwnOtherSessions(db: Database, user: { id: number; sessionId: string }, meta: RequestMeta): Promise<number> {
  const ended = await invalidateUserSessions(db, user.id, { except: user.sessionId })
  await recordAuditEvent(db, { actorUserId: user.id, action: 'auth.session.ended', targetType: 'user', targetId: user.id, ...meta, details: { count: ended } })
  return ended
}

/** An admin ends every session of another user. */
export async function endAllSessionsOf(db: Database, actor: { id: number }, userId: number, meta: RequestMeta): Promise<number> {
  const ended = await invalidateUserSessions(db, userId)
  await recordAuditEvent(db, { actorUserId: actor.id, action: 'auth.session.ended', targetType: 'user', targetId: userId, ...meta, details: { count: ended } })
  return ended
}

/** An admin makes a single-use, 24-hour link for a user to choose a password; audited. */
export async function issuePasswordLink(db: Database, actor: { id: number }, userId: number, purpose: 'invite' | 'reset', meta: RequestMeta): Promise<string> {
  const token = await issuePasswordToken(db, userId, purpose)
  await recordAuditEvent(db, { actorUserId: actor.id, action: 'auth.password.reset_issued', targetType: 'user', targetId: userId, ...meta, details: { purpose } })
  return token
}
