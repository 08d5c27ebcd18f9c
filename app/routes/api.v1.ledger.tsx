import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { ENTRY_KINDS } from '~/domain/ledger'
import { minorToDecimalString } from '~/domain/money'
import { rateToDecimalString } from '~/domain/published-entry'
import { LICENCE } from '~/exports/ledger-formats'
import { conditionalResponse } from '~/http/conditional.server'
import { fiscalYearLabel } from '~/domain/fiscal-year'
import { ledgerFiltersToQuery, parseLedgerFilters, parseLedgerPage } from '~/models/ledger-filters'
import { listLedger, type LedgerRow } from '~/models/ledger-list.server'
import { latestCheckpoint } from '~/models/ledger-tree.server'

export const handle: RouteHandle = { permission: 'public' }

const party = (p: LedgerRow['from']) => ({ slug: p.slug, kind: p.kind, name: p.name })

function entryJson(r: LedgerRow) {
  return {
    id: r.id,
    seq: r.seq,
    url: `/ledger/${r.id}`,
    kind: r.kind,
    value_date: r.valueDate,
    fiscal_year: fiscalYearLabel(r.fiscalYear),
    project: { slug: r.project.slug, name: r.project.name },
    from: party(r.from),
    to: party(r.to),
    gfs_code: r.gfsCode,
    purpose: r.purpose,
    reporting_currency: r.currency,
    value_reported: minorToDecimalString(r.amountMinor),
    currency_rate: rateToDecimalString(r.exchangeRateMicros),
    value_pkr: minorToDecimalString(r.pkrAmountMinor),
    reference: r.reference,
    description: r.description,
    comments: r.comments,
    reverses_entry_id: r.reversesEntryId,
    reversal_reason: r.reversalReason,
    reversed_by: r.reversedBy,
  }
}

/**
 * The public ledger as JSON: the ledger page's filters (same query parameters), a page at a time
 * by keyset (`next` is the address of the following page), totals over everything matched. The
 * ETag is a hash of the answer, so it changes exactly when the ledger does. See docs/api.md.
 */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const url = new URL(args.request.url)
  const { filters, ignored } = parseLedgerFilters(url.searchParams)
  const page = parseLedgerPage(url.searchParams)
  const [listing, checkpoint] = await Promise.all([listLedger(db, filters, page), latestCheckpoint(db)])
  const query = new URLSearchParams(ledgerFiltersToQuery(filters))
  if (url.searchParams.has('limit')) query.set('limit', String(page.limit))
  if (listing.nextCursor) query.set('after', listing.nextCursor)
  const body = {
    licence: LICENCE,
    checkpoint: checkpoint ? { size: checkpoint.size, url: `/ledger/checkpoints/${checkpoint.size}` } : null,
    filters: ledgerFiltersToQuery(filters),
    ignored,
    count: listing.count,
    totals_pkr: Object.fromEntries(ENTRY_KINDS.map((k) => [k, minorToDecimalString(listing.totals[k])])),
    entries: listing.rows.map(entryJson),
    next: listing.nextCursor ? `/api/v1/ledger?${query}` : null,
  }
  return conditionalResponse(args.request, `${JSON.stringify(body)}\n`, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' })
}
