import { describe, expect, test } from 'vitest'
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, emailKey, throttleDecision } from './throttle'

const T0 = Date.parse('2026-03-01T10:00:00.000Z')
const at = (ms: number) => new Date(T0 + ms)
const failures = (n: number, everyMs: number) => Array.from({ length: n }, (_, i) => at(i * everyMs))

describe('throttle windows', () => {
  test('the limits are 10 per account in 15 minutes and 100 per address in an hour', () => {
    expect(ACCOUNT_LIMIT).toEqual({ max: 10, windowMs: 15 * 60_000 })
    expect(ADDRESS_LIMIT).toEqual({ max: 100, windowMs: 60 * 60_000 })
  })

  test('nine failures allow another attempt; the tenth blocks until the oldest leaves the window', () => {
    expect(throttleDecision(failures(9, 1000), ACCOUNT_LIMIT, at(9000))).toEqual({ allowed: true })
    // Failures at 0 s … 9 s; at 10 s the one at 0 s still has 15 min − 10 s to go.
    expect(throttleDecision(failures(10, 1000), ACCOUNT_LIMIT, at(10_000))).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 - 10 })
    expect(throttleDecision(failures(10, 1000), ACCOUNT_LIMIT, at(15 * 60_000 - 1))).toEqual({ allowed: false, retryAfterSeconds: 1 })
    expect(throttleDecision(failures(10, 1000), ACCOUNT_LIMIT, at(15 * 60_000))).toEqual({ allowed: true })
  })

  test('with more failures than the limit, the wait is until enough of them have left', () => {
    // Twelve failures a minute apart: the count falls below 10 when the third oldest (at 2 min) leaves.
    expect(throttleDecision(failures(12, 60_000), ACCOUNT_LIMIT, at(12 * 60_000))).toEqual({ allowed: false, retryAfterSeconds: (2 + 15 - 12) * 60 })
  })

  test('order of the input does not matter, and failures outside the window do not count', () => {
    const shuffled = [...failures(10, 1000)].reverse()
    expect(throttleDecision(shuffled, ACCOUNT_LIMIT, at(10_000))).toEqual({ allowed: false, retryAfterSeconds: 890 })
    const old = [...failures(5, 1000), ...Array.from({ length: 5 }, () => at(-16 * 60_000))]
    expect(throttleDecision(old, ACCOUNT_LIMIT, at(10_000))).toEqual({ allowed: true })
  })

  test('the address limit is 100 in an hour', () => {
    expect(throttleDecision(failures(99, 1000), ADDRESS_LIMIT, at(100_000))).toEqual({ allowed: true })
    expect(throttleDecision(failures(100, 1000), ADDRESS_LIMIT, at(100_000))).toEqual({ allowed: false, retryAfterSeconds: 3600 - 100 })
  })

  test('the account key is the email as typed, trimmed and in lower case', () => {
    expect(emailKey('  Someone@Example.PK ')).toBe('someone@example.pk')
  })
})
