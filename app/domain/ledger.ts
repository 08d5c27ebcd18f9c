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

/**
 * What a trust can still spend: approved receipts less every disbursement that is approved or
 * waiting for approval, so two pending disbursements cannot together overdraw the trust.
 */
export function availableBalance(t: { receiptsMinor: bigint; disbursedMinor: bigint; pendingDisbursementsMinor: bigint }): bigint {
  return t.receiptsMinor - t.disbursedMinor - t.pendingDisbursementsMinor
}
