import type { Database } from '../../db/client'

export interface TotpState {
  email: string
  /** Base32; null until the user has enrolled. */
  secret: string | null
  lastStep: number | null
}

export async function findTotpState(db: Database, userId: number): Promise<TotpState | null> {
  const row = await db.selectFrom('users').select(['email', 'totp_secret', 'totp_enabled_at', 'totp_last_step']).where('id', '=', userId).executeTakeFirst()
  if (!row) return null
  return { email: row.email, secret: row.totp_enabled_at === null ? null : row.totp_secret, lastStep: row.totp_last_step }
}

/** Turns TOTP on, remembering the step of the code that proved it, and replaces any recovery codes. */
export async function storeTotpEnrolment(db: Database, userId: number, secret: string, step: number, recoveryCodeHashes: string[], now: Date): Promise<void> {
  await db.updateTable('users').set({ totp_secret: secret, totp_enabled_at: now.toISOString(), totp_last_step: step }).where('id', '=', userId).execute()
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
  await db
    .insertInto('recovery_codes')
    .values(recoveryCodeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute()
}

/**
 * Records `step` as the last one used, unless that step or a later one already was; false means
 * the code is a replay. One conditional UPDATE, so two requests racing with the same code cannot
 * both succeed.
 */
export async function advanceTotpStep(db: Database, userId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Spends an unused recovery code; false if there is none with this hash. */
export async function useRecoveryCode(db: Database, userId: number, codeHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) >= 1
}

export async function countUnusedRecoveryCodes(db: Database, userId: number): Promise<number> {
  const { n } = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(n)
}
