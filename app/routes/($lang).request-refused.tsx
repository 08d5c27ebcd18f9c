import type { RouteHandle } from '~/auth/permissions'

export const handle: RouteHandle = { permission: 'public' }

/**
 * Where server.mjs sends a state-changing request that did not come from our own pages
 * (cross-site request forgery): always a 403, rendered by the root error page in the reader's language.
 */
export function loader(): never {
  throw new Response('Forbidden', { status: 403 })
}

export default function RequestRefused() {
  return null
}
