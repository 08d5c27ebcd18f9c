import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { addDays, isFinished, JOB_CATEGORIES, monthOf, parsePeriod, periodBounds, periodLabel, quarterOf, quotaOn, validateReportLines, type ReportLineInput } from './employment'

const line = (over: Partial<ReportLineInput> = {}): ReportLineInput => ({ jobCategory: 'skilled', total: 10, local: 7, women: 2, ...over })

describe('validateReportLines', () => {
  test('a consistent report has no problems', () => {
    expect(validateReportLines([line(), line({ jobCategory: 'unskilled', total: 0, local: 0, women: 0, districts: {} })])).toEqual({})
    expect(validateReportLines([line({ districts: { Chagai: 5, Noshki: 2 } })])).toEqual({})
  })

  test('names one problem per field', () => {
    expect(validateReportLines([line({ total: 1.5, local: -1, women: 2_000_000 })])).toEqual({ skilled: { total: 'not_whole', local: 'negative', women: 'too_large' } })
    expect(validateReportLines([line({ local: 11, women: 12 })])).toEqual({ skilled: { local: 'local_above_total', women: 'women_above_total' } })
    expect(validateReportLines([line({ total: Number.NaN })])).toEqual({ skilled: { total: 'not_whole' } })
    expect(validateReportLines([line({ districts: { Chagai: 5 } })])).toEqual({ skilled: { districts: 'districts_do_not_sum' } })
    expect(validateReportLines([line({ districts: { Chagai: 5, Noshki: 2.5 } })])).toEqual({ skilled: { districts: 'not_whole' } })
    expect(validateReportLines([line({ districts: { ' ': 7 } })])).toEqual({ skilled: { districts: 'district_unnamed' } })
    expect(validateReportLines([line(), line()])).toEqual({ skilled: { total: 'duplicate_category' } })
  })

  const figure = fc.oneof(
    fc.integer({ min: 0, max: 50 }),
    fc.integer({ min: -5, max: -1 }),
    fc.constantFrom(0.5, 2.25, Number.NaN, Number.POSITIVE_INFINITY, 1_000_000, 1_000_001),
  )
  const input = fc.record({
    jobCategory: fc.constantFrom(...JOB_CATEGORIES),
    total: figure,
    local: figure,
    women: figure,
    districts: fc.option(fc.dictionary(fc.constantFrom('Chagai', 'Noshki', 'Lasbela', 'Kharan'), figure), { nil: undefined }),
  })
  const whole = (n: number) => Number.isInteger(n) && n >= 0 && n <= 1_000_000
  const consistent = (l: ReportLineInput) =>
    whole(l.total) &&
    whole(l.local) &&
    whole(l.women) &&
    l.local <= l.total &&
    l.women <= l.total &&
    (l.districts === undefined || (Object.values(l.districts).every(whole) && Object.values(l.districts).reduce((a, b) => a + b, 0) === l.local))

  test('property: a line has problems exactly when it is inconsistent', () => {
    fc.assert(
      fc.property(input, (l) => {
        expect(validateReportLines([l])[l.jobCategory] === undefined).toBe(consistent(l))
      }),
      { numRuns: 2000 },
    )
  })

  test('property: every consistent report is accepted', () => {
    const good = fc
      .integer({ min: 0, max: 1_000_000 })
      .chain((total) => fc.tuple(fc.constant(total), fc.integer({ min: 0, max: total }), fc.integer({ min: 0, max: total })))
      .chain(([total, local, women]) =>
        fc.tuple(fc.constant({ total, local, women }), fc.integer({ min: 0, max: local })).map(([l, part]) => ({ ...l, districts: { Chagai: part, Noshki: local - part } })),
      )
    fc.assert(fc.property(fc.uniqueArray(fc.constantFrom(...JOB_CATEGORIES)), good, (categories, l) => {
      expect(validateReportLines(categories.map((jobCategory) => ({ jobCategory, ...l })))).toEqual({})
    }))
  })
})

describe('periods', () => {
  test('a period is finished the day after its last day, not on it', () => {
    expect(isFinished(quarterOf('2025-12-31'), '2025-12-31')).toBe(false)
    expect(isFinished(quarterOf('2025-12-31'), '2026-01-01')).toBe(true)
    expect(isFinished(monthOf('2026-02-10'), '2026-02-28')).toBe(false)
    expect(isFinished(monthOf('2026-02-10'), '2026-03-01')).toBe(true)
  })

  test('calendar quarters and months', () => {
    expect(quarterOf('2025-08-15')).toEqual({ kind: 'quarter', start: '2025-07-01', end: '2025-09-30' })
    expect(quarterOf('2024-02-29')).toEqual({ kind: 'quarter', start: '2024-01-01', end: '2024-03-31' })
    expect(monthOf('2024-02-10')).toEqual({ kind: 'month', start: '2024-02-01', end: '2024-02-29' })
    expect(periodBounds('quarter', '2025-10-01').end).toBe('2025-12-31')
    expect(() => periodBounds('quarter', '2025-08-01')).toThrow(RangeError)
    expect(() => periodBounds('month', '2025-02-30')).toThrow(RangeError)
  })

  test('labels parse back', () => {
    expect(parsePeriod('2025-Q3')).toEqual({ kind: 'quarter', start: '2025-07-01', end: '2025-09-30' })
    expect(parsePeriod('2025-07')).toEqual({ kind: 'month', start: '2025-07-01', end: '2025-07-31' })
    for (const bad of ['2025-Q5', '2025-13', '2025-7', 'Q3-2025', '']) expect(parsePeriod(bad)).toBeNull()
    expect(periodLabel(parsePeriod('2024-Q1')!)).toBe('2024-Q1')
    expect(periodLabel(parsePeriod('2024-11')!)).toBe('2024-11')
  })

  test('property: the periods of a year cover every day exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.constantFrom('quarter' as const, 'month' as const), (year, kind) => {
        let start = `${year}-01-01`
        let day = start
        const next = `${year + 1}-01-01`
        while (start !== next) {
          const period = periodBounds(kind, start)
          for (; day <= period.end; day = addDays(day, 1)) {
            expect(day >= period.start).toBe(true)
            expect((kind === 'quarter' ? quarterOf(day) : monthOf(day)).start).toBe(period.start)
          }
          expect(day).toBe(addDays(period.end, 1))
          start = day
        }
        expect(day).toBe(next)
      }),
      { numRuns: 50 },
    )
  })
})

describe('quotaOn', () => {
  const quotas = [
    { id: 1, jobCategory: 'skilled' as const, validFrom: '2023-07-01', validTo: '2024-12-31' },
    { id: 2, jobCategory: 'skilled' as const, validFrom: '2025-01-01', validTo: null },
    { id: 3, jobCategory: 'unskilled' as const, validFrom: '2023-07-01', validTo: null },
  ]
  test('picks the quota whose dates include the day, inclusive at both ends', () => {
    expect(quotaOn(quotas, 'skilled', '2023-06-30')).toBeNull()
    expect(quotaOn(quotas, 'skilled', '2023-07-01')?.id).toBe(1)
    expect(quotaOn(quotas, 'skilled', '2024-12-31')?.id).toBe(1)
    expect(quotaOn(quotas, 'skilled', '2025-01-01')?.id).toBe(2)
    expect(quotaOn(quotas, 'unskilled', '2030-01-01')?.id).toBe(3)
    expect(quotaOn(quotas, 'management', '2025-01-01')).toBeNull()
  })
})
