/**
 * What each route needs, declared in one place per route (`export const handle: RouteHandle`).
 * A route that declares nothing is refused by the route-permission test; sign-in and roles build
 * on these names. 'public' pages are read by anyone, signed in or not.
 */
export const PERMISSIONS = ['public'] as const
export type Permission = (typeof PERMISSIONS)[number]

export interface RouteHandle {
  permission: Permission
  /** Ship JavaScript and hydrate this page; public pages leave it out and work without. */
  hydrate?: boolean
}
