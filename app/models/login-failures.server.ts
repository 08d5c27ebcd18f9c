import type { Database } from '../../db/client'
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, emailKey, throttleDecision, windowStart, type ThrottleLimit } from '../auth/throttle'

export type ThrottleCheck = { allowed: true } | { allowed: false; scope: 'account' | 'address'; retryAfterSeconds: number }

/**
 * Whether a sign-in attempt for `email` from `ip` may be checked at all. When both limits are hit,
 * the answer names the one that lasts longer, so the Retry-After it gives is honest.
 */
export async function checkThrottle(db: Database, { email, ip }: { email: string; ip: string }, now = new Date()): Promise<ThrottleCheck> {
  const account = throttleDecision(await recentFailures(db, 'email_key', emailKey(email), ACCOUNT_LIMIT, now), ACCOUNT_LIMIT, now)
  const address = throttleDecision(await recentFailures(db, 'ip', ip, ADDRESS_LIMIT, now), ADDRESS_LIMIT, now)
  const blocked = [
    account.allowed ? null : { scope: 'account' as const, retryAfterSeconds: account.retryAfterSeconds },
    address.allowed ? null : { scope: 'address' as const, retryAfterSeconds: address.retryAfterSeconds },
  ].filter((b) => b !== null)
  if (blocked.length === 0) return { allowed: true }
  const longest = blocked.reduce((a, b) => (b.retryAfterSeconds > a.retryAfterSeconds ? b : a))
  return { allowed: false, ...longest }
}

/** Records a failed attempt; `lockedNow` is true when this one reaches the account's limit. */
export async function recordLoginFailure(db: Database, { email, ip }: { email: string; ip: string }, now = new Date()): Promise<{ lockedNow: boolean }> {
  const key = emailKey(email)
  // Rows older than the longest window can never count again.
  await db.deleteFrom('login_failures').where('at', '<=', windowStart(ADDRESS_LIMIT, now).toISOString()).execute()
  await db.insertInto('login_failures').values({ email_key: key, ip, at: now.toISOString() }).execute()
  const { n } = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email_key', '=', key)
    .where('at', '>', windowStart(ACCOUNT_LIMIT, now).toISOString())
    .executeTakeFirstOrThrow()
  return { lockedNow: Number(n) === ACCOUNT_LIMIT.max }
}

/**
 * Forgets an account's failures after it signs in. The address's failures stay: otherwise anyone
 * with one working account could reset their address's count between guesses at others.
 */
export async function clearAccountFailures(db: Database, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email_key', '=', emailKey(email)).execute()
}

async function recentFailures(db: Database, column: 'email_key' | 'ip', value: string, limit: ThrottleLimit, now: Date): Promise<Date[]> {
  const rows = await db
    .selectFrom('login_failures')
    .select('at')
    .where(column, '=', value)
    .where('at', '>', windowStart(limit, now).toISOString())
    .orderBy('at', 'desc')
    .limit(limit.max)
    .execute()
  return rows.map((r) => new Date(r.at))
}
