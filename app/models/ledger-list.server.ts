import { sql } from 'kysely'
import type { Database } from '../../db/client'
import type { Currency, EntryKind, Purpose } from '../../db/schema'
import { fiscalYearBounds, fiscalYearOf } from '../domain/fiscal-year'
import { ENTRY_KINDS } from '../domain/ledger'
import { toMinor } from '../domain/money'
import type { LocalNames } from '../i18n/local-name'
import type { LedgerFilters } from './ledger-filters'
import type { PartyRef } from './ledger.server'
import { searchedEntries, type EntryRows } from './ledger-search.server'
import { sumAsText } from './sql.server'

/**
 * The public ledger: approved entries only, filtered, newest (or oldest) first, a page at a time.
 * Pages are found by keyset — "entries before this (value date, id)" — never by OFFSET, so page
 * 2,000 costs what page 1 costs, and an entry approved while someone reads does not shift a page.
 */

export interface LedgerPageRequest {
  /** The cursor from the previous page's `nextCursor`. */
  after?: string
  limit?: number
}

export interface LedgerRow {
  id: number
  seq: number
  kind: EntryKind
  valueDate: string
  fiscalYear: number
  project: { id: number; slug: string; name: LocalNames }
  from: PartyRef
  to: PartyRef
  gfsCode: string | null
  purpose: Purpose | null
  currency: Currency
  amountMinor: bigint
  exchangeRateMicros: bigint
  pkrAmountMinor: bigint
  reference: string | null
  description: string | null
  comments: string | null
  reversesEntryId: number | null
  reversalReason: string | null
  /** The approved reversal that cancels this entry. */
  reversedBy: { id: number; seq: number } | null
}

export interface LedgerListing {
  rows: LedgerRow[]
  /** Null on the last page. */
  nextCursor: string | null
  /** Over every entry the filters match, not just this page: PKR equivalent per kind, reversals netted. */
  totals: Record<EntryKind, bigint>
  count: number
}

export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 200

type Order = 'asc' | 'desc'
interface Cursor {
  valueDate: string
  id: number
}

export async function listLedger(db: Database, filters: LedgerFilters, page: LedgerPageRequest = {}): Promise<LedgerListing> {
  const order: Order = filters.order ?? 'desc'
  const asked = page.limit !== undefined && Number.isFinite(page.limit) ? Math.trunc(page.limit) : DEFAULT_PAGE_SIZE
  const limit = Math.min(Math.max(asked, 1), MAX_PAGE_SIZE)
  const cursor = page.after ? decodeCursor(page.after, order) : null

  // "Touches a trust" is an OR of two columns, which no single index walks in date order. Each side
  // is read on its own, in index order, limit+1 rows, and the two short lists are merged.
  const sides: Array<((q: Entries) => Entries) | null> =
    filters.trustId === undefined
      ? [null]
      : [(q) => q.where('e.from_party_id', '=', filters.trustId as number), (q) => q.where('e.to_party_id', '=', filters.trustId as number)]
  const base = await matching(db, filters)
  const batches = await Promise.all(sides.map((side) => pageQuery(base, side, cursor, order, limit + 1).execute()))
  const seen = new Set<number>()
  const merged = batches
    .flat()
    .sort((a, b) => compareKeys(a, b, order))
    .filter((r) => !seen.has(r.id) && seen.add(r.id) !== undefined)
    .slice(0, limit + 1)
  const rows = merged.slice(0, limit).map(toRow)
  const last = rows[rows.length - 1]
  const nextCursor = merged.length > limit && last ? encodeCursor({ valueDate: last.valueDate, id: last.id }, order) : null
  return { rows, nextCursor, ...(await totalsOf(db, base, filters)) }
}

function approvedEntries(db: Database): Entries {
  return db.selectFrom('ledger_entries as e').where('e.status', '=', 'approved')
}
type Entries = EntryRows

/**
 * Approved entries the filters match, except the trust filter, which callers apply (see listLedger).
 * Asynchronous because a text search first looks up the parties whose names match.
 */
export async function matching(db: Database, filters: LedgerFilters): Promise<Entries> {
  let q = (await searchedEntries(db, filters.text)) ?? approvedEntries(db)
  if (filters.projectId !== undefined) q = q.where('e.project_id', '=', filters.projectId)
  if (filters.kind !== undefined) q = q.where('e.kind', '=', filters.kind)
  if (filters.gfsCode !== undefined) q = q.where('e.gfs_code', '=', filters.gfsCode)
  if (filters.purpose !== undefined) q = q.where('e.purpose', '=', filters.purpose)
  if (filters.fiscalYear !== undefined) {
    // The value-date range says the same as fiscal_year (which is derived from it) and lets the date index narrow the walk.
    const { first, last } = fiscalYearBounds(filters.fiscalYear)
    q = q.where('e.fiscal_year', '=', filters.fiscalYear).where('e.value_date', '>=', first).where('e.value_date', '<=', last)
  }
  if (filters.dateFrom !== undefined) q = q.where('e.value_date', '>=', filters.dateFrom)
  if (filters.dateTo !== undefined) q = q.where('e.value_date', '<=', filters.dateTo)
  return q
}

function pageQuery(base: Entries, side: ((q: Entries) => Entries) | null, cursor: Cursor | null, order: Order, take: number) {
  let q = base
  if (side) q = side(q)
  if (cursor) {
    q = q.where((eb) => eb(eb.refTuple('e.value_date', 'e.id'), order === 'desc' ? '<' : '>', eb.tuple(cursor.valueDate, cursor.id)))
  }
  return q
    .innerJoin('parties as f', 'f.id', 'e.from_party_id')
    .innerJoin('parties as t', 't.id', 'e.to_party_id')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .leftJoin('ledger_entries as r', (join) => join.onRef('r.reverses_entry_id', '=', 'e.id').on('r.status', '=', 'approved'))
    .select([
      'e.id',
      'e.seq',
      'e.kind',
      'e.value_date',
      'e.fiscal_year',
      'e.gfs_code',
      'e.purpose',
      'e.currency',
      'e.amount_minor',
      'e.exchange_rate_micros',
      'e.pkr_amount_minor',
      'e.reference',
      'e.description',
      'e.comments',
      'e.reverses_entry_id',
      'e.reversal_reason',
      'e.project_id',
      'p.slug as project_slug',
      'p.name_en as project_en',
      'p.name_ur as project_ur',
      'p.name_bal as project_bal',
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
      'r.id as reversed_by_id',
      'r.seq as reversed_by_seq',
    ])
    .orderBy('e.value_date', order)
    .orderBy('e.id', order)
    .limit(take)
}
type PageRow = Awaited<ReturnType<ReturnType<typeof pageQuery>['execute']>>[number]

function compareKeys(a: { value_date: string; id: number }, b: { value_date: string; id: number }, order: Order): number {
  const ascending = a.value_date < b.value_date ? -1 : a.value_date > b.value_date ? 1 : a.id - b.id
  return order === 'asc' ? ascending : -ascending
}

function toRow(r: PageRow): LedgerRow {
  return {
    id: r.id,
    seq: r.seq as number,
    kind: r.kind,
    valueDate: r.value_date,
    fiscalYear: r.fiscal_year,
    project: { id: r.project_id, slug: r.project_slug, name: { en: r.project_en, ur: r.project_ur, bal: r.project_bal } },
    from: { id: r.from_id, slug: r.from_slug, kind: r.from_kind, name: { en: r.from_en, ur: r.from_ur, bal: r.from_bal } },
    to: { id: r.to_id, slug: r.to_slug, kind: r.to_kind, name: { en: r.to_en, ur: r.to_ur, bal: r.to_bal } },
    gfsCode: r.gfs_code,
    purpose: r.purpose,
    currency: r.currency,
    amountMinor: toMinor(r.amount_minor),
    exchangeRateMicros: toMinor(r.exchange_rate_micros),
    pkrAmountMinor: toMinor(r.pkr_amount_minor),
    reference: r.reference,
    description: r.description,
    comments: r.comments,
    reversesEntryId: r.reverses_entry_id,
    reversalReason: r.reversal_reason,
    reversedBy: r.reversed_by_id === null ? null : { id: r.reversed_by_id, seq: r.reversed_by_seq as number },
  }
}

type Totals = { totals: Record<EntryKind, bigint>; count: number }

/**
 * The listing's totals. Filters on columns ledger_totals is keyed by — everything but a date
 * range and text — are answered from it, a few rows read whatever the size of the ledger; the
 * rest are summed over the matching entries, through the filter's own index.
 */
async function totalsOf(db: Database, base: Entries, filters: LedgerFilters): Promise<Totals> {
  if (filters.dateFrom === undefined && filters.dateTo === undefined && filters.text === undefined) return keptTotals(db, filters)
  return scannedTotals(base, filters)
}

async function keptTotals(db: Database, filters: LedgerFilters): Promise<Totals> {
  let q = db.selectFrom('ledger_totals')
  if (filters.projectId !== undefined) q = q.where('project_id', '=', filters.projectId)
  if (filters.trustId !== undefined) {
    const trust = filters.trustId
    // Each kept row once, so an entry on both sides of a trust would still count once.
    q = q.where((eb) => eb.or([eb('from_party_id', '=', trust), eb('to_party_id', '=', trust)]))
  }
  if (filters.kind !== undefined) q = q.where('kind', '=', filters.kind)
  if (filters.gfsCode !== undefined) q = q.where('gfs_code', '=', filters.gfsCode)
  if (filters.purpose !== undefined) q = q.where('purpose', '=', filters.purpose)
  if (filters.fiscalYear !== undefined) q = q.where('fiscal_year', '=', filters.fiscalYear)
  const rows = await q
    .select(['kind', sumAsText('pkr_amount_minor').as('total'), sql<number | string>`sum(${sql.ref('entry_count')})`.as('n')])
    .groupBy('kind')
    .execute()
  const totals = Object.fromEntries(ENTRY_KINDS.map((k) => [k, 0n])) as Record<EntryKind, bigint>
  let count = 0
  for (const row of rows) {
    totals[row.kind] = toMinor(row.total)
    count += Number(row.n)
  }
  return { totals, count }
}

/** Sums over the entries a date range or text matches: they are in no kept total. */
async function scannedTotals(base: Entries, filters: LedgerFilters): Promise<Totals> {
  const totals = Object.fromEntries(ENTRY_KINDS.map((k) => [k, 0n])) as Record<EntryKind, bigint>
  let count = 0
  // One row of per-kind sums, with no GROUP BY, so the planner picks the filter's own
  // index (which carries kind and amount) instead of walking the kind index for its order. A trust
  // is summed side by side, as its pages are read; an entry cannot pay a trust to itself, but the
  // second side excludes that case anyway so nothing is counted twice.
  const trust = filters.trustId
  const sides =
    trust === undefined
      ? [base]
      : [base.where('e.from_party_id', '=', trust), base.where('e.to_party_id', '=', trust).where('e.from_party_id', '<>', trust)]
  for (const side of sides) {
    const row = await side
      .select(
        ENTRY_KINDS.flatMap((k) => [
          sql<string>`cast(coalesce(sum(case when ${sql.ref('e.kind')} = ${k} then ${sql.ref('e.pkr_amount_minor')} end), 0) as text)`.as(`total_${k}`),
          sql<number | string>`count(case when ${sql.ref('e.kind')} = ${k} then 1 end)`.as(`n_${k}`),
        ]),
      )
      .executeTakeFirstOrThrow()
    const sums = row as unknown as Record<string, string | number>
    for (const k of ENTRY_KINDS) {
      totals[k] += toMinor(sums[`total_${k}`] as string)
      count += Number(sums[`n_${k}`])
    }
  }
  return { totals, count }
}

/**
 * The fiscal years the public ledger has entries in, newest first, for the filter. A DISTINCT over
 * a million rows takes seconds; instead each year's first entry is looked up in the date index, one
 * short read per year (fiscal_year is always derived from value_date).
 */
export async function ledgerFiscalYears(db: Database): Promise<number[]> {
  const years: number[] = []
  let from = '0000-01-01'
  for (;;) {
    const next = await db
      .selectFrom('ledger_entries')
      .select('value_date')
      .where('status', '=', 'approved')
      .where('value_date', '>=', from)
      .orderBy('value_date')
      .limit(1)
      .executeTakeFirst()
    if (!next) return years.reverse()
    const fy = fiscalYearOf(next.value_date)
    years.push(fy)
    from = fiscalYearBounds(fy + 1).first
  }
}

// The cursor is opaque to readers but not secret: base64url of [value date, id, order]. One
// carried over from the other sort order, or mangled in any way, is ignored: the reader gets page one.
export function encodeCursor(at: Cursor, order: Order): string {
  return Buffer.from(JSON.stringify([at.valueDate, at.id, order]), 'utf8').toString('base64url')
}

export function decodeCursor(text: string, order: Order): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
    if (!Array.isArray(value) || value.length !== 3) return null
    const [valueDate, id, cursorOrder] = value as unknown[]
    if (typeof valueDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(valueDate)) return null
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return null
    if (cursorOrder !== order) return null
    return { valueDate, id }
  } catch {
    return null
  }
}
