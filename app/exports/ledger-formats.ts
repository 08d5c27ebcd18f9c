/**
 * The ledger's export formats, written a batch of entries at a time. Every format carries the
 * same fields (docs/ledger-format.md §6, and the data dictionary at /data): the entry's published
 * canonical fields, `format` included, and its leaf hash — in base64 as `leaf_hash` in JSON and
 * NDJSON, in hex as `leaf_hash_hex` in CSV, where base64 could be taken for a formula.
 */
import { csvHeader, csvRecord, CSV_BOM } from '../domain/csv'
import { exportLine, LEDGER_COLUMNS, publishedRow } from '../domain/published-entry'
import type { ExportedEntry } from '../models/ledger-export.server'

export const LICENCE = { name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' } as const

export type LedgerFormat = 'csv' | 'json' | 'ndjson'

export const CONTENT_TYPES: Record<LedgerFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
}

export interface ExportHeading {
  /** The checkpoint the export is consistent with: every entry in it is in that tree. */
  checkpoint: { size: number; url: string }
  /** The filters applied, as on the page; empty for everything. */
  filters: Record<string, string>
}

/** Turns batches of entries into the chosen format's text, start to end. */
export async function* ledgerText(format: LedgerFormat, heading: ExportHeading, batches: AsyncIterable<ExportedEntry[]>): AsyncGenerator<string> {
  if (format === 'csv') yield CSV_BOM + csvHeader(LEDGER_COLUMNS)
  if (format === 'json') {
    const head = { licence: LICENCE, checkpoint: heading.checkpoint, filters: heading.filters, format: 'hisaab-ledger-entry/1' }
    yield `${JSON.stringify(head).slice(0, -1)},"entries":[\n`
  }
  let first = true
  for await (const batch of batches) {
    if (batch.length === 0) continue
    if (format === 'ndjson') yield batch.map((e) => `${exportLine(e.entryJson, e.leafHash)}\n`).join('')
    else if (format === 'csv') yield batch.map((e) => csvRecord(LEDGER_COLUMNS, publishedRow(e.entryJson, e.leafHash))).join('')
    else {
      // Each entry as its canonical bytes with the leaf hash added: one entry per line.
      const lines = batch.map((e) => `${e.entryJson.slice(0, -1)},"leaf_hash":"${Buffer.from(e.leafHash).toString('base64')}"}`)
      yield `${first ? '' : ',\n'}${lines.join(',\n')}`
      first = false
    }
  }
  if (format === 'json') yield '\n]}\n'
}

/** A pull-driven byte stream: the next piece is made only when the reader has taken the last. */
export function byteStream(chunks: AsyncIterator<string | Uint8Array> | AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value)
    },
    async cancel() {
      await iterator.return?.(undefined)
    },
  })
}
