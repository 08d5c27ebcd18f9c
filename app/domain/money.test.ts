import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { minorToDecimalString, sumMinor, toMinor } from './money'

describe('minorToDecimalString', () => {
  test.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [50n, '0.50'],
    [12500050n, '125000.50'],
    [-1n, '-0.01'],
    [-12345605n, '-123456.05'],
    [123456789012345678901234567890n, '1234567890123456789012345678.90'],
  ])('%s paisa reads %s', (minor, text) => {
    expect(minorToDecimalString(minor)).toBe(text)
  })

  test('is exact for any amount: the decimal string converts back to the same minor units', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (minor) => {
        const text = minorToDecimalString(minor)
        expect(BigInt(text.replace('.', ''))).toBe(minor)
        expect(text).toMatch(/^-?\d+\.\d{2}$/)
      }),
    )
  })
})

describe('toMinor', () => {
  test('reads numbers, strings and bigints from either database', () => {
    expect(toMinor(12345)).toBe(12345n)
    expect(toMinor('9007199254740993')).toBe(9007199254740993n)
    expect(toMinor(null)).toBe(0n)
  })

  test('refuses a number that has already lost precision', () => {
    expect(() => toMinor(2 ** 53 + 2)).toThrow(RangeError)
    expect(() => toMinor(1.5)).toThrow(RangeError)
  })

  test('sums exactly past the range of a double', () => {
    expect(sumMinor([2n ** 53n, 1n, 1n])).toBe(2n ** 53n + 2n)
  })
})
