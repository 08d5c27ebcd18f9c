import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { isIsoDate } from './fiscal-year'
import { checkNewRule, dayBefore, expectedShare, ruleInForce, shareOfPayment, sharingGap, type RoyaltyPayment, type SharingRule } from './sharing'

const FY = { first: '2024-07-01', last: '2025-06-30' }
const dayOfYear = fc.integer({ min: 0, max: 364 }).map((n) => new Date(Date.parse(`${FY.first}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10))
const payment = fc.record({ valueDate: dayOfYear, pkrAmountMinor: fc.bigInt({ min: 1n, max: 10n ** 15n }) })
const payments = fc.array(payment, { maxLength: 40 })
const basisPoints = fc.integer({ min: 1, max: 10_000 })
const floorShare = (a: bigint, bp: number) => (a * BigInt(bp)) / 10_000n

describe('the rule in force', () => {
  const old: SharingRule = { shareBasisPoints: 800, validFrom: '2016-07-01', validTo: '2024-06-30' }
  const raised: SharingRule = { shareBasisPoints: 1000, validFrom: '2024-07-01', validTo: null }

  test('applies from its first day to its last, inclusive', () => {
    expect(ruleInForce([old, raised], '2024-06-30')).toBe(old)
    expect(ruleInForce([old, raised], '2024-07-01')).toBe(raised)
    expect(ruleInForce([old, raised], '2016-06-30')).toBeNull()
    expect(ruleInForce([raised, old], '2030-01-01')).toBe(raised)
  })

  test('if rules overlap, the one that started last wins', () => {
    const overlapping: SharingRule = { shareBasisPoints: 500, validFrom: '2020-01-01', validTo: null }
    expect(ruleInForce([overlapping, old], '2021-01-01')).toBe(overlapping)
  })
})

describe('expected share', () => {
  test('rounds each payment down on its own: 3 × Rs 0.05 at 10% expects nothing, not Rs 0.01', () => {
    const rule: SharingRule = { shareBasisPoints: 1000, validFrom: '2000-01-01', validTo: null }
    const result = expectedShare([{ valueDate: '2024-08-01', pkrAmountMinor: 5n }, { valueDate: '2024-08-02', pkrAmountMinor: 5n }, { valueDate: '2024-08-03', pkrAmountMinor: 5n }], [rule])
    expect(result.expectedMinor).toBe(0n)
    expect(shareOfPayment(12_345_67n, 750)).toBe(92_592n) // 925.92525 → 925.92
  })

  test('a reversal cancels its original exactly', () => {
    const rule: SharingRule = { shareBasisPoints: 333, validFrom: '2000-01-01', validTo: null }
    const result = expectedShare([{ valueDate: '2024-08-01', pkrAmountMinor: 1_000_01n }, { valueDate: '2024-09-01', pkrAmountMinor: -1_000_01n }], [rule])
    expect(result.expectedMinor).toBe(0n)
  })

  test('each payment takes the rule in force on its own date, and says which rules were used', () => {
    const old: SharingRule = { shareBasisPoints: 800, validFrom: '2016-07-01', validTo: '2024-12-31' }
    const raised: SharingRule = { shareBasisPoints: 1000, validFrom: '2025-01-01', validTo: null }
    const result = expectedShare(
      [
        { valueDate: '2024-12-31', pkrAmountMinor: 100_00n },
        { valueDate: '2025-01-01', pkrAmountMinor: 100_00n },
        { valueDate: '2025-02-01', pkrAmountMinor: 50_00n },
      ],
      [raised, old],
    )
    expect(result.expectedMinor).toBe(8_00n + 10_00n + 5_00n)
    expect(result.byRule).toEqual([
      { rule: old, payments: 1, royaltiesMinor: 100_00n, expectedMinor: 8_00n },
      { rule: raised, payments: 2, royaltiesMinor: 150_00n, expectedMinor: 15_00n },
    ])
  })

  test('payments on days no rule covers are owed nothing, and are reported', () => {
    const rule: SharingRule = { shareBasisPoints: 1000, validFrom: '2025-01-01', validTo: null }
    const result = expectedShare([{ valueDate: '2024-08-01', pkrAmountMinor: 7_00n }, { valueDate: '2025-08-01', pkrAmountMinor: 10_00n }], [rule])
    expect(result).toMatchObject({ expectedMinor: 1_00n, uncoveredRoyaltiesMinor: 7_00n })
  })

  test('property: with one rule for the whole year, expected is the sum of each payment rounded down', () => {
    fc.assert(
      fc.property(payments, basisPoints, (ps, bp) => {
        const rule: SharingRule = { shareBasisPoints: bp, validFrom: FY.first, validTo: FY.last }
        const expected = ps.reduce((sum, p) => sum + floorShare(p.pkrAmountMinor, bp), 0n)
        expect(expectedShare(ps, [rule]).expectedMinor).toBe(expected)
        // Rounding per payment never overstates what the rule gives on the total.
        const total = ps.reduce((sum, p) => sum + p.pkrAmountMinor, 0n)
        expect(expected <= floorShare(total, bp)).toBe(true)
        expect(floorShare(total, bp) - expected <= BigInt(Math.max(ps.length - 1, 0))).toBe(true)
      }),
    )
  })

  test('property: expected is monotone in payments — one more payment never lowers it', () => {
    const rules = fc
      .tuple(basisPoints, basisPoints, fc.integer({ min: 1, max: 363 }))
      .map(([a, b, split]): SharingRule[] => {
        const change = new Date(Date.parse(`${FY.first}T00:00:00Z`) + split * 86_400_000).toISOString().slice(0, 10)
        return [
          { shareBasisPoints: a, validFrom: FY.first, validTo: dayBefore(change) },
          { shareBasisPoints: b, validFrom: change, validTo: null },
        ]
      })
    fc.assert(
      fc.property(payments, payment, rules, (ps, extra, rs) => {
        expect(expectedShare([...ps, extra], rs).expectedMinor >= expectedShare(ps, rs).expectedMinor).toBe(true)
      }),
    )
  })

  test('property: the gap is zero when transfers equal what is expected, and a shortfall only when less arrived', () => {
    fc.assert(
      fc.property(payments, basisPoints, fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (ps, bp, delta) => {
        const { expectedMinor } = expectedShare(ps, [{ shareBasisPoints: bp, validFrom: FY.first, validTo: null }])
        expect(sharingGap(expectedMinor, expectedMinor)).toEqual({ gapMinor: 0n, shortfall: false })
        expect(sharingGap(expectedMinor, expectedMinor + delta)).toEqual({ gapMinor: -delta, shortfall: delta < 0n })
      }),
    )
  })

  test('property: the result does not depend on the order of payments or rules', () => {
    fc.assert(
      fc.property(payments, basisPoints, basisPoints, (ps, a, b) => {
        const rules: SharingRule[] = [
          { shareBasisPoints: a, validFrom: FY.first, validTo: '2024-12-31' },
          { shareBasisPoints: b, validFrom: '2025-01-01', validTo: null },
        ]
        const forward = expectedShare(ps, rules)
        const backward = expectedShare([...ps].reverse() as RoyaltyPayment[], [...rules].reverse())
        expect(backward.expectedMinor).toBe(forward.expectedMinor)
      }),
    )
  })
})

describe('a new rule', () => {
  const open: SharingRule = { shareBasisPoints: 800, validFrom: '2016-07-01', validTo: null }
  const closed: SharingRule = { shareBasisPoints: 800, validFrom: '2016-07-01', validTo: '2024-06-30' }

  test('starts after every existing rule, and after any closed one ended', () => {
    expect(checkNewRule([open], { shareBasisPoints: 1000, validFrom: '2024-07-01' })).toBeNull()
    expect(checkNewRule([open], { shareBasisPoints: 1000, validFrom: '2016-07-01' })).toBe('not_after_existing')
    expect(checkNewRule([closed], { shareBasisPoints: 1000, validFrom: '2024-06-30' })).toBe('not_after_existing')
    expect(checkNewRule([closed], { shareBasisPoints: 1000, validFrom: '2024-07-01' })).toBeNull()
  })

  test('has a share between 0.01% and 100% and a real date', () => {
    expect(checkNewRule([], { shareBasisPoints: 0, validFrom: '2024-07-01' })).toBe('invalid_share')
    expect(checkNewRule([], { shareBasisPoints: 10_001, validFrom: '2024-07-01' })).toBe('invalid_share')
    expect(checkNewRule([], { shareBasisPoints: 12.5, validFrom: '2024-07-01' })).toBe('invalid_share')
    expect(checkNewRule([], { shareBasisPoints: 10_000, validFrom: '2024-02-30' })).toBe('invalid_date')
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(dayBefore('2024-03-01')).toBe('2024-02-29')
    expect(dayBefore('2025-01-01')).toBe('2024-12-31')
  })
})
