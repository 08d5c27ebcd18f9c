import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { conditionalResponse } from '~/http/conditional.server'
import { notFound } from '~/i18n/params'
import { checkpointAt } from '~/models/ledger-tree.server'

export const handle: RouteHandle = { permission: 'public' }

/** Any checkpoint ever published, by tree size. It never changes, so it may be cached for good. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  if (!/^(0|[1-9][0-9]{0,14})$/.test(args.params.size ?? '')) notFound()
  const checkpoint = await checkpointAt(db, Number(args.params.size))
  if (!checkpoint) notFound()
  return conditionalResponse(args.request, checkpoint.note, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' })
}
