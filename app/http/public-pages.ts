/**
 * The public pages that may be cached, and the query parameters each one reads: anything else in
 * the query string cannot change the page, so it is dropped from the cache key and from the URL
 * the page is rendered for (the language switcher repeats the query string, so a page rendered
 * for `?utm=x` would otherwise differ). Only the first value of a parameter is read, as the pages
 * read it. Deny by default: a path not listed here is never cached.
 */
const LEDGER_PARAMS = ['project', 'trust', 'kind', 'gfs', 'purpose', 'fy', 'from', 'to', 'q', 'order', 'after', 'limit']

const PAGES: Array<{ pattern: RegExp; params: readonly string[] }> = [
  { pattern: /^\/$/, params: [] },
  { pattern: /^\/projects$/, params: ['province', 'mineral', 'status'] },
  { pattern: /^\/projects\/[a-z0-9-]{1,100}$/, params: [] },
  { pattern: /^\/trusts$/, params: [] },
  { pattern: /^\/trusts\/[a-z0-9-]{1,100}$/, params: [] },
  { pattern: /^\/ledger$/, params: LEDGER_PARAMS },
  { pattern: /^\/ledger\/[1-9][0-9]{0,14}$/, params: [] },
  { pattern: /^\/employment$/, params: ['province'] },
  { pattern: /^\/data$/, params: [] },
]

const LANG_PREFIX = /^\/(ur|bal)(?=\/|$)/

/**
 * The normalised address of a cacheable public page — language prefix, path, and its own
 * parameters sorted — or null when the address is not one. `search` is the raw query string.
 */
export function publicPageAddress(pathname: string, search: string): string | null {
  const lang = LANG_PREFIX.exec(pathname)?.[0] ?? ''
  const rest = pathname.slice(lang.length) || '/'
  const page = PAGES.find((p) => p.pattern.test(rest))
  if (!page) return null
  const given = new URLSearchParams(search)
  const kept = new URLSearchParams()
  for (const name of [...page.params].sort()) {
    const value = given.get(name)
    if (value !== null && value !== '') kept.set(name, value)
  }
  const query = kept.toString()
  const path = lang === '' ? rest : rest === '/' ? lang : `${lang}${rest}`
  return query === '' ? path : `${path}?${query}`
}
