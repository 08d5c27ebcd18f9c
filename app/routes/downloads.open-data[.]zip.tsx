import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { downloadResponse } from '~/exports/download.server'
import { currentConsistency, englishColumnDescriptions } from '~/exports/open-data-context.server'
import { byteStream, LICENCE } from '~/exports/ledger-formats'
import { dataPackageDescriptor } from '~/exports/open-tables'
import { notFound } from '~/i18n/params'
import { OPEN_TABLES } from '~/models/open-data.server'
import { exportFromWorker } from '~/exports/export-workers.server'
import { env } from '~/env.server'

export const handle: RouteHandle = { permission: 'public' }

/** The whole open data set as a zipped Frictionless Tabular Data Package, streamed. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const at = await currentConsistency()
  if (!at) notFound()
  const descriptor = `${JSON.stringify(dataPackageDescriptor(OPEN_TABLES, at, await englishColumnDescriptions()), null, 2)}\n`
  // Made and compressed in the export worker: a million-row zip would otherwise occupy this thread.
  const zip = exportFromWorker({ kind: 'data-package', databaseUrl: env.DATABASE_URL, gzip: false, descriptor, at })
  return downloadResponse(
    args.request,
    args.context,
    byteStream(zip),
    {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="hisaab-open-data-${at.checkpoint.size}.zip"`,
      'Cache-Control': 'no-cache',
      Link: [`<${LICENCE.path}>; rel="license"`, `<${at.checkpoint.url}>; rel="describedby"`].join(', '),
    },
    { compress: false },
  )
}
