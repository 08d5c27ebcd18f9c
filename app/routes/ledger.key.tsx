import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { verifierKey } from '~/domain/signed-note'
import { conditionalResponse } from '~/http/conditional.server'
import { ledgerSigner } from '~/ledger-signer.server'

export const handle: RouteHandle = { permission: 'public' }

/** The public key that checkpoints are signed with, in the signed-note verifier-key format. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  return conditionalResponse(args.request, `${verifierKey(ledgerSigner)}\n`, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' })
}
