import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { conditionalResponse, wholeNumberParam } from '~/http/conditional.server'
import { listCheckpoints } from '~/models/ledger-tree.server'

export const handle: RouteHandle = { permission: 'public' }

const PAGE = 500

/** Every published checkpoint, newest first, as JSON; `?before=<size>` for the next page. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const before = wholeNumberParam(new URL(args.request.url).searchParams, 'before')
  const rows = await listCheckpoints(db, { before, limit: PAGE + 1 })
  const page = rows.slice(0, PAGE)
  const last = page[page.length - 1]
  const body = {
    checkpoints: page.map((c) => ({ size: c.size, signed_at: c.signedAt, url: `/ledger/checkpoints/${c.size}` })),
    next: rows.length > PAGE && last ? `/ledger/checkpoints?before=${last.size}` : null,
  }
  return conditionalResponse(args.request, `${JSON.stringify(body, null, 2)}\n`, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' })
}
