import type { Database } from '../../db/client'
import type { LedgerFilters } from './ledger-filters'
import { matching } from './ledger-list.server'

/** A published entry as exported: its canonical bytes, exactly as its leaf hashed them, and the leaf hash. */
export interface ExportedEntry {
  entryJson: string
  leafHash: Uint8Array
}

/**
 * Rows per read. Exports that reach the reader are made in a worker thread, where a batch holds up
 * nothing else; those made on the main thread (the prebuilt file, read in seq order) are quick per batch.
 */
export const EXPORT_BATCH = 2000

/** Lets other requests run between batches: better-sqlite3 blocks while a query runs. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Every published entry the filters match, up to seq `upToSeq` (a checkpoint's size), in the order
 * the ledger page lists them, a batch at a time by keyset — memory stays flat however many match,
 * and the event loop is free between batches.
 */
export async function* filteredEntries(db: Database, filters: LedgerFilters, upToSeq: number, batchSize = EXPORT_BATCH): AsyncGenerator<ExportedEntry[]> {
  const order = filters.order ?? 'desc'
  let after: { valueDate: string; id: number } | null = null
  for (;;) {
    let q = matching(db, filters)
    const trust = filters.trustId
    if (trust !== undefined) q = q.where((eb) => eb.or([eb('e.from_party_id', '=', trust), eb('e.to_party_id', '=', trust)]))
    if (after) {
      const { valueDate, id } = after
      q = q.where((eb) => eb(eb.refTuple('e.value_date', 'e.id'), order === 'desc' ? '<' : '>', eb.tuple(valueDate, id)))
    }
    const rows = await q
      .innerJoin('ledger_leaves as leaf', 'leaf.entry_id', 'e.id')
      .where('leaf.seq', '<=', upToSeq)
      .select(['e.id', 'e.value_date', 'leaf.entry_json', 'leaf.leaf_hash'])
      .orderBy('e.value_date', order)
      .orderBy('e.id', order)
      .limit(batchSize)
      .execute()
    if (rows.length === 0) return
    yield rows.map((r) => ({ entryJson: r.entry_json, leafHash: r.leaf_hash }))
    const last = rows[rows.length - 1]!
    after = { valueDate: last.value_date, id: last.id }
    if (rows.length < batchSize) return
    await yieldToEventLoop()
  }
}

/** Entries seq (from, to], in seq order — the whole ledger as its tree holds it — a batch at a time. */
export async function* entriesBySeq(db: Database, from: number, to: number, batchSize = EXPORT_BATCH): AsyncGenerator<ExportedEntry[]> {
  for (let at = from; at < to; at += batchSize) {
    const rows = await db
      .selectFrom('ledger_leaves')
      .select(['entry_json', 'leaf_hash'])
      .where('seq', '>', at)
      .where('seq', '<=', Math.min(at + batchSize, to))
      .orderBy('seq')
      .execute()
    yield rows.map((r) => ({ entryJson: r.entry_json, leafHash: r.leaf_hash }))
    await yieldToEventLoop()
  }
}
