/**
 * Local-hiring compliance, computed from headcounts, never typed in.
 *
 * Shares are compared in exact integer arithmetic: `part / total >= quota` is tested as
 * `part × 10,000 >= quota_bp × total`, so 69.95% never meets a 70% quota. For display a share is
 * rounded *down* to a tenth of a percent (69.95% shows as 69.9%), so display rounding can never
 * make a shortfall look met.
 */

const FULL = 10_000n // basis points in 100%

export interface ShareVerdict {
  /** The share rounded down to tenths of a percent: 699 means 69.9%. Null when nobody is employed. */
  shareTenthsOfPercent: number | null
  quotaBasisPoints: number
  /** Null when there is nobody to count: a quota can be neither met nor missed by zero employees. */
  met: boolean | null
  /** Further hires of the counted kind (all else equal) that would meet the quota; null if hiring alone cannot. */
  hiresNeeded: number | null
}

export function judgeShare(part: number, total: number, quotaBasisPoints: number): ShareVerdict {
  assertHeadcounts(part, total)
  if (!Number.isInteger(quotaBasisPoints) || quotaBasisPoints < 0 || quotaBasisPoints > 10_000) {
    throw new RangeError(`A quota is 0–10,000 basis points, not ${quotaBasisPoints}`)
  }
  if (total === 0) return { shareTenthsOfPercent: null, quotaBasisPoints, met: null, hiresNeeded: null }
  const p = BigInt(part)
  const t = BigInt(total)
  const q = BigInt(quotaBasisPoints)
  const met = p * FULL >= q * t
  return {
    shareTenthsOfPercent: Number((p * 1000n) / t),
    quotaBasisPoints,
    met,
    hiresNeeded: met ? 0 : hiresToMeet(p, t, q),
  }
}

/** Smallest x with (part + x) / (total + x) >= quota; none if the quota is 100% and someone is not counted. */
function hiresToMeet(part: bigint, total: bigint, quota: bigint): number | null {
  if (quota === FULL) return null
  const shortfall = quota * total - part * FULL
  const perHire = FULL - quota
  return Number((shortfall + perHire - 1n) / perHire)
}

export interface HeadcountLine {
  total: number
  local: number
  women: number
}

export interface QuotaTerms {
  minLocalBasisPoints: number
  minWomenBasisPoints: number | null
}

export interface LineCompliance {
  local: ShareVerdict
  women: ShareVerdict | null
}

export function judgeLine(line: HeadcountLine, quota: QuotaTerms): LineCompliance {
  assertHeadcounts(line.women, line.total)
  return {
    local: judgeShare(line.local, line.total, quota.minLocalBasisPoints),
    women: quota.minWomenBasisPoints === null ? null : judgeShare(line.women, line.total, quota.minWomenBasisPoints),
  }
}

function assertHeadcounts(part: number, total: number): void {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(total) || part < 0 || total < 0 || part > total) {
    throw new RangeError(`Headcounts must be whole numbers with 0 ≤ part ≤ total, not ${part} of ${total}`)
  }
}
