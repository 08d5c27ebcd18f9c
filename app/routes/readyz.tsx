import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { ledgerSigner } from '~/ledger-signer.server'
import { readiness } from '~/models/readiness.server'

export const handle: RouteHandle = { permission: 'public' }

/**
 * For a load balancer: whether to send readers here. 200 when the database answers, its schema is
 * this release's, and the signing key loaded is the one that signed the ledger; otherwise 503,
 * saying which of the three is not so (and nothing else: no message, address or key).
 */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const state = await readiness(db, ledgerSigner)
  return new Response(`${JSON.stringify(state)}\n`, {
    status: state.ready ? 200 : 503,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...(state.ready ? {} : { 'Retry-After': '10' }) },
  })
}
