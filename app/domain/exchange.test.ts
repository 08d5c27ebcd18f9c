import fc from 'fast-check'
import { expect, test } from 'vitest'
import { pkrEquivalentMinor, RATE_SCALE } from './exchange'

test('100.00 USD at 278.5 is Rs 27,850.00', () => {
  expect(pkrEquivalentMinor(10000n, 278_500_000n)).toBe(2_785_000n)
})

test('rounds to the nearest paisa, halves away from zero, symmetric for reversals', () => {
  expect(pkrEquivalentMinor(1n, 1_500_000n)).toBe(2n) // 1.5 paisa → 2
  expect(pkrEquivalentMinor(-1n, 1_500_000n)).toBe(-2n)
  expect(pkrEquivalentMinor(1n, 1_499_999n)).toBe(1n)
})

test('PKR at rate 1 is itself; a reversal is the exact negative of its original', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (amount, rate) => {
      expect(pkrEquivalentMinor(amount, RATE_SCALE)).toBe(amount)
      expect(pkrEquivalentMinor(-amount, rate)).toBe(-pkrEquivalentMinor(amount, rate))
    }),
  )
})

test('refuses a zero or negative rate', () => {
  expect(() => pkrEquivalentMinor(1n, 0n)).toThrow(RangeError)
})
