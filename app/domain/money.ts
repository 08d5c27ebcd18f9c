import type { Currency } from '../../db/schema'

export type { Currency }
export const CURRENCIES: readonly Currency[] = ['PKR', 'USD']

/** An exact amount: integer minor units (paisa, cents). Never a float. */
export interface Money {
  amountMinor: bigint
  currency: Currency
}

/** Both currencies the ledger keeps have 100 minor units to the major unit. */
export const MINOR_DIGITS = 2

/** `-12345605n` → `"-123456.05"`: the exact decimal, for formatting and exports. */
export function minorToDecimalString(amountMinor: bigint): string {
  const negative = amountMinor < 0n
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(MINOR_DIGITS + 1, '0')
  const whole = digits.slice(0, -MINOR_DIGITS)
  const fraction = digits.slice(-MINOR_DIGITS)
  return `${negative ? '-' : ''}${whole}.${fraction}`
}

/**
 * The largest magnitude a stored amount may have: better-sqlite3 returns integers as JS numbers,
 * and toMinor() refuses any beyond 2^53 − 1 because it could not be exact. Sums are not bound by
 * it (they come back as text). Input is capped lower still, at MAX_AMOUNT_MINOR in amount.ts.
 */
export const MAX_STORED_MINOR = BigInt(Number.MAX_SAFE_INTEGER)

/** Reads a database integer — a number from SQLite, a string from PostgreSQL, or a bigint — exactly. */
export function toMinor(value: number | string | bigint | null | undefined): bigint {
  if (value === null || value === undefined) return 0n
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`Amount ${value} is not an exact integer`)
  }
  return BigInt(value)
}

export function sumMinor(values: Iterable<bigint>): bigint {
  let total = 0n
  for (const v of values) total += v
  return total
}
