import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatMoney } from '../i18n/format'
import { LANGS } from '../i18n/locales'
import { MAX_AMOUNT_MINOR, MAX_RATE_MICROS, parseAmount, parseExchangeRate } from './amount'
import { minorToDecimalString } from './money'

const URDU = '۰۱۲۳۴۵۶۷۸۹'
const ARABIC = '٠١٢٣٤٥٦٧٨٩'
const toScript = (text: string, digits: string) => text.replace(/\d/g, (d) => digits[Number(d)]!)

/** `12345678` → `1,23,45,678`: lakh and crore grouping, as many Pakistanis write it. */
function groupSouthAsian(whole: string): string {
  if (whole.length <= 3) return whole
  const head = whole.slice(0, -3)
  return `${head.replace(/\B(?=(\d{2})+$)/g, ',')},${whole.slice(-3)}`
}
const groupWestern = (whole: string) => whole.replace(/\B(?=(\d{3})+$)/g, ',')

/** What a reader sees in a formatted amount, less the currency symbol and spaces. */
const digitsOf = (formatted: string) => formatted.replace(/[^\d.,\u066b\u066c\u06f0-\u06f9\u0660-\u0669-]/g, '')

const amounts = fc.oneof(fc.bigInt({ min: 1n, max: 100_000n }), fc.bigInt({ min: 1n, max: MAX_AMOUNT_MINOR }))

describe('parseAmount', () => {
  test.each([
    ['1,25,000.50', 12_500_050n],
    ['125,000.50', 12_500_050n],
    ['125000.5', 12_500_050n],
    ['125000', 12_500_000n],
    ['۱۲۵۰۰۰', 12_500_000n],
    ['١٢٥٠٠٠', 12_500_000n],
    ['۱٬۲۵٬۰۰۰٫۵۰', 12_500_050n],
    ['١٢٥٬٠٠٠٫٥', 12_500_050n],
    ['  125000.50\u00a0', 12_500_050n],
    ['\u200f۱۲۵,۰۰۰\u200e', 12_500_000n],
    ['1,00,00,000', 10_000_000_00n],
    ['12,34,56,789', 1_234_567_89_00n],
    ['1,000', 1_000_00n],
    ['0.01', 1n],
    ['.5', 50n],
    ['5.', 500n],
    ['007', 700n],
    ['90000000000000', MAX_AMOUNT_MINOR],
  ])('reads %j as %s minor units', (text, minor) => {
    expect(parseAmount(text)).toEqual({ ok: true, amountMinor: minor })
  })

  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u00a0\u200f', 'empty'],
    ['Rs 125000', 'invalid'],
    ['Rs125000', 'invalid'],
    ['PKR 125000', 'invalid'],
    ['$100', 'invalid'],
    ['USD 100', 'invalid'],
    ['100 USD', 'invalid'],
    ['1,2,3', 'invalid'],
    ['12,34.5,6', 'invalid'],
    ['1,234,56', 'invalid'],
    ['125000,50', 'invalid'],
    ['12,3456', 'invalid'],
    [',125', 'invalid'],
    ['0,125', 'invalid'],
    ['1,25,00,0', 'invalid'],
    ['1 25 000', 'invalid'],
    ['1e5', 'invalid'],
    ['+5', 'invalid'],
    ['.', 'invalid'],
    ['1.2.3', 'invalid'],
    ['١٢٥٫٠٠٫٠', 'invalid'],
    ['abc', 'invalid'],
    ['0x10', 'invalid'],
    ['Infinity', 'invalid'],
    ['NaN', 'invalid'],
    ['1.234', 'too_many_decimals'],
    ['1.500', 'too_many_decimals'],
    ['۱٫۲۳۴', 'too_many_decimals'],
    ['0', 'not_positive'],
    ['0.00', 'not_positive'],
    ['-5', 'not_positive'],
    ['−5', 'not_positive'],
    ['-0', 'not_positive'],
    ['90000000000000.01', 'too_large'],
    ['9'.repeat(40), 'too_large'],
  ])('refuses %j: %s', (text, error) => {
    expect(parseAmount(text)).toEqual({ ok: false, error })
  })

  test('the ceiling stays inside what the database driver returns exactly', () => {
    expect(MAX_AMOUNT_MINOR <= BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
  })

  test('property: every amount written as a plain decimal reads back exactly', () => {
    fc.assert(
      fc.property(amounts, (minor) => {
        expect(parseAmount(minorToDecimalString(minor))).toEqual({ ok: true, amountMinor: minor })
      }),
      { numRuns: 500 },
    )
  })

  test('property: every amount formatted in en, ur and bal reads back exactly once the symbol is gone', () => {
    fc.assert(
      fc.property(amounts, fc.constantFrom('PKR' as const, 'USD' as const), (minor, currency) => {
        for (const lang of LANGS) {
          expect(parseAmount(digitsOf(formatMoney(lang, { amountMinor: minor, currency })))).toEqual({ ok: true, amountMinor: minor })
        }
      }),
      { numRuns: 300 },
    )
  })

  test('property: Urdu and Arabic-Indic digits, either grouping, either separator, read exactly', () => {
    fc.assert(
      fc.property(
        amounts,
        fc.constantFrom(URDU, ARABIC, '0123456789'),
        fc.constantFrom(groupSouthAsian, groupWestern, (w: string) => w),
        fc.boolean(),
        fc.constantFrom('', ' ', '\u00a0', '\u200f'),
        (minor, digits, group, arabicSeparators, pad) => {
          const [whole, fraction] = minorToDecimalString(minor).split('.') as [string, string]
          let text = `${group(whole)}.${fraction}`
          if (arabicSeparators) text = text.replaceAll(',', '\u066c').replace('.', '\u066b')
          expect(parseAmount(`${pad}${toScript(text, digits)}${pad}`)).toEqual({ ok: true, amountMinor: minor })
        },
      ),
      { numRuns: 500 },
    )
  })

  test('property: whatever the text, it returns a result and never throws; an accepted amount is within bounds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9,.\u066b\u066c ۰-۹-]{0,24}$/)), (text) => {
        const result = parseAmount(text)
        if (result.ok) {
          expect(result.amountMinor > 0n && result.amountMinor <= MAX_AMOUNT_MINOR).toBe(true)
          // An accepted text means exactly one amount: the plain decimal of it reads the same.
          expect(parseAmount(minorToDecimalString(result.amountMinor))).toEqual(result)
        }
      }),
      { numRuns: 1000 },
    )
  })
})

describe('parseExchangeRate', () => {
  test.each([
    ['278.5', 278_500_000n],
    ['278.123456', 278_123_456n],
    ['۲۷۸٫۵', 278_500_000n],
    ['1,000.000001', 1_000_000_001n],
    [' 0.000001 ', 1n],
  ])('reads %j as %s micros', (text, micros) => {
    expect(parseExchangeRate(text)).toEqual({ ok: true, rateMicros: micros })
  })

  test.each([
    ['', 'empty'],
    ['PKR 278.5', 'invalid'],
    ['278.1234567', 'too_many_decimals'],
    ['0', 'not_positive'],
    ['0.0000001', 'too_many_decimals'],
    ['-278.5', 'not_positive'],
    ['9007199254.740992', 'too_large'],
  ])('refuses %j: %s', (text, error) => {
    expect(parseExchangeRate(text)).toEqual({ ok: false, error })
  })

  test('property: any rate written with six decimals, in any digits, reads back exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_RATE_MICROS }), fc.constantFrom(URDU, ARABIC, '0123456789'), (micros, digits) => {
        const text = `${micros / 1_000_000n}.${String(micros % 1_000_000n).padStart(6, '0')}`
        expect(parseExchangeRate(toScript(text, digits))).toEqual({ ok: true, rateMicros: micros })
      }),
    )
  })
})
