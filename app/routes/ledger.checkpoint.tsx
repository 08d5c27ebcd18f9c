import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { conditionalResponse } from '~/http/conditional.server'
import { latestCheckpoint } from '~/models/ledger-tree.server'

export const handle: RouteHandle = { permission: 'public' }

/** The latest signed tree head, as a C2SP signed note (docs/ledger-format.md). */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const checkpoint = await latestCheckpoint(db)
  if (!checkpoint) throw new Response('No checkpoint has been published yet\n', { status: 404 })
  return conditionalResponse(args.request, checkpoint.note, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-cache',
    Link: `</ledger/checkpoints/${checkpoint.size}>; rel="canonical"`,
  })
}
