import type { Database } from '../../db/client'

export type PasswordTokenPurpose = 'reset' | 'invite'

export interface PasswordTokenRow {
  id: string
  secretHash: string
  userId: number
  purpose: PasswordTokenPurpose
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

/** Stores a new token and deletes the user's earlier unused ones: only the latest link works. */
export async function replacePasswordTokens(db: Database, row: Omit<PasswordTokenRow, 'usedAt'>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('password_tokens').where('user_id', '=', row.userId).where('used_at', 'is', null).execute()
    await trx
      .insertInto('password_tokens')
      .values({ id: row.id, secret_hash: row.secretHash, user_id: row.userId, purpose: row.purpose, created_at: row.createdAt, expires_at: row.expiresAt })
      .execute()
  })
}

export async function findPasswordToken(db: Database, id: string): Promise<PasswordTokenRow | null> {
  const row = await db.selectFrom('password_tokens').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return null
  return { id: row.id, secretHash: row.secret_hash, userId: row.user_id, purpose: row.purpose, createdAt: row.created_at, expiresAt: row.expires_at, usedAt: row.used_at }
}

/** Marks the token used if it still is unused and unexpired; false if another request got there first. */
export async function consumePasswordToken(db: Database, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('password_tokens')
    .set({ used_at: now.toISOString() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
