import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { acceptsGzip, downloadResponse } from '~/exports/download.server'
import { currentConsistency } from '~/exports/open-data-context.server'
import { byteStream, CONTENT_TYPES, LICENCE } from '~/exports/ledger-formats'
import { exportFromWorker } from '~/exports/export-workers.server'
import { env } from '~/env.server'
import { notFound } from '~/i18n/params'
import { OPEN_TABLES } from '~/models/open-data.server'

export const handle: RouteHandle = { permission: 'public' }

/** /downloads/data/<table>.<csv|json>: one table of the open data set (see /data for the tables). */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const match = /^([a-z_]+)\.(csv|json)$/.exec(args.params.file ?? '')
  const table = OPEN_TABLES.find((t) => t.name === match?.[1])
  const at = await currentConsistency()
  if (!match || !table || !at) notFound()
  const format = match[2] as 'csv' | 'json'
  const gzip = acceptsGzip(args.request)
  const text = exportFromWorker({ kind: 'table', databaseUrl: env.DATABASE_URL, gzip, table: table.name, format, bom: true, at })
  return downloadResponse(args.request, args.context, byteStream(text), {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="hisaab-${table.name}-${at.checkpoint.size}.${format}"`,
      'Cache-Control': 'no-cache',
      Link: [`<${LICENCE.path}>; rel="license"`, `<${at.checkpoint.url}>; rel="describedby"`].join(', '),
  }, { compress: false, gzipped: gzip })
}
