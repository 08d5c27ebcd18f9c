import { sql } from 'kysely'
import type { Database } from '../../db/client'
import type { Currency, EntryKind, Purpose } from '../../db/schema'
import { fiscalYearOf } from '../domain/fiscal-year'
import { pkrEquivalentMinor, RATE_SCALE } from '../domain/exchange'
import { availableBalance, flowIsAllowed, mayDecide, TRUST_RECEIPT_KINDS } from '../domain/ledger'
import { toMinor } from '../domain/money'
import { recordAuditEvent } from './audit.server'

export interface NewEntry {
  kind: EntryKind
  projectId: number
  fromPartyId: number
  toPartyId: number
  valueDate: string
  gfsCode?: string | null
  purpose?: Purpose | null
  localityId?: number | null
  currency: Currency
  amountMinor: bigint
  /** PKR per unit of `currency` × 1,000,000; ignored (and 1,000,000) for PKR. */
  exchangeRateMicros?: bigint
  reference?: string | null
  description?: string | null
  comments?: string | null
  /** Travels with the form, so a double submit records one entry. */
  idempotencyKey: string
}

export class LedgerRuleError extends Error {
  constructor(
    readonly code: 'flow_not_allowed' | 'insufficient_balance' | 'own_entry' | 'not_pending' | 'not_found',
    readonly detail: Record<string, unknown> = {},
  ) {
    super(code)
  }
}

/**
 * Records a pending entry in one transaction, with its audit event. A second call with the same
 * idempotency key returns the first entry instead of recording another.
 */
export async function createEntry(db: Database, actorUserId: number | null, input: NewEntry, now = new Date()): Promise<{ id: number; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('ledger_entries').select('id').where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst()
    if (existing) return { id: existing.id, created: false }

    const parties = await trx.selectFrom('parties').select(['id', 'kind']).where('id', 'in', [input.fromPartyId, input.toPartyId]).execute()
    const from = parties.find((p) => p.id === input.fromPartyId)
    const to = parties.find((p) => p.id === input.toPartyId)
    if (!from || !to || !flowIsAllowed(input.kind, from.kind, to.kind)) {
      throw new LedgerRuleError('flow_not_allowed', { kind: input.kind })
    }

    const rate = input.currency === 'PKR' ? RATE_SCALE : input.exchangeRateMicros
    if (rate === undefined) throw new RangeError('A USD entry needs the exchange rate used')

    if (input.kind === 'disbursement') {
      const balance = await trustBalance(trx, input.fromPartyId, input.currency)
      const available = availableBalance(balance)
      if (input.amountMinor > available) {
        throw new LedgerRuleError('insufficient_balance', { availableMinor: available, currency: input.currency })
      }
    }

    const { id } = await trx
      .insertInto('ledger_entries')
      .values({
        kind: input.kind,
        status: 'pending',
        project_id: input.projectId,
        from_party_id: input.fromPartyId,
        to_party_id: input.toPartyId,
        fiscal_year: fiscalYearOf(input.valueDate),
        value_date: input.valueDate,
        gfs_code: input.gfsCode ?? null,
        purpose: input.purpose ?? null,
        locality_id: input.localityId ?? null,
        currency: input.currency,
        amount_minor: input.amountMinor,
        exchange_rate_micros: rate,
        pkr_amount_minor: pkrEquivalentMinor(input.amountMinor, rate),
        reference: input.reference ?? null,
        description: input.description ?? null,
        comments: input.comments ?? null,
        idempotency_key: input.idempotencyKey,
        created_by_user_id: actorUserId,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, { actorUserId, action: 'ledger.entry.created', targetType: 'ledger_entry', targetId: id, details: { kind: input.kind } }, now)
    return { id, created: true }
  })
}

/** Approves a pending entry made by someone else, giving it the next sequence number of the public ledger. */
export async function approveEntry(db: Database, deciderUserId: number, entryId: number, now = new Date()): Promise<{ seq: number }> {
  return db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom('ledger_entries').select(['status', 'created_by_user_id']).where('id', '=', entryId).executeTakeFirst()
    if (!entry) throw new LedgerRuleError('not_found')
    if (entry.status !== 'pending') throw new LedgerRuleError('not_pending')
    if (!mayDecide({ createdByUserId: entry.created_by_user_id }, deciderUserId)) throw new LedgerRuleError('own_entry')
    const { last } = await trx.selectFrom('ledger_entries').select((eb) => eb.fn.max('seq').as('last')).executeTakeFirstOrThrow()
    const seq = (last ?? 0) + 1
    await trx
      .updateTable('ledger_entries')
      .set({ status: 'approved', seq, decided_by_user_id: deciderUserId, decided_at: now.toISOString() })
      .where('id', '=', entryId)
      .where('status', '=', 'pending')
      .execute()
    await recordAuditEvent(trx, { actorUserId: deciderUserId, action: 'ledger.entry.approved', targetType: 'ledger_entry', targetId: entryId, details: { seq } }, now)
    return { seq }
  })
}

/** A trust's money in one currency: approved receipts, approved disbursements, disbursements awaiting approval. */
export async function trustBalance(db: Database, trustPartyId: number, currency: Currency) {
  const sumOf = sql<string>`cast(coalesce(sum(amount_minor), 0) as text)`
  const receipts = await db
    .selectFrom('ledger_entries')
    .select(sumOf.as('total'))
    .where('to_party_id', '=', trustPartyId)
    .where('kind', 'in', TRUST_RECEIPT_KINDS)
    .where('status', '=', 'approved')
    .where('currency', '=', currency)
    .executeTakeFirstOrThrow()
  const spending = await db
    .selectFrom('ledger_entries')
    .select(['status', sumOf.as('total')])
    .where('from_party_id', '=', trustPartyId)
    .where('kind', '=', 'disbursement')
    .where('status', 'in', ['approved', 'pending'])
    .where('currency', '=', currency)
    .groupBy('status')
    .execute()
  const of = (status: string) => toMinor(spending.find((row) => row.status === status)?.total)
  return { receiptsMinor: toMinor(receipts.total), disbursedMinor: of('approved'), pendingDisbursementsMinor: of('pending') }
}
