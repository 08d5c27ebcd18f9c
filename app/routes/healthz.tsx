import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'

export const handle: RouteHandle = { permission: 'public' }

/**
 * For a load balancer or a process supervisor: the process is up and answering. It asks nothing
 * of the database, so a database outage does not get healthy app servers restarted (see /readyz).
 */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  return new Response('ok\n', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
}
