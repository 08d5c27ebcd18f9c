import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { judgeLine, judgeShare } from './compliance'

describe('judgeShare', () => {
  test('the boundary is exact: 69.95% misses 70%, 70% meets it', () => {
    expect(judgeShare(6995, 10000, 7000).met).toBe(false)
    expect(judgeShare(7000, 10000, 7000).met).toBe(true)
    expect(judgeShare(1399, 2000, 7000)).toMatchObject({ met: false, shareTenthsOfPercent: 699 })
  })

  test('display rounds down, so a shortfall never reads as the quota', () => {
    const verdict = judgeShare(6999, 10000, 7000)
    expect(verdict.met).toBe(false)
    expect(verdict.shareTenthsOfPercent).toBe(699)
  })

  test('says how many more local hires would meet the quota', () => {
    // 56 of 100 local against 70%: 14/0.3 → 46.67, so 47 more local hires.
    expect(judgeShare(56, 100, 7000).hiresNeeded).toBe(47)
    expect(judgeShare(70, 100, 7000).hiresNeeded).toBe(0)
  })

  test('nobody employed: no verdict, no share', () => {
    expect(judgeShare(0, 0, 7000)).toEqual({ shareTenthsOfPercent: null, quotaBasisPoints: 7000, met: null, hiresNeeded: null })
  })

  test('a 100% quota with an outsider on staff cannot be met by hiring alone', () => {
    expect(judgeShare(9, 10, 10_000)).toMatchObject({ met: false, hiresNeeded: null })
  })

  test('refuses impossible headcounts', () => {
    expect(() => judgeShare(11, 10, 5000)).toThrow(RangeError)
    expect(() => judgeShare(-1, 10, 5000)).toThrow(RangeError)
    expect(() => judgeShare(1.5, 10, 5000)).toThrow(RangeError)
    expect(() => judgeShare(1, 10, 10_001)).toThrow(RangeError)
  })

  test('property: the verdict agrees with exact rational comparison, and hiresNeeded is the least that works', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }).chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total))),
        fc.integer({ min: 0, max: 9_999 }),
        ([part, total], quota) => {
          const verdict = judgeShare(part, total, quota)
          expect(verdict.met).toBe(part * 10_000 >= quota * total)
          const x = verdict.hiresNeeded!
          expect((part + x) * 10_000 >= quota * (total + x)).toBe(true)
          if (x > 0) expect((part + x - 1) * 10_000 >= quota * (total + x - 1)).toBe(false)
          expect(verdict.shareTenthsOfPercent! * total <= part * 1000).toBe(true)
        },
      ),
    )
  })
})

describe('judgeLine', () => {
  test('judges women only where the quota sets a share for them', () => {
    expect(judgeLine({ total: 100, local: 80, women: 5 }, { minLocalBasisPoints: 7000, minWomenBasisPoints: null }).women).toBeNull()
    const line = judgeLine({ total: 100, local: 80, women: 5 }, { minLocalBasisPoints: 7000, minWomenBasisPoints: 1000 })
    expect(line.local.met).toBe(true)
    expect(line.women).toMatchObject({ met: false, hiresNeeded: 6 })
  })
})
