import type { Database } from '../../db/client'

export interface SessionRow {
  id: string
  secretHash: string
  userId: number
  createdAt: string
  lastSeenAt: string
  ip: string | null
  userAgent: string | null
  twoFactorVerified: boolean
}

export async function insertSession(db: Database, row: SessionRow): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      secret_hash: row.secretHash,
      user_id: row.userId,
      created_at: row.createdAt,
      last_seen_at: row.lastSeenAt,
      ip: row.ip,
      user_agent: row.userAgent,
      two_factor_verified: row.twoFactorVerified ? 1 : 0,
    })
    .execute()
}

/** The session and whether its user may still sign in, in one read. */
export async function findSessionWithUserState(db: Database, id: string): Promise<(SessionRow & { userActive: boolean }) | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.secret_hash',
      'sessions.user_id',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.ip',
      'sessions.user_agent',
      'sessions.two_factor_verified',
      'users.is_active',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  return { ...toSessionRow(row), userActive: row.is_active === 1 }
}

export async function touchSession(db: Database, id: string, lastSeenAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute()
}

export async function findSessionRow(db: Database, id: string): Promise<SessionRow | null> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toSessionRow(row) : null
}

export async function deleteSession(db: Database, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

/** Ends every session of a user, or every one but `except`; returns how many ended. */
export async function deleteUserSessions(db: Database, userId: number, except?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (except !== undefined) query = query.where('id', '<>', except)
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function listSessionRows(db: Database, userId: number): Promise<SessionRow[]> {
  const rows = await db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('last_seen_at', 'desc').execute()
  return rows.map(toSessionRow)
}

function toSessionRow(row: {
  id: string
  secret_hash: string
  user_id: number
  created_at: string
  last_seen_at: string
  ip: string | null
  user_agent: string | null
  two_factor_verified: number
}): SessionRow {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    ip: row.ip,
    userAgent: row.user_agent,
    twoFactorVerified: row.two_factor_verified === 1,
  }
}
