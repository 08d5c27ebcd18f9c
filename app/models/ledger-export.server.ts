import type { Database } from '../../db/client'
import type { LedgerFilters } from './ledger-filters'
import { matching } from './ledger-list.server'

/** A published entry as exported: its canonical bytes, exactly as its leaf hashed them, and the leaf hash. */
export interface ExportedEntry {
  entryJson: string
  leafHash: Uint8Array
}

/**
 * Rows per batch. A batch, with the text made from it, is what an export holds at once: 500 rows
 * of the longest descriptions (1,000 characters) come to a few megabytes, well within the export
 * worker's heap. On the main thread (the prebuilt file, read in seq order) a batch is a few ms.
 */
export const EXPORT_BATCH = 500

/** Lets other requests run between batches: better-sqlite3 blocks while a query runs. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Every published entry the filters match, up to seq `upToSeq` (a checkpoint's size), in the order
 * the ledger page lists them, a batch at a time — memory stays flat however many match.
 *
 * One statement walked once, not a keyset query per batch: a keyset seek on (value_date, id) uses
 * only value_date in SQLite's plan, so on a day holding many entries each batch would re-read the
 * day from its start. The walk holds `db` (and one read snapshot) until it ends, so it needs a
 * connection of its own: the export worker's. Writers are not held up (WAL).
 */
export async function* filteredEntries(db: Database, filters: LedgerFilters, upToSeq: number, batchSize = EXPORT_BATCH): AsyncGenerator<ExportedEntry[]> {
  const order = filters.order ?? 'desc'
  let q = await matching(db, filters)
  const trust = filters.trustId
  if (trust !== undefined) q = q.where((eb) => eb.or([eb('e.from_party_id', '=', trust), eb('e.to_party_id', '=', trust)]))
  const rows = q
    .innerJoin('ledger_leaves as leaf', 'leaf.entry_id', 'e.id')
    .where('leaf.seq', '<=', upToSeq)
    .select(['leaf.entry_json', 'leaf.leaf_hash'])
    .orderBy('e.value_date', order)
    .orderBy('e.id', order)
    .stream()
  let batch: ExportedEntry[] = []
  for await (const row of rows) {
    batch.push({ entryJson: row.entry_json, leafHash: row.leaf_hash })
    if (batch.length === batchSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
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
