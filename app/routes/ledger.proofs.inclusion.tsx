import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { badRequest, conditionalResponse, proofCacheControl, wholeNumberParam } from '~/http/conditional.server'
import { checkpointAt, inclusionAt, latestCheckpoint, TreeSizeError } from '~/models/ledger-tree.server'

export const handle: RouteHandle = { permission: 'public' }

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/**
 * `?seq=N[&size=M]`: the RFC 9162 audit path of entry N in the tree of the first M entries (by
 * default the latest checkpoint's size), with the leaf hash it starts from. `checkpoint` is the
 * address of the signed checkpoint for M, or null when no checkpoint was ever signed at that size.
 */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const search = new URL(args.request.url).searchParams
  const seq = wholeNumberParam(search, 'seq') ?? badRequest('seq is required')
  const askedSize = wholeNumberParam(search, 'size')
  const size = askedSize ?? (await latestCheckpoint(db))?.size ?? 0
  try {
    const { leafHash, proof } = await inclusionAt(db, seq, size)
    const signed = (await checkpointAt(db, size)) !== undefined
    const body = { seq, leaf_index: seq - 1, tree_size: size, leaf_hash: base64(leafHash), proof: proof.map(base64), checkpoint: signed ? `/ledger/checkpoints/${size}` : null }
    return conditionalResponse(args.request, `${JSON.stringify(body, null, 2)}\n`, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': proofCacheControl({ sizesGiven: askedSize !== undefined, signed }),
    })
  } catch (error) {
    if (error instanceof TreeSizeError) badRequest(error.message)
    throw error
  }
}
