import { SESSION_COOKIE_NAMES } from '../auth/session-cookie.server'
import { db } from '../db.server'
import { env } from '../env.server'
import { readDataVersion } from '../models/data-version.server'
import { PublicPageCache } from './page-cache.server'

/**
 * The app's cache of rendered public pages, made by server.mjs with a way to render a page as an
 * anonymous reader gets it (Remix's own request handler), or null when it is turned off.
 */
export function createPublicPageCache(render: (url: string) => Promise<Response>, buildId: string): PublicPageCache | null {
  if (env.HISAAB_PAGE_CACHE_MB === 0) return null
  return new PublicPageCache({
    maxBytes: env.HISAAB_PAGE_CACHE_MB * 1024 * 1024,
    dataVersion: () => readDataVersion(db),
    render,
    buildId,
    sessionCookieNames: SESSION_COOKIE_NAMES,
  })
}
