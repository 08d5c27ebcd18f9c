import type { Database } from '../../db/client'
import { findUserById, type User } from '../models/users.server'
import {
  deleteSession,
  deleteUserSessions,
  findSessionRow,
  findSessionWithUserState,
  insertSession,
  listSessionRows,
  touchSession,
  type SessionRow,
} from '../models/sessions.server'
import { generateToken, hashSecret, parseToken, secretMatches } from './tokens.server'

/**
 * A session ends after 30 minutes without a request (an unattended office computer) and 12 hours
 * after sign-in whatever happens (one working day), as OWASP suggests for applications that
 * handle financial records. The cookie's Max-Age is the absolute lifetime.
 */
export const SESSION_IDLE_TIMEOUT_MS = 30 * 60_000
export const SESSION_ABSOLUTE_LIFETIME_MS = 12 * 60 * 60_000
/** last_seen_at is written at most once a minute: the idle timeout needs no finer grain. */
const TOUCH_INTERVAL_MS = 60_000

export interface Session {
  id: string
  userId: number
  createdAt: string
  lastSeenAt: string
  /** The earlier of the idle and the absolute expiry, as of lastSeenAt. */
  expiresAt: string
  ip: string | null
  userAgent: string | null
  twoFactorVerified: boolean
}

export interface NewSessionMeta {
  ip: string | null
  userAgent: string | null
  twoFactorVerified: boolean
}

export async function createSession(db: Database, userId: number, meta: NewSessionMeta, now = new Date()): Promise<{ token: string; session: Session }> {
  const { id, secret, token } = generateToken()
  const row: SessionRow = {
    id,
    secretHash: hashSecret(secret),
    userId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    ip: meta.ip,
    userAgent: meta.userAgent,
    twoFactorVerified: meta.twoFactorVerified,
  }
  await insertSession(db, row)
  return { token, session: toSession(row) }
}

/**
 * The session a token names and its user, or null: a malformed token, an unknown id, a wrong
 * secret, an expired session (deleted on the way) or a deactivated user.
 */
export async function validateSessionToken(db: Database, token: string, now = new Date()): Promise<{ session: Session; user: User } | null> {
  const parts = parseToken(token)
  if (!parts) return null
  const row = await findSessionWithUserState(db, parts.id)
  if (!row || !secretMatches(parts.secret, row.secretHash)) return null
  if (isExpired(row, now) || !row.userActive) {
    await deleteSession(db, row.id)
    return null
  }
  if (now.getTime() - Date.parse(row.lastSeenAt) > TOUCH_INTERVAL_MS) {
    row.lastSeenAt = now.toISOString()
    await touchSession(db, row.id, row.lastSeenAt)
  }
  const user = await findUserById(db, row.userId)
  if (!user) return null
  return { session: toSession(row), user }
}

/**
 * A session that has just proved its second factor is replaced by a new one, with a new id and
 * secret, and its row is deleted: the token from before the code proved only the password, and may
 * have been seen or planted, so it must never become fully privileged. The sign-in time carries
 * over, so the 12-hour limit still counts from the password. null if the session has ended meanwhile.
 */
export async function replaceWithVerifiedSession(db: Database, sessionId: string, meta: { ip: string | null; userAgent: string | null }, now = new Date()): Promise<{ token: string; session: Session } | null> {
  return db.transaction().execute(async (trx) => {
    const old = await findSessionRow(trx, sessionId)
    if (!old || isExpired(old, now)) return null
    await deleteSession(trx, old.id)
    const { id, secret, token } = generateToken()
    const row: SessionRow = { ...old, id, secretHash: hashSecret(secret), lastSeenAt: now.toISOString(), ip: meta.ip, userAgent: meta.userAgent, twoFactorVerified: true }
    await insertSession(trx, row)
    return { token, session: toSession(row) }
  })
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId)
}

export async function invalidateUserSessions(db: Database, userId: number, { except }: { except?: string } = {}): Promise<number> {
  return deleteUserSessions(db, userId, except)
}

/** The user's live sessions, most recently used first. The id is a handle, not a credential. */
export async function listUserSessions(db: Database, userId: number, now = new Date()): Promise<Array<Omit<Session, 'userId' | 'twoFactorVerified'>>> {
  const rows = await listSessionRows(db, userId)
  return rows
    .filter((row) => !isExpired(row, now))
    .map((row) => {
      const s = toSession(row)
      return { id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, ip: s.ip, userAgent: s.userAgent, expiresAt: s.expiresAt }
    })
}

export function sessionExpiresAt(row: Pick<SessionRow, 'createdAt' | 'lastSeenAt'>): Date {
  return new Date(Math.min(Date.parse(row.lastSeenAt) + SESSION_IDLE_TIMEOUT_MS, Date.parse(row.createdAt) + SESSION_ABSOLUTE_LIFETIME_MS))
}

function isExpired(row: Pick<SessionRow, 'createdAt' | 'lastSeenAt'>, now: Date): boolean {
  return now.getTime() >= sessionExpiresAt(row).getTime()
}

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    userId: row.userId,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: sessionExpiresAt(row).toISOString(),
    ip: row.ip,
    userAgent: row.userAgent,
    twoFactorVerified: row.twoFactorVerified,
  }
}
