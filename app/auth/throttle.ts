/**
 * Sign-in throttling, as window arithmetic over the times of recent failures. An account (the
 * email as typed) gets 10 failures in 15 minutes, which stops online guessing while a forgetful
 * user waits a few minutes at worst; an address (IP) gets 100 an hour, which stops one machine
 * spraying guesses across many accounts but leaves room for an office behind one NAT address.
 */
export interface ThrottleLimit {
  max: number
  windowMs: number
}

export const ACCOUNT_LIMIT: ThrottleLimit = { max: 10, windowMs: 15 * 60_000 }
export const ADDRESS_LIMIT: ThrottleLimit = { max: 100, windowMs: 60 * 60_000 }

/** The address recorded when the server cannot tell one; such attempts share one address budget. */
export const UNKNOWN_ADDRESS = 'unknown'

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** The key failures are counted under: the email as typed, whether or not an account has it. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase()
}

/** A failure at time t counts while t > now − window, that is until t + window. */
export function windowStart(limit: ThrottleLimit, now: Date): Date {
  return new Date(now.getTime() - limit.windowMs)
}

/**
 * Decides from the recent failures (the newest `limit.max` are enough). Once there are
 * `max` of them, the next attempt may come when the oldest of those leaves the window, bringing
 * the count back below the limit.
 */
export function throttleDecision(recentFailures: ReadonlyArray<Date>, limit: ThrottleLimit, now: Date): ThrottleDecision {
  const inWindow = recentFailures
    .filter((at) => at.getTime() > now.getTime() - limit.windowMs)
    .sort((a, b) => b.getTime() - a.getTime())
  const blocking = inWindow[limit.max - 1]
  if (!blocking) return { allowed: true }
  const waitMs = blocking.getTime() + limit.windowMs - now.getTime()
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
}
