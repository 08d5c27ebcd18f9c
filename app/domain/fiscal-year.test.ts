import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { fiscalYearBounds, fiscalYearLabel, fiscalYearOf, pakistanDateOf, parseFiscalYearLabel } from './fiscal-year'

describe('fiscal years run 1 July to 30 June', () => {
  test.each([
    ['2024-07-01', 2024],
    ['2025-06-30', 2024],
    ['2024-06-30', 2023],
    ['2024-12-31', 2024],
    ['2025-01-01', 2024],
  ])('%s falls in FY starting %i', (date, fy) => {
    expect(fiscalYearOf(date)).toBe(fy)
  })

  test('labels read "2024-25", including across a century', () => {
    expect(fiscalYearLabel(2024)).toBe('2024-25')
    expect(fiscalYearLabel(1999)).toBe('1999-00')
    expect(fiscalYearLabel(2009)).toBe('2009-10')
  })

  test('a label parses back to its year; inconsistent labels are refused', () => {
    fc.assert(fc.property(fc.integer({ min: 1947, max: 9998 }), (fy) => parseFiscalYearLabel(fiscalYearLabel(fy)) === fy))
    expect(parseFiscalYearLabel('2024-26')).toBeNull()
    expect(parseFiscalYearLabel('FY24')).toBeNull()
  })

  test('every day between the bounds belongs to the year, and the days either side do not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2200 }), fc.integer({ min: 0, max: 364 }), (fy, offset) => {
        const { first, last } = fiscalYearBounds(fy)
        const day = new Date(Date.parse(`${first}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10)
        expect(fiscalYearOf(day)).toBe(fy)
        expect(fiscalYearOf(last)).toBe(fy)
        const before = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
        expect(fiscalYearOf(before)).toBe(fy - 1)
      }),
    )
  })
})

describe('the date in Pakistan', () => {
  test.each([
    ['2025-06-30T18:59:59.999Z', '2025-06-30'],
    ['2025-06-30T19:00:00.000Z', '2025-07-01'],
    ['2024-12-31T23:30:00.000Z', '2025-01-01'],
    ['2024-03-01T04:00:00.000Z', '2024-03-01'],
  ])('%s is %s in Pakistan', (moment, date) => {
    expect(pakistanDateOf(new Date(moment))).toBe(date)
  })

  test('a moment after 19:00 UTC on 30 June falls in the next fiscal year', () => {
    expect(fiscalYearOf(pakistanDateOf(new Date('2025-06-30T21:00:00.000Z')))).toBe(2025)
  })
})
