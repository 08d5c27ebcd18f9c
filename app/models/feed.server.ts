import type { Database } from '../../db/client'
import type { Currency, EntryKind } from '../../db/schema'
import { toMinor } from '../domain/money'
import type { LocalNames } from '../i18n/local-name'
import { entriesWithParties, partiesOf, type PartyRef } from './ledger.server'

export interface FeedEntry {
  id: number
  seq: number
  kind: EntryKind
  valueDate: string
  approvedAt: string
  project: { slug: string; name: LocalNames }
  from: PartyRef
  to: PartyRef
  currency: Currency
  amountMinor: bigint
  description: string | null
  reversal: boolean
}

export const FEED_SIZE = 50

/** The newest published entries, newest first by publication (seq), for a feed: site-wide or one project's. */
export async function newestPublished(db: Database, options: { projectId?: number; limit?: number } = {}): Promise<FeedEntry[]> {
  let q = entriesWithParties(db).where('e.status', '=', 'approved')
  if (options.projectId !== undefined) q = q.where('e.project_id', '=', options.projectId)
  const rows = await q
    .orderBy('e.seq', 'desc')
    .limit(options.limit ?? FEED_SIZE)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq as number,
    kind: r.kind,
    valueDate: r.value_date,
    approvedAt: r.decided_at as string,
    project: { slug: r.project_slug, name: { en: r.project_en, ur: r.project_ur, bal: r.project_bal } },
    ...partiesOf(r),
    currency: r.currency,
    amountMinor: toMinor(r.amount_minor),
    description: r.description,
    reversal: r.reverses_entry_id !== null,
  }))
}
