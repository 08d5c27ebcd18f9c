import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { currentConsistency, englishColumnDescriptions } from '~/exports/open-data.server'
import { LICENCE } from '~/exports/ledger-formats'
import { dataPackageZip } from '~/exports/open-tables'
import { notFound } from '~/i18n/params'
import { OPEN_TABLES } from '~/models/open-data.server'

export const handle: RouteHandle = { permission: 'public' }

/** The whole open data set as a zipped Frictionless Tabular Data Package, streamed. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const at = await currentConsistency()
  if (!at) notFound()
  const body = dataPackageZip(db, OPEN_TABLES, at, await englishColumnDescriptions())
  return new Response(body, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="hisaab-open-data-${at.checkpoint.size}.zip"`,
      'Cache-Control': 'no-cache',
      Link: [`<${LICENCE.path}>; rel="license"`, `<${at.checkpoint.url}>; rel="describedby"`].join(', '),
    },
  })
}
