import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { approvedBalance, availableBalance, flowIsAllowed, mayDecide, overdraws, trustEffectMinor } from './ledger'

const TRUST = 7

describe('which way money moves', () => {
  test('only the flows the ledger knows', () => {
    expect(flowIsAllowed('payment', 'company', 'government_provincial')).toBe(true)
    expect(flowIsAllowed('share_transfer', 'government_federal', 'trust')).toBe(true)
    expect(flowIsAllowed('direct_contribution', 'company', 'trust')).toBe(true)
    expect(flowIsAllowed('disbursement', 'trust', 'beneficiary')).toBe(true)
    expect(flowIsAllowed('disbursement', 'trust', 'trust')).toBe(false)
    expect(flowIsAllowed('payment', 'trust', 'government_provincial')).toBe(false)
  })

  test("an entry's effect on a trust: receipts in, disbursements out, reversals the other way, others nothing", () => {
    expect(trustEffectMinor({ kind: 'share_transfer', fromPartyId: 1, toPartyId: TRUST, amountMinor: 500n }, TRUST)).toBe(500n)
    expect(trustEffectMinor({ kind: 'direct_contribution', fromPartyId: 1, toPartyId: TRUST, amountMinor: -500n }, TRUST)).toBe(-500n)
    expect(trustEffectMinor({ kind: 'disbursement', fromPartyId: TRUST, toPartyId: 9, amountMinor: 300n }, TRUST)).toBe(-300n)
    expect(trustEffectMinor({ kind: 'disbursement', fromPartyId: TRUST, toPartyId: 9, amountMinor: -300n }, TRUST)).toBe(300n)
    expect(trustEffectMinor({ kind: 'disbursement', fromPartyId: 8, toPartyId: 9, amountMinor: 300n }, TRUST)).toBe(0n)
    expect(trustEffectMinor({ kind: 'payment', fromPartyId: 1, toPartyId: 2, amountMinor: 300n }, TRUST)).toBe(0n)
  })

  test('nobody decides on their own entry', () => {
    expect(mayDecide({ createdByUserId: 1 }, 1)).toBe(false)
    expect(mayDecide({ createdByUserId: 1 }, 2)).toBe(true)
    expect(mayDecide({ createdByUserId: null }, 2)).toBe(true)
  })
})

describe('balances', () => {
  test('what is available counts pending outflows, approved what has happened', () => {
    const money = { receiptsMinor: 1_000n, disbursedMinor: 300n, pendingDisbursementsMinor: 200n, pendingReceiptReversalsMinor: 100n }
    expect(approvedBalance(money)).toBe(700n)
    expect(availableBalance(money)).toBe(400n)
  })

  test('only an outflow can overdraw, and only past zero', () => {
    expect(overdraws(100n, -100n)).toBe(false)
    expect(overdraws(100n, -101n)).toBe(true)
    expect(overdraws(-5n, 10n)).toBe(false)
    expect(overdraws(0n, 0n)).toBe(false)
  })

  test('property: refusing every entry that overdraws keeps a balance at or above zero, whatever comes', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -10_000n, max: 10_000n }), { maxLength: 200 }), (effects) => {
        let balance = 0n
        for (const effect of effects) {
          if (overdraws(balance, effect)) continue
          balance += effect
          expect(balance >= 0n).toBe(true)
        }
      }),
    )
  })
})
