import { sql } from 'kysely'
import type { Database } from '../../db/client'
import type { BeneficiaryKind, Currency, DecisionStatus, EntryKind, PartyKind, Purpose, Role } from '../../db/schema'
import { allowsEntry, roleHas, type Scope } from '../auth/permissions'
import { isWellFormedText } from '../domain/canonical-json'
import { pkrEquivalentMinor, RATE_SCALE } from '../domain/exchange'
import { fiscalYearOf, pakistanDateOf } from '../domain/fiscal-year'
import { approvedBalance, availableBalance, flowIsAllowed, mayDecide, overdraws, trustEffectMinor, TRUST_RECEIPT_KINDS, type TrustMoney } from '../domain/ledger'
import { MAX_STORED_MINOR, toMinor } from '../domain/money'
import { namesOf, type LocalNames } from '../i18n/local-name'
import { recordAuditEvent, type RequestMeta } from './audit.server'
import { appendLeaf } from './ledger-tree.server'
import { sumAsText } from './sql.server'
import { writeTransaction } from './write-transaction.server'

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
  /**
   * A disbursement to someone not yet in the list: created with the entry, in its transaction, in
   * place of `toPartyId`. The one name typed is used in all three languages until translated.
   */
  newBeneficiary?: { name: string; beneficiaryKind: BeneficiaryKind }
  /** A disbursement's place, typed in when it is not in the list yet; created in the entry's transaction. */
  newLocality?: { name: string; kind: 'village' | 'union_council' | 'tehsil' }
}

export type LedgerRuleCode =
  | 'flow_not_allowed'
  | 'insufficient_balance'
  | 'own_entry'
  | 'not_pending'
  | 'not_found'
  | 'not_reversible'
  | 'reason_required'
  | 'amount_too_large'
  | 'malformed_text'

export class LedgerRuleError extends Error {
  constructor(
    readonly code: LedgerRuleCode,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(code)
  }
}

/**
 * Refuses text that could never be published: every field here ends up in an entry's canonical
 * bytes, which RFC 8785 cannot make from a lone surrogate. Forms refuse it too, with a message;
 * this keeps anything else (scripts, the demo data) from storing an entry that could not be approved.
 */
function assertPublishable(...texts: Array<string | null | undefined>): void {
  if (texts.some((text) => typeof text === 'string' && !isWellFormedText(text))) throw new LedgerRuleError('malformed_text')
}

/** The trust whose money an entry moves: the payer of a disbursement, the payee of a receipt. */
function trustPartyOf(entry: { kind: EntryKind; fromPartyId: number; toPartyId: number }): number | null {
  if (entry.kind === 'disbursement') return entry.fromPartyId
  if (TRUST_RECEIPT_KINDS.includes(entry.kind)) return entry.toPartyId
  return null
}

/**
 * Refuses an entry that would take a trust below zero. `against` says which balance: `available`
 * when the entry is recorded (pending outflows count), `approved` when it is approved.
 */
async function assertCovered(db: Database, entry: { kind: EntryKind; fromPartyId: number; toPartyId: number; amountMinor: bigint; currency: Currency }, against: 'available' | 'approved'): Promise<void> {
  const trustId = trustPartyOf(entry)
  if (trustId === null) return
  const effect = trustEffectMinor(entry, trustId)
  if (effect >= 0n) return
  const money = await trustBalance(db, trustId, entry.currency)
  const balance = against === 'available' ? availableBalance(money) : approvedBalance(money)
  if (overdraws(balance, effect)) {
    throw new LedgerRuleError('insufficient_balance', { availableMinor: balance, currency: entry.currency })
  }
}

/**
 * Records a pending entry in one transaction, with its audit event. A second call with the same
 * idempotency key returns the first entry instead of recording another.
 */
export async function createEntry(db: Database, actorUserId: number | null, entry: NewEntry, now = new Date(), meta: RequestMeta = {}): Promise<{ id: number; created: boolean }> {
  return writeTransaction(db, 'ledger', async (trx) => {
    const existing = await trx.selectFrom('ledger_entries').select('id').where('idempotency_key', '=', entry.idempotencyKey).executeTakeFirst()
    if (existing) return { id: existing.id, created: false }
    assertPublishable(entry.reference, entry.description, entry.comments, entry.newBeneficiary?.name, entry.newLocality?.name)

    let input = entry
    if (entry.newLocality) {
      if (entry.kind !== 'disbursement') throw new LedgerRuleError('flow_not_allowed', { kind: entry.kind })
      input = { ...input, localityId: await createLocality(trx, actorUserId, entry, now, meta) }
    }
    if (entry.newBeneficiary) {
      if (entry.kind !== 'disbursement') throw new LedgerRuleError('flow_not_allowed', { kind: entry.kind })
      input = { ...input, toPartyId: await createBeneficiary(trx, actorUserId, input, now, meta) }
    }

    const parties = await trx.selectFrom('parties').select(['id', 'kind']).where('id', 'in', [input.fromPartyId, input.toPartyId]).execute()
    const from = parties.find((p) => p.id === input.fromPartyId)
    const to = parties.find((p) => p.id === input.toPartyId)
    if (!from || !to || !flowIsAllowed(input.kind, from.kind, to.kind)) {
      throw new LedgerRuleError('flow_not_allowed', { kind: input.kind })
    }

    const rate = input.currency === 'PKR' ? RATE_SCALE : input.exchangeRateMicros
    if (rate === undefined) throw new RangeError('A USD entry needs the exchange rate used')
    const pkrAmountMinor = pkrEquivalentMinor(input.amountMinor, rate)
    // The PKR equivalent too: it is read back through a driver that is exact only below 2^53.
    if (input.amountMinor > MAX_STORED_MINOR || pkrAmountMinor > MAX_STORED_MINOR) {
      throw new LedgerRuleError('amount_too_large', { maxMinor: MAX_STORED_MINOR })
    }

    await assertCovered(trx, input, 'available')

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
        pkr_amount_minor: pkrAmountMinor,
        reference: input.reference ?? null,
        description: input.description ?? null,
        comments: input.comments ?? null,
        idempotency_key: input.idempotencyKey,
        created_by_user_id: actorUserId,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, { actorUserId, action: 'ledger.entry.created', targetType: 'ledger_entry', targetId: id, ...meta, details: { kind: input.kind } }, now)
    return { id, created: true }
  })
}

/** A village, union council or tehsil typed into a disbursement form: placed in the project's district. */
async function createLocality(db: Database, actorUserId: number | null, entry: NewEntry, now: Date, meta: RequestMeta): Promise<number> {
  const name = entry.newLocality?.name.trim() ?? ''
  if (name === '' || !entry.newLocality) throw new LedgerRuleError('flow_not_allowed', { kind: entry.kind })
  const project = await db.selectFrom('projects').select(['province', 'district']).where('id', '=', entry.projectId).executeTakeFirst()
  if (!project) throw new LedgerRuleError('flow_not_allowed', { kind: entry.kind })
  const { id } = await db
    .insertInto('localities')
    .values({ kind: entry.newLocality.kind, name_en: name, name_ur: name, name_bal: name, district: project.district, province: project.province, parent_id: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordAuditEvent(db, { actorUserId, action: 'locality.created', targetType: 'locality', targetId: id, ...meta, details: { kind: entry.newLocality.kind, via: 'ledger_entry' } }, now)
  return id
}

/** A beneficiary typed into a disbursement form: placed where the paying trust is, until someone says better. */
async function createBeneficiary(db: Database, actorUserId: number | null, entry: NewEntry, now: Date, meta: RequestMeta): Promise<number> {
  const name = entry.newBeneficiary?.name.trim() ?? ''
  if (name === '' || !entry.newBeneficiary) throw new LedgerRuleError('flow_not_allowed', { kind: entry.kind })
  const trust = await db.selectFrom('parties').select(['province', 'district']).where('id', '=', entry.fromPartyId).executeTakeFirst()
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'beneficiary'
  const taken = new Set((await db.selectFrom('parties').select('slug').where('slug', 'like', `${base}%`).execute()).map((r) => r.slug))
  let slug = base
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`
  const { id } = await db
    .insertInto('parties')
    .values({
      slug,
      kind: 'beneficiary',
      beneficiary_kind: entry.newBeneficiary.beneficiaryKind,
      name_en: name,
      name_ur: name,
      name_bal: name,
      province: trust?.province ?? null,
      district: trust?.district ?? null,
      locality_id: entry.localityId ?? null,
      registration_ref: null,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordAuditEvent(db, { actorUserId, action: 'party.created', targetType: 'party', targetId: id, ...meta, details: { kind: 'beneficiary', beneficiaryKind: entry.newBeneficiary.beneficiaryKind, via: 'ledger_entry' } }, now)
  return id
}

/** A pending entry, read for a decision on it. */
async function pendingForDecision(db: Database, entryId: number, deciderUserId: number) {
  const row = await db
    .selectFrom('ledger_entries')
    .select(['status', 'created_by_user_id', 'kind', 'from_party_id', 'to_party_id', 'currency', 'amount_minor', 'reverses_entry_id'])
    .where('id', '=', entryId)
    .executeTakeFirst()
  if (!row) throw new LedgerRuleError('not_found')
  if (row.status !== 'pending') throw new LedgerRuleError('not_pending')
  if (!mayDecide({ createdByUserId: row.created_by_user_id }, deciderUserId)) throw new LedgerRuleError('own_entry')
  return {
    kind: row.kind,
    fromPartyId: row.from_party_id,
    toPartyId: row.to_party_id,
    currency: row.currency,
    amountMinor: toMinor(row.amount_minor),
    reversesEntryId: row.reverses_entry_id,
  }
}

/**
 * Approves a pending entry made by someone else, giving it the next sequence number of the public
 * ledger. A disbursement, or a reversal of a receipt, must be covered by what the trust has in
 * approved money at this moment: two disbursements each fine when recorded may not both fit.
 */
export async function approveEntry(db: Database, deciderUserId: number, entryId: number, now = new Date(), meta: RequestMeta = {}): Promise<{ seq: number }> {
  return writeTransaction(db, 'ledger', async (trx) => {
    const entry = await pendingForDecision(trx, entryId, deciderUserId)
    await assertCovered(trx, entry, 'approved')
    const { last } = await trx.selectFrom('ledger_entries').select((eb) => eb.fn.max('seq').as('last')).executeTakeFirstOrThrow()
    const seq = (last ?? 0) + 1
    await trx
      .updateTable('ledger_entries')
      .set({ status: 'approved', seq, decided_by_user_id: deciderUserId, decided_at: now.toISOString() })
      .where('id', '=', entryId)
      .where('status', '=', 'pending')
      .execute()
    await appendLeaf(trx, entryId)
    const details = entry.reversesEntryId === null ? { seq } : { seq, reversal: true, reversesEntryId: entry.reversesEntryId }
    await recordAuditEvent(trx, { actorUserId: deciderUserId, action: 'ledger.entry.approved', targetType: 'ledger_entry', targetId: entryId, ...meta, details }, now)
    return { seq }
  })
}

/** Rejects a pending entry made by someone else, saying why. The row stays, not public, for the audit trail. */
export async function rejectEntry(db: Database, deciderUserId: number, entryId: number, reason: string, now = new Date(), meta: RequestMeta = {}): Promise<void> {
  const why = reason.trim()
  if (why === '') throw new LedgerRuleError('reason_required')
  await writeTransaction(db, 'ledger', async (trx) => {
    const entry = await pendingForDecision(trx, entryId, deciderUserId)
    await trx
      .updateTable('ledger_entries')
      .set({ status: 'rejected', rejection_reason: why, decided_by_user_id: deciderUserId, decided_at: now.toISOString() })
      .where('id', '=', entryId)
      .where('status', '=', 'pending')
      .execute()
    const details = entry.reversesEntryId === null ? { reason: why } : { reason: why, reversal: true, reversesEntryId: entry.reversesEntryId }
    await recordAuditEvent(trx, { actorUserId: deciderUserId, action: 'ledger.entry.rejected', targetType: 'ledger_entry', targetId: entryId, ...meta, details }, now)
  })
}

export interface NewReversal {
  reversesEntryId: number
  reason: string
  idempotencyKey: string
}

/**
 * Asks to cancel an approved entry: a new pending entry with the exact negative amounts, the same
 * parties, project and currency, pointing at the original and saying why. It is dated the day it is
 * made (in Pakistan), so it falls in the fiscal year of the correction — published figures for a
 * closed year do not change. The original is never touched; "reversed by" is read from the reversal.
 *
 * Refused (`not_reversible`) unless the original is approved, is not itself a reversal, and has no
 * reversal pending or approved. A rejected reversal does not count: the entry can be tried again.
 */
export async function createReversal(db: Database, actorUserId: number, input: NewReversal, now = new Date(), meta: RequestMeta = {}): Promise<{ id: number; created: boolean }> {
  const reason = input.reason.trim()
  return writeTransaction(db, 'ledger', async (trx) => {
    const existing = await trx.selectFrom('ledger_entries').select('id').where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst()
    if (existing) return { id: existing.id, created: false }
    if (reason === '') throw new LedgerRuleError('reason_required')
    assertPublishable(reason)

    const original = await trx.selectFrom('ledger_entries').selectAll().where('id', '=', input.reversesEntryId).executeTakeFirst()
    if (!original) throw new LedgerRuleError('not_found')
    if (original.status !== 'approved') throw new LedgerRuleError('not_reversible', { why: 'not_approved' })
    if (original.reverses_entry_id !== null) throw new LedgerRuleError('not_reversible', { why: 'is_reversal' })
    const live = await trx
      .selectFrom('ledger_entries')
      .select('id')
      .where('reverses_entry_id', '=', original.id)
      .where('status', '<>', 'rejected')
      .executeTakeFirst()
    if (live) throw new LedgerRuleError('not_reversible', { why: 'already_reversed', reversalId: live.id })

    const reversal = {
      kind: original.kind,
      fromPartyId: original.from_party_id,
      toPartyId: original.to_party_id,
      currency: original.currency,
      amountMinor: -toMinor(original.amount_minor),
    }
    await assertCovered(trx, reversal, 'available')

    const valueDate = pakistanDateOf(now)
    const { id } = await trx
      .insertInto('ledger_entries')
      .values({
        kind: original.kind,
        status: 'pending',
        project_id: original.project_id,
        from_party_id: original.from_party_id,
        to_party_id: original.to_party_id,
        fiscal_year: fiscalYearOf(valueDate),
        value_date: valueDate,
        gfs_code: original.gfs_code,
        purpose: original.purpose,
        locality_id: original.locality_id,
        currency: original.currency,
        amount_minor: reversal.amountMinor,
        exchange_rate_micros: original.exchange_rate_micros,
        // The stored negative, not a recomputation: the pair must sum to exactly zero.
        pkr_amount_minor: -toMinor(original.pkr_amount_minor),
        reference: original.reference,
        description: original.description,
        comments: null,
        reverses_entry_id: original.id,
        reversal_reason: reason,
        idempotency_key: input.idempotencyKey,
        created_by_user_id: actorUserId,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(
      trx,
      { actorUserId, action: 'ledger.entry.reversal_requested', targetType: 'ledger_entry', targetId: id, ...meta, details: { reversesEntryId: original.id, reason } },
      now,
    )
    return { id, created: true }
  })
}

/**
 * A trust's money in one currency. Reversals carry negative amounts, so approved sums net them;
 * among pending entries only those taking money out count (see availableBalance).
 */
export async function trustBalance(db: Database, trustPartyId: number, currency: Currency): Promise<TrustMoney> {
  const negative = sql<number>`amount_minor < 0`
  const grouped = (rows: Array<{ spent: number; status: DecisionStatus; negative: number; total: string }>, spent: boolean, status: DecisionStatus, sign?: 'negative' | 'positive') =>
    rows
      .filter((r) => Boolean(r.spent) === spent && r.status === status && (sign === undefined || Boolean(r.negative) === (sign === 'negative')))
      .reduce((sum, r) => sum + toMinor(r.total), 0n)
  const receipts = db
    .selectFrom('ledger_entries')
    .select([sql<number>`0`.as('spent'), 'status', negative.as('negative'), sumAsText('amount_minor').as('total')])
    .where('to_party_id', '=', trustPartyId)
    .where('kind', 'in', TRUST_RECEIPT_KINDS)
    .where('status', 'in', ['approved', 'pending'])
    .where('currency', '=', currency)
    .groupBy(['status', negative])
  const spending = db
    .selectFrom('ledger_entries')
    .select([sql<number>`1`.as('spent'), 'status', negative.as('negative'), sumAsText('amount_minor').as('total')])
    .where('from_party_id', '=', trustPartyId)
    .where('kind', '=', 'disbursement')
    .where('status', 'in', ['approved', 'pending'])
    .where('currency', '=', currency)
    .groupBy(['status', negative])
  // One round trip for both (each half keeps its own index): approving a ledger's worth of entries
  // in a loop, as the demo seed does, pays for every round trip.
  const rows = await receipts.unionAll(spending).execute()
  return {
    receiptsMinor: grouped(rows, false, 'approved'),
    disbursedMinor: grouped(rows, true, 'approved'),
    pendingDisbursementsMinor: grouped(rows, true, 'pending', 'positive'),
    pendingReceiptReversalsMinor: -grouped(rows, false, 'pending', 'negative'),
  }
}

/** What a permission check needs to know about an entry: its project and the trusts it touches. */
export interface EntryScope {
  projectId: number
  trustIds: number[]
}

export async function entryScope(db: Database, entryId: number): Promise<EntryScope | null> {
  const row = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('parties as f', 'f.id', 'e.from_party_id')
    .innerJoin('parties as t', 't.id', 'e.to_party_id')
    .select(['e.project_id', 'f.id as from_id', 'f.kind as from_kind', 't.id as to_id', 't.kind as to_kind'])
    .where('e.id', '=', entryId)
    .executeTakeFirst()
  if (!row) return null
  return { projectId: row.project_id, trustIds: trustsAmong(row) }
}

function trustsAmong(row: { from_id: number; from_kind: PartyKind; to_id: number; to_kind: PartyKind }): number[] {
  const ids: number[] = []
  if (row.from_kind === 'trust') ids.push(row.from_id)
  if (row.to_kind === 'trust') ids.push(row.to_id)
  return ids
}

export interface PartyRef {
  id: number
  slug: string
  kind: PartyKind
  name: LocalNames
}

export interface QueueEntry {
  id: number
  kind: EntryKind
  valueDate: string
  fiscalYear: number
  currency: Currency
  amountMinor: bigint
  exchangeRateMicros: bigint
  pkrAmountMinor: bigint
  from: PartyRef
  to: PartyRef
  project: { id: number; slug: string; name: LocalNames }
  gfsCode: string | null
  purpose: Purpose | null
  reference: string | null
  description: string | null
  createdBy: { id: number; name: string } | null
  createdAt: string
  reversesEntryId: number | null
  reversalReason: string | null
  trustIds: number[]
}

/** Entries with their parties, project and maker, for the pages that show one or a list. */
/** Entries with their project, both parties (names in every language) and maker: the base of every entry read. */
export function entriesWithParties(db: Database) {
  return db
    .selectFrom('ledger_entries as e')
    .innerJoin('parties as f', 'f.id', 'e.from_party_id')
    .innerJoin('parties as t', 't.id', 'e.to_party_id')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .leftJoin('users as maker', 'maker.id', 'e.created_by_user_id')
    .select([
      'e.id',
      'e.kind',
      'e.status',
      'e.value_date',
      'e.fiscal_year',
      'e.currency',
      'e.amount_minor',
      'e.exchange_rate_micros',
      'e.pkr_amount_minor',
      'e.gfs_code',
      'e.purpose',
      'e.locality_id',
      'e.reference',
      'e.description',
      'e.comments',
      'e.project_id',
      'e.reverses_entry_id',
      'e.reversal_reason',
      'e.created_at',
      'e.created_by_user_id',
      'e.decided_by_user_id',
      'e.decided_at',
      'e.rejection_reason',
      'e.seq',
      'f.id as from_id',
      'f.slug as from_slug',
      'f.kind as from_kind',
      'f.name_en as from_en',
      'f.name_ur as from_ur',
      'f.name_bal as from_bal',
      't.id as to_id',
      't.slug as to_slug',
      't.kind as to_kind',
      't.name_en as to_en',
      't.name_ur as to_ur',
      't.name_bal as to_bal',
      'p.slug as project_slug',
      'p.name_en as project_en',
      'p.name_ur as project_ur',
      'p.name_bal as project_bal',
      'maker.name as maker_name',
    ])
}
export type EntryRow = Awaited<ReturnType<ReturnType<typeof entriesWithParties>['executeTakeFirstOrThrow']>>

export function partiesOf(r: EntryRow): { from: PartyRef; to: PartyRef } {
  return {
    from: { id: r.from_id, slug: r.from_slug, kind: r.from_kind, name: { en: r.from_en, ur: r.from_ur, bal: r.from_bal } },
    to: { id: r.to_id, slug: r.to_slug, kind: r.to_kind, name: { en: r.to_en, ur: r.to_ur, bal: r.to_bal } },
  }
}

/**
 * The pending entries `user` may decide: not their own, and — by the same rule the approve action
 * checks (allowsEntry) — within their scope: an officer must reach the entry's project and every
 * trust it touches; an admin reaches all; an auditor decides nothing. Oldest first.
 */
export async function approvalQueue(db: Database, user: { id: number; role: Role; scope: Scope }): Promise<QueueEntry[]> {
  if (!roleHas(user.role, 'approve:records')) return []
  let query = entriesWithParties(db)
    .where('e.status', '=', 'pending')
    .where((eb) => eb.or([eb('e.created_by_user_id', 'is', null), eb('e.created_by_user_id', '<>', user.id)]))
  if (user.role === 'officer') {
    const { trustIds, projectIds } = user.scope
    if (projectIds.length === 0) return []
    // Narrowed in SQL to the officer's projects; allowsEntry below then applies the trust half.
    query = query.where('e.project_id', 'in', [...projectIds])
    if (trustIds.length > 0) {
      const trusts = [...trustIds]
      query = query.where((eb) =>
        eb.or([
          eb.and([eb('f.kind', '<>', 'trust'), eb('t.kind', '<>', 'trust')]),
          eb('e.from_party_id', 'in', trusts),
          eb('e.to_party_id', 'in', trusts),
        ]),
      )
    }
  }
  const rows = await query.orderBy('e.created_at').orderBy('e.id').execute()
  return rows
    .map((r) => ({ r, trustIds: trustsAmong(r) }))
    .filter(({ r, trustIds }) => allowsEntry(user, 'approve:records', { projectId: r.project_id, trustIds }))
    .map(({ r, trustIds }) => ({
      id: r.id,
      kind: r.kind,
      valueDate: r.value_date,
      fiscalYear: r.fiscal_year,
      currency: r.currency,
      amountMinor: toMinor(r.amount_minor),
      exchangeRateMicros: toMinor(r.exchange_rate_micros),
      pkrAmountMinor: toMinor(r.pkr_amount_minor),
      ...partiesOf(r),
      project: { id: r.project_id, slug: r.project_slug, name: { en: r.project_en, ur: r.project_ur, bal: r.project_bal } },
      gfsCode: r.gfs_code,
      purpose: r.purpose,
      reference: r.reference,
      description: r.description,
      createdBy: r.created_by_user_id === null ? null : { id: r.created_by_user_id, name: r.maker_name ?? '' },
      createdAt: r.created_at,
      reversesEntryId: r.reverses_entry_id,
      reversalReason: r.reversal_reason,
      trustIds,
    }))
}

export interface EntryView {
  id: number
  /** Position in the published ledger; null until approved. */
  seq: number | null
  status: DecisionStatus
  kind: EntryKind
  fiscalYear: number
  valueDate: string
  project: { id: number; slug: string; name: LocalNames }
  from: PartyRef
  to: PartyRef
  trustIds: number[]
  gfs: { code: string; nameEn: string } | null
  purpose: Purpose | null
  locality: { id: number; name: LocalNames } | null
  currency: Currency
  amountMinor: bigint
  exchangeRateMicros: bigint
  pkrAmountMinor: bigint
  reference: string | null
  description: string | null
  comments: string | null
  /** Set on a reversal: why, and the entry it cancels. */
  reversalReason: string | null
  reverses: { id: number; seq: number | null } | null
  /** The approved reversal that cancels this entry, if any. */
  reversedBy: { id: number; seq: number | null } | null
  /** Who and when, and what is still undecided: for signed-in readers allowed non-public records; null for the public. */
  internal: {
    createdBy: { id: number; name: string } | null
    createdAt: string
    decidedBy: { id: number; name: string } | null
    decidedAt: string | null
    rejectionReason: string | null
    /** A reversal of this entry waiting for approval. */
    pendingReversalId: number | null
  } | null
}

/**
 * One entry with everything its page shows. The public (`includeNonPublic: false`) sees approved
 * entries only — anything else is null, as if it did not exist — and no names of officers.
 */
export async function findEntry(db: Database, entryId: number, options: { includeNonPublic: boolean }): Promise<EntryView | null> {
  const row = await entriesWithParties(db)
    .leftJoin('revenue_streams as rs', 'rs.gfs_code', 'e.gfs_code')
    .leftJoin('localities as l', 'l.id', 'e.locality_id')
    .leftJoin('users as decider', 'decider.id', 'e.decided_by_user_id')
    .leftJoin('ledger_entries as original', 'original.id', 'e.reverses_entry_id')
    .select(['rs.name_en as gfs_name_en', 'l.name_en as locality_en', 'l.name_ur as locality_ur', 'l.name_bal as locality_bal', 'decider.name as decider_name', 'original.seq as original_seq'])
    .where('e.id', '=', entryId)
    .executeTakeFirst()
  if (!row) return null
  if (!options.includeNonPublic && row.status !== 'approved') return null

  const reversals = await db
    .selectFrom('ledger_entries')
    .select(['id', 'seq', 'status'])
    .where('reverses_entry_id', '=', entryId)
    .where('status', '<>', 'rejected')
    .execute()
  const approvedReversal = reversals.find((r) => r.status === 'approved')
  const pendingReversal = reversals.find((r) => r.status === 'pending')

  return {
    id: row.id,
    seq: row.seq,
    status: row.status,
    kind: row.kind,
    fiscalYear: row.fiscal_year,
    valueDate: row.value_date,
    project: { id: row.project_id, slug: row.project_slug, name: { en: row.project_en, ur: row.project_ur, bal: row.project_bal } },
    ...partiesOf(row),
    trustIds: trustsAmong(row),
    gfs: row.gfs_code === null ? null : { code: row.gfs_code, nameEn: row.gfs_name_en ?? row.gfs_code },
    purpose: row.purpose,
    locality:
      row.locality_id === null || row.locality_en === null
        ? null
        : { id: row.locality_id, name: namesOf({ name_en: row.locality_en, name_ur: row.locality_ur ?? row.locality_en, name_bal: row.locality_bal ?? row.locality_en }) },
    currency: row.currency,
    amountMinor: toMinor(row.amount_minor),
    exchangeRateMicros: toMinor(row.exchange_rate_micros),
    pkrAmountMinor: toMinor(row.pkr_amount_minor),
    reference: row.reference,
    description: row.description,
    comments: row.comments,
    reversalReason: row.reversal_reason,
    reverses: row.reverses_entry_id === null ? null : { id: row.reverses_entry_id, seq: row.original_seq },
    reversedBy: approvedReversal ? { id: approvedReversal.id, seq: approvedReversal.seq } : null,
    internal: options.includeNonPublic
      ? {
          createdBy: row.created_by_user_id === null ? null : { id: row.created_by_user_id, name: row.maker_name ?? '' },
          createdAt: row.created_at,
          decidedBy: row.decided_by_user_id === null ? null : { id: row.decided_by_user_id, name: row.decider_name ?? '' },
          decidedAt: row.decided_at,
          rejectionReason: row.rejection_reason,
          pendingReversalId: pendingReversal?.id ?? null,
        }
      : null,
  }
}
