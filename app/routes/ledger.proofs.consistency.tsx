import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { badRequest, conditionalResponse, proofCacheControl, wholeNumberParam } from '~/http/conditional.server'
import { checkpointAt, consistencyProofBetween, latestCheckpoint, TreeSizeError } from '~/models/ledger-tree.server'

export const handle: RouteHandle = { permission: 'public' }

/**
 * `?from=M[&to=N]`: the RFC 9162 proof that the tree of the first M entries is a prefix of the
 * tree of the first N (by default the latest checkpoint's size). `checkpoints` holds the addresses
 * of the signed checkpoints for M and for N, each null when no checkpoint was ever signed at that size.
 */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const search = new URL(args.request.url).searchParams
  const from = wholeNumberParam(search, 'from') ?? badRequest('from is required')
  const askedTo = wholeNumberParam(search, 'to')
  const to = askedTo ?? (await latestCheckpoint(db))?.size ?? 0
  try {
    const proof = await consistencyProofBetween(db, from, to)
    const checkpoints = await Promise.all([from, to].map(async (size) => ((await checkpointAt(db, size)) ? `/ledger/checkpoints/${size}` : null)))
    const body = { from, to, proof: proof.map((h) => Buffer.from(h).toString('base64')), checkpoints }
    return conditionalResponse(args.request, `${JSON.stringify(body, null, 2)}\n`, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': proofCacheControl({ sizesGiven: askedTo !== undefined, signed: checkpoints.every((c) => c !== null) }),
    })
  } catch (error) {
    if (error instanceof TreeSizeError) badRequest(error.message)
    throw error
  }
}
