import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { fullLedger } from '~/exports/full-ledger.server'
import { byteStream, CONTENT_TYPES, LICENCE, type LedgerFormat } from '~/exports/ledger-formats'
import { exportFromWorker } from '~/exports/export-workers.server'
import { env } from '~/env.server'
import { acceptsGzip, downloadResponse } from '~/exports/download.server'
import { conditionalOn } from '~/http/conditional.server'
import { notFound } from '~/i18n/params'
import { ledgerFiltersToQuery, parseLedgerFilters } from '~/models/ledger-filters'
import { checkpointAt, latestCheckpoint, type PublishedCheckpoint } from '~/models/ledger-tree.server'

export const handle: RouteHandle = { permission: 'public' }

/**
 *   /downloads/ledger/full.ndjson              the whole ledger in seq order, verifiable offline
 *                                              (npm run verify); a prebuilt file, with an ETag
 *   /downloads/ledger/entries.{csv,json,ndjson}?<the ledger page's filters>
 *                                              exactly what the filtered page lists, in its order
 * Both are streamed at the pace the reader takes them; the filtered ones are made in a worker
 * thread, so that a million rows do not hold up other requests.
 */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const file = args.params.file ?? ''
  const checkpoint = await latestCheckpoint(db)
  if (!checkpoint) notFound()
  if (file === 'full.ndjson') return fullExport(args, checkpoint)
  const match = /^entries\.(csv|json|ndjson)$/.exec(file)
  if (!match) notFound()
  const format = match[1] as LedgerFormat
  const search = new URL(args.request.url).searchParams
  const { filters } = parseLedgerFilters(search)
  // Entries approved after the checkpoint are left out, so the export is consistent with the
  // checkpoint it names: every entry in it is in that tree.
  const heading = { checkpoint: { size: checkpoint.size, url: `/ledger/checkpoints/${checkpoint.size}` }, filters: ledgerFiltersToQuery(filters) }
  const gzip = acceptsGzip(args.request)
  const text = exportFromWorker({ kind: 'ledger', databaseUrl: env.DATABASE_URL, gzip, format, filters, upToSeq: checkpoint.size, heading })
  const headers = exportHeaders(format, `hisaab-ledger-entries-${checkpoint.size}.${format}`, checkpoint, 'no-cache')
  return downloadResponse(args.request, args.context, byteStream(text), headers, { compress: false, gzipped: gzip })
}

async function fullExport({ request, context }: LoaderFunctionArgs, latest: PublishedCheckpoint): Promise<Response> {
  const file = await fullLedger.upTo(latest.size)
  // Another request may have grown the file to a newer checkpoint meanwhile: serve what it holds.
  const checkpoint = file.entries === latest.size ? latest : await checkpointAt(db, file.entries)
  if (!checkpoint) throw new Error(`no checkpoint for the ${file.entries} entries of the full export`)
  const etag = `"ledger-${checkpoint.size}-${Buffer.from(checkpoint.rootHash).toString('hex').slice(0, 16)}"`
  const headers = exportHeaders('ndjson', `hisaab-ledger-${checkpoint.size}.ndjson`, checkpoint, 'public, max-age=60')
  return conditionalOn(
    request,
    etag,
    () => {
      const body =
        file.bytes === 0
          ? new ReadableStream<Uint8Array>({ start: (c) => c.close() })
          : (Readable.toWeb(createReadStream(file.path, { start: 0, end: file.bytes - 1, highWaterMark: 256 * 1024 })) as ReadableStream<Uint8Array>)
      // Sent as it is: compressing hundreds of megabytes would take the main thread from everyone else.
      return downloadResponse(request, context, body, { ...headers, ETag: etag, 'Content-Length': String(file.bytes) }, { compress: false })
    },
    headers,
  )
}

function exportHeaders(format: LedgerFormat, filename: string, checkpoint: PublishedCheckpoint, cacheControl: string): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': cacheControl,
    // The licence and the checkpoint the export is consistent with, for readers of the headers;
    // the data dictionary (/data) says the same for readers of the file.
    Link: [`<${LICENCE.path}>; rel="license"`, `</ledger/checkpoints/${checkpoint.size}>; rel="describedby"`].join(', '),
    'X-Ledger-Checkpoint-Size': String(checkpoint.size),
  }
}
