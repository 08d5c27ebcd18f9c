import { isIsoDate } from './fiscal-year'

/**
 * EITI requirement 5.2: what a revenue-sharing rule says a trust should receive, against what was
 * transferred. Pure arithmetic on exact minor units; the model reads the rows.
 *
 * Rounding: each payment's share is computed on its own and rounded toward zero to the paisa —
 * down, for an ordinary payment — so the expected figure never claims a paisa the rule does not
 * give, and a reversal (the negative of its original) cancels its original's share exactly. A
 * government that rounds once on the year's total may transfer up to one paisa per payment more
 * than we expect; that shows as a small negative gap, never as a shortfall.
 */

export interface SharingRule {
  /** 1–10000: the trust's share of the payment, in hundredths of a percent. */
  shareBasisPoints: number
  /** First day the rule applies, YYYY-MM-DD. */
  validFrom: string
  /** Last day it applies (inclusive), or null while in force. */
  validTo: string | null
}

export interface RoyaltyPayment {
  valueDate: string
  /** PKR equivalent, in paisa; negative for a reversal. */
  pkrAmountMinor: bigint
}

export interface RuleUse<R extends SharingRule> {
  rule: R
  payments: number
  royaltiesMinor: bigint
  expectedMinor: bigint
}

export interface ExpectedShare<R extends SharingRule> {
  expectedMinor: bigint
  /** The rules that applied to at least one payment, in order of their start. */
  byRule: RuleUse<R>[]
  /** Payments made on days no rule covered: they are owed nothing, and the page should say so. */
  uncoveredRoyaltiesMinor: bigint
}

const BASIS = 10_000n

export function appliesOn(rule: SharingRule, date: string): boolean {
  return rule.validFrom <= date && (rule.validTo === null || date <= rule.validTo)
}

/**
 * The rule in force on `date`. Rules for one project, trust and revenue stream should not overlap
 * (setSharingRule closes the old one); if they ever do, the one that started last wins.
 */
export function ruleInForce<R extends SharingRule>(rules: readonly R[], date: string): R | null {
  let found: R | null = null
  for (const rule of rules) {
    if (appliesOn(rule, date) && (found === null || rule.validFrom > found.validFrom)) found = rule
  }
  return found
}

/** One payment's share, rounded toward zero (BigInt division truncates). */
export function shareOfPayment(amountMinor: bigint, shareBasisPoints: number): bigint {
  return (amountMinor * BigInt(shareBasisPoints)) / BASIS
}

export function expectedShare<R extends SharingRule>(payments: readonly RoyaltyPayment[], rules: readonly R[]): ExpectedShare<R> {
  const uses = new Map<R, RuleUse<R>>()
  let expectedMinor = 0n
  let uncoveredRoyaltiesMinor = 0n
  for (const payment of payments) {
    const rule = ruleInForce(rules, payment.valueDate)
    if (!rule) {
      uncoveredRoyaltiesMinor += payment.pkrAmountMinor
      continue
    }
    const share = shareOfPayment(payment.pkrAmountMinor, rule.shareBasisPoints)
    expectedMinor += share
    const use = uses.get(rule) ?? { rule, payments: 0, royaltiesMinor: 0n, expectedMinor: 0n }
    use.payments += 1
    use.royaltiesMinor += payment.pkrAmountMinor
    use.expectedMinor += share
    uses.set(rule, use)
  }
  const byRule = [...uses.values()].sort((a, b) => (a.rule.validFrom < b.rule.validFrom ? -1 : a.rule.validFrom > b.rule.validFrom ? 1 : 0))
  return { expectedMinor, byRule, uncoveredRoyaltiesMinor }
}

/** Positive gap: the trust received less than the rule says. Only that is flagged; over-transfers are shown, not flagged. */
export function sharingGap(expectedMinor: bigint, transferredMinor: bigint): { gapMinor: bigint; shortfall: boolean } {
  const gapMinor = expectedMinor - transferredMinor
  return { gapMinor, shortfall: gapMinor > 0n }
}

export type NewRuleProblem = 'invalid_share' | 'invalid_date' | 'not_after_existing'

/**
 * Rules only move forward: a new rule must start after every earlier rule for the same project,
 * trust and revenue stream started, and after every closed one ended. Only the rule still in force
 * is closed (the day before the new one starts), so no past rule is cut short or emptied.
 */
export function checkNewRule(existing: readonly SharingRule[], rule: { shareBasisPoints: number; validFrom: string }): NewRuleProblem | null {
  if (!Number.isInteger(rule.shareBasisPoints) || rule.shareBasisPoints < 1 || rule.shareBasisPoints > 10_000) return 'invalid_share'
  if (!isIsoDate(rule.validFrom)) return 'invalid_date'
  if (existing.some((r) => r.validFrom >= rule.validFrom || (r.validTo !== null && r.validTo >= rule.validFrom))) return 'not_after_existing'
  return null
}

/** The day before `isoDate`: the last day of a rule that a new one replaces. */
export function dayBefore(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}
