import type { RouteHandle } from '~/auth/permissions'

export const handle: RouteHandle = { permission: 'public' }

/** Any address no other route knows: a 404 page in the language of the URL's prefix. */
export function loader(): never {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}
