import type { EntryKind, PartyKind, Purpose } from '../../db/schema'

export type { EntryKind, Purpose }

export const ENTRY_KINDS: readonly EntryKind[] = ['payment', 'share_transfer', 'direct_contribution', 'disbursement']
export const PURPOSES: readonly Purpose[] = ['education', 'health', 'water', 'livelihoods', 'infrastructure', 'scholarships', 'other']

/** IATI sector codes for the purposes that have one, for exports that join other data. */
export const PURPOSE_IATI_SECTOR: Partial<Record<Purpose, string>> = {
  education: '11220',
  health: '12220',
  water: '14030',
}

const GOVERNMENT: PartyKind[] = ['government_federal', 'government_provincial']

/** Who may pay whom in each kind of entry. */
export const ENTRY_FLOWS: Record<EntryKind, { from: readonly PartyKind[]; to: readonly PartyKind[] }> = {
  payment: { from: ['company'], to: GOVERNMENT },
  share_transfer: { from: GOVERNMENT, to: ['trust'] },
  direct_contribution: { from: ['company'], to: ['trust'] },
  disbursement: { from: ['trust'], to: ['beneficiary'] },
}

/** Kinds of entry that bring money into a trust. */
export const TRUST_RECEIPT_KINDS: readonly EntryKind[] = ['share_transfer', 'direct_contribution']

export function flowIsAllowed(kind: EntryKind, from: PartyKind, to: PartyKind): boolean {
  return ENTRY_FLOWS[kind].from.includes(from) && ENTRY_FLOWS[kind].to.includes(to)
}

/** Four eyes: nobody decides on an entry they made. */
export function mayDecide(entry: { createdByUserId: number | null }, deciderId: number): boolean {
  return entry.createdByUserId !== deciderId
}

export interface TrustMoney {
  /** Approved transfers and contributions in, net of approved reversals of them. */
  receiptsMinor: bigint
  /** Approved disbursements, net of approved reversals of them. */
  disbursedMinor: bigint
  /** Disbursements waiting for approval (reversals of disbursements are not counted until approved). */
  pendingDisbursementsMinor: bigint
  /** Reversals of receipts waiting for approval, as a positive amount: money that may be taken back. */
  pendingReceiptReversalsMinor: bigint
}

/**
 * What a trust can still spend: approved receipts less every outflow that is approved or waiting
 * for approval, so two pending disbursements (or a disbursement and a reversed receipt) cannot
 * together overdraw the trust. Money coming back by a pending reversal counts only once approved.
 */
export function availableBalance(t: TrustMoney): bigint {
  return t.receiptsMinor - t.disbursedMinor - t.pendingDisbursementsMinor - t.pendingReceiptReversalsMinor
}

/** What has actually been approved in and out, pending entries aside. */
export function approvedBalance(t: Pick<TrustMoney, 'receiptsMinor' | 'disbursedMinor'>): bigint {
  return t.receiptsMinor - t.disbursedMinor
}

/**
 * How an entry moves a trust's money, in the entry's currency: positive in, negative out. A
 * reversal carries the negative amount of its original, so it moves the money back.
 */
export function trustEffectMinor(entry: { kind: EntryKind; fromPartyId: number; toPartyId: number; amountMinor: bigint }, trustPartyId: number): bigint {
  if (entry.kind === 'disbursement' && entry.fromPartyId === trustPartyId) return -entry.amountMinor
  if (TRUST_RECEIPT_KINDS.includes(entry.kind) && entry.toPartyId === trustPartyId) return entry.amountMinor
  return 0n
}

/** An entry that takes money out of a trust is refused if the balance it is measured against cannot cover it. */
export function overdraws(balanceMinor: bigint, effectMinor: bigint): boolean {
  return effectMinor < 0n && balanceMinor + effectMinor < 0n
}
