import type { RouteHandle } from '~/auth/permissions'

export const handle: RouteHandle = { permission: 'public' }

/**
 * Where server.mjs sends a request whose body declares more bytes than it accepts: always a 413,
 * rendered by the root error page in the reader's language.
 */
export function loader(): never {
  throw new Response('Content Too Large', { status: 413 })
}

export default function RequestTooLarge() {
  return null
}
