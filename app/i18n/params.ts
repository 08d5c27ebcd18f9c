import { redirect } from '@remix-run/node'
import { DEFAULT_LANG, isLang, localePath, type Lang } from './locales'

/**
 * The language named by the optional `($lang)` segment. No segment is English; `/en/...` redirects
 * to the unprefixed address so each page has one URL; anything else is a 404 in English.
 */
export function langFromParams(params: { lang?: string }, request: Request): Lang {
  if (params.lang === undefined) return DEFAULT_LANG
  if (params.lang === DEFAULT_LANG) {
    const url = new URL(request.url)
    throw redirect(localePath(DEFAULT_LANG, url.pathname.slice(3) || '/') + url.search, 301)
  }
  if (isLang(params.lang)) return params.lang
  throw new Response('Not found', { status: 404 })
}

export function notFound(): never {
  throw new Response('Not found', { status: 404 })
}
