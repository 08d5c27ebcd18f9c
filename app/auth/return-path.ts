import { DEFAULT_LANG, localePath, splitLangPath, type Lang } from '../i18n/locales'

/** Longer than any address of ours, and short enough for any browser's Location. */
const MAX_RETURN_PATH_LENGTH = 2048
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/

/**
 * Where to send someone back to after sign-in: a path on this portal, percent-encoded, or
 * `fallback`. The value is resolved with the URL parser, as the browser will resolve the Location
 * header, against our own origin: anything that lands on another origin (`//host`, `/\host`,
 * `javascript:`, absolute URLs) or whose path would begin `//` (read as a host when written back,
 * e.g. `/.//host`) is refused, and so is anything with control characters, which browsers drop
 * silently (`/<tab>/host` is `//host` to them). What is kept comes back as the parser writes it:
 * non-ASCII percent-encoded, so it is always a valid header value — an Urdu path included.
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, ownUrl: string, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > MAX_RETURN_PATH_LENGTH || CONTROL_CHARACTERS.test(value)) return fallback
  const own = new URL(ownUrl)
  let url: URL
  try {
    url = new URL(value, own.origin)
  } catch {
    return fallback
  }
  const path = url.pathname + url.search + url.hash
  if (url.origin !== own.origin || path.startsWith('//') || path.length > MAX_RETURN_PATH_LENGTH) return fallback
  return path
}

/** The address after sign-in: `path` in the reader's language, unless it already names a language. */
export function afterSignInPath(lang: Lang, path: string): string {
  return splitLangPath(path).lang === DEFAULT_LANG ? localePath(lang, path) : path
}
