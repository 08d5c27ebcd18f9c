import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'

export const handle: RouteHandle = { permission: 'public' }

// Read from the repository at request time, so what is served is exactly the file in the source.
const VERIFIER = join(process.cwd(), 'verifier', 'hisaab-verify.mjs')

/** The standalone offline verifier, to download and run with nothing but Node.js. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  return new Response(await readFile(VERIFIER), {
    headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Content-Disposition': 'attachment; filename="hisaab-verify.mjs"', 'Cache-Control': 'public, max-age=3600' },
  })
}
