import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatBasisPoints, formatDate, formatDateTime, formatInteger, formatMoney, formatPercentTenths } from './format'
import { BALOCHI } from './balochi'
import { resources } from './resources'

const ENGLISH_MONTHS = /January|February|March|April|May|June|July|August|September|October|November|December/

/** Strips formatting to the bare signed digits, to prove no paisa was lost on the way. */
function digitsOf(text: string): bigint {
  const negative = /-/.test(text)
  const digits = text.replace(/[^0-9]/g, '')
  return BigInt(negative ? `-${digits}` : digits)
}

describe('formatMoney', () => {
  test('shows the paisa in every language, which CLDR would drop for the rupee', () => {
    const money = { amountMinor: 12500050n, currency: 'PKR' as const }
    expect(formatMoney('en', money)).toMatch(/^Rs\s?125,000\.50$/)
    expect(formatMoney('ur', money)).toMatch(/Rs\s?125,000\.50/)
    expect(formatMoney('bal', money)).toBe('Rs\u00a0125,000.50')
  })

  test('dollars are dollars', () => {
    expect(formatMoney('en', { amountMinor: 100n, currency: 'USD' })).toContain('1.00')
    expect(formatMoney('bal', { amountMinor: 100n, currency: 'USD' })).toBe('US$\u00a01.00')
  })

  test('negative amounts (reversals) keep their sign', () => {
    for (const lang of ['en', 'ur', 'bal'] as const) {
      expect(formatMoney(lang, { amountMinor: -5n, currency: 'PKR' })).toMatch(/-.*0\.05/)
    }
  })

  test('property: any amount, however large, survives formatting to the last paisa in every language', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.constantFrom('en', 'ur', 'bal' as const), (minor, lang) => {
        expect(digitsOf(formatMoney(lang, { amountMinor: minor, currency: 'PKR' }))).toBe(minor)
      }),
    )
  })

  test('Balochi groups like CLDR bal: the same output ICU gives en for the digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (minor) => {
        const en = new Intl.NumberFormat('en', { minimumFractionDigits: 2 }).format(`${minor / 100n}.${String(minor % 100n).padStart(2, '0')}` as unknown as number)
        expect(formatMoney('bal', { amountMinor: minor, currency: 'PKR' })).toBe(`Rs\u00a0${en}`)
      }),
    )
  })
})

describe('formatDate', () => {
  test('English and Urdu month names from ICU', () => {
    expect(formatDate('en', '2024-07-01')).toBe('1 July 2024')
    expect(formatDate('ur', '2024-07-01')).toBe('1 جولائی، 2024')
  })

  test('Balochi month names come from our data, never English', () => {
    expect(formatDate('bal', '2024-07-01')).toBe('1 جۆلایی، 2024')
    for (let month = 1; month <= 12; month++) {
      const text = formatDate('bal', `2025-${String(month).padStart(2, '0')}-15`)
      expect(text).not.toMatch(ENGLISH_MONTHS)
      expect(text).toContain(BALOCHI.months[month - 1])
    }
  })
})

describe('numbers and shares', () => {
  test('integers are grouped', () => {
    expect(formatInteger('en', 12345678)).toBe('12,345,678')
    expect(formatInteger('bal', 12345678)).toBe('12,345,678')
    expect(formatInteger('bal', 12n)).toBe('12')
  })

  test('shares print one decimal, from tenths of a percent', () => {
    expect(formatPercentTenths('en', 699)).toBe('69.9%')
    expect(formatPercentTenths('bal', 1000)).toBe('100.0%')
    expect(formatPercentTenths('ur', 5)).toMatch(/0\.5\s?%/)
  })
})

describe('formatBasisPoints', () => {
  test('shows a quota exactly, without trailing zeros', () => {
    expect(formatBasisPoints('en', 7000)).toBe('70%')
    expect(formatBasisPoints('en', 6995)).toBe('69.95%')
    expect(formatBasisPoints('bal', 1250)).toBe('12.5%')
    expect(formatBasisPoints('ur', 7000)).toMatch(/^70\s?%$/)
  })
})

describe('formatDateTime', () => {
  const zone = (lang: 'en' | 'ur' | 'bal') => resources[lang].common.time.zone

  test('a stored UTC moment is shown in Pakistan time, saying so in each language', () => {
    expect(formatDateTime('en', '2026-11-28T14:05:09.000Z', zone('en'))).toBe('28 November 2026, 19:05 PKT')
    expect(formatDateTime('ur', '2026-11-28T14:05:09.000Z', zone('ur'))).toBe('28 نومبر، 2026، 19:05 پاکستانی وقت')
    expect(formatDateTime('bal', '2026-11-28T14:05:09.000Z', zone('bal'))).toBe('28 نئومبر، 2026، 19:05 پاکستان ءِ وهد')
  })

  test('late evening in UTC is already the next day in Pakistan', () => {
    expect(formatDateTime('en', '2026-06-30T19:30:00.000Z', zone('en'))).toBe('1 July 2026, 00:30 PKT')
  })
})
