import { z } from 'zod'
import type { EntryKind, Purpose } from '../../db/schema'
import { ENTRY_KINDS, PURPOSES } from '../domain/ledger'
import { fiscalYearLabel, isIsoDate, parseFiscalYearLabel } from '../domain/fiscal-year'

/** What the public ledger can be narrowed by; every field is optional and they combine with AND. */
export interface LedgerFilters {
  projectId?: number
  /** Entries paid to or by this trust. */
  trustId?: number
  kind?: EntryKind
  gfsCode?: string
  purpose?: Purpose
  /** The year the fiscal year starts in: 2024 is FY 2024-25. */
  fiscalYear?: number
  /** Inclusive value dates, YYYY-MM-DD. */
  dateFrom?: string
  dateTo?: string
  /** A piece of text to find in the description, reference, comments or either party's name. */
  text?: string
  /** By value date; newest first unless asked. */
  order?: 'desc' | 'asc'
}

export const TEXT_FILTER_MAX = 200

// Digits only: Number() would also take ' 5', '1e3' and '0x10'.
const id = z.string().regex(/^[1-9][0-9]{0,14}$/).transform(Number)
const isoDate = z.string().refine(isIsoDate)

/**
 * One schema per query-string key (the key is what the URL says; the value is the filter's type).
 * Kept per key, not as one object, so that one bad value drops that filter alone.
 */
export const LedgerFiltersSchema = z.object({
  project: id,
  trust: id,
  kind: z.enum(ENTRY_KINDS as [EntryKind, ...EntryKind[]]),
  gfs: z.string().regex(/^[0-9]{2,6}E[0-9]{0,2}$/),
  purpose: z.enum(PURPOSES as [Purpose, ...Purpose[]]),
  // "2024-25" as the page shows it, or the starting year alone.
  fy: z.string().transform((value, ctx) => {
    const fy = /^\d{4}$/.test(value) ? Number(value) : parseFiscalYearLabel(value)
    if (fy === null || fy < 1947 || fy > 9998) {
      ctx.addIssue({ code: 'custom', message: 'not a fiscal year' })
      return z.NEVER
    }
    return fy
  }),
  from: isoDate,
  to: isoDate,
  q: z.string().max(TEXT_FILTER_MAX),
  order: z.enum(['desc', 'asc']),
})

type Key = keyof typeof LedgerFiltersSchema.shape
const FIELD: Record<Key, keyof LedgerFilters> = {
  project: 'projectId',
  trust: 'trustId',
  kind: 'kind',
  gfs: 'gfsCode',
  purpose: 'purpose',
  fy: 'fiscalYear',
  from: 'dateFrom',
  to: 'dateTo',
  q: 'text',
  order: 'order',
}

/**
 * Reads the ledger page's filters from the query string. A value we cannot use is dropped rather
 * than failing the page, and its key reported so the page can say it was ignored; an empty value
 * (an untouched form field) is simply no filter. The text is trimmed.
 */
export function parseLedgerFilters(search: URLSearchParams): { filters: LedgerFilters; ignored: string[] } {
  const filters: LedgerFilters = {}
  const ignored: string[] = []
  for (const key of Object.keys(FIELD) as Key[]) {
    const raw = search.get(key)
    const value = key === 'q' ? raw?.trim() : raw
    if (value === null || value === undefined || value === '') continue
    const parsed = LedgerFiltersSchema.shape[key].safeParse(value)
    if (parsed.success) Object.assign(filters, { [FIELD[key]]: parsed.data })
    else ignored.push(key)
  }
  return { filters, ignored }
}

/** The page size a reader may ask for, and the cursor to continue from. */
export function parseLedgerPage(search: URLSearchParams): { after?: string; limit: number } {
  const limit = z.coerce.number().int().min(1).max(200).safeParse(search.get('limit') ?? undefined)
  const after = search.get('after')
  return { ...(after ? { after } : {}), limit: limit.success ? limit.data : 50 }
}

/** The query string that asks for these filters: what an export link carries and states it applied. */
export function ledgerFiltersToQuery(filters: LedgerFilters): Record<string, string> {
  const query: Record<string, string> = {}
  for (const [key, field] of Object.entries(FIELD) as Array<[Key, keyof LedgerFilters]>) {
    const value = filters[field]
    if (value === undefined) continue
    query[key] = field === 'fiscalYear' ? fiscalYearLabel(value as number) : String(value)
  }
  return query
}
