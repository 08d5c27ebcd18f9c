import { SESSION_ABSOLUTE_LIFETIME_MS } from './sessions.server'

/**
 * The session cookie. Unsigned: the token carries its own secret, checked against the database.
 * Over HTTPS it takes the `__Host-` prefix, which browsers accept only with Secure, Path=/ and no
 * Domain, so no subdomain or plain-HTTP page can plant or overwrite it. Plain HTTP (local
 * development, the demo on localhost) cannot use the prefix and gets a plain name.
 *
 * Written by hand rather than with createCookie: tokens are base32 and a dot, which need no
 * encoding, and synchronous helpers fit straight into a `headers` object.
 */
const SECURE_NAME = '__Host-hisaab_session'
const PLAIN_NAME = 'hisaab_session'
/** Either name: a request that carries one is not an anonymous reader's (the public page cache asks). */
export const SESSION_COOKIE_NAMES: readonly string[] = [SECURE_NAME, PLAIN_NAME]
const MAX_AGE_SECONDS = SESSION_ABSOLUTE_LIFETIME_MS / 1000
const TOKEN_CHARS = /^[a-z2-7.]+$/

/** HTTPS as the browser saw it: the request URL, or the TLS-terminating proxy's X-Forwarded-Proto. */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === 'https:') return true
  return request.headers.get('X-Forwarded-Proto')?.split(',')[0]?.trim().toLowerCase() === 'https'
}

export function sessionCookieName(request: Request): string {
  return isHttps(request) ? SECURE_NAME : PLAIN_NAME
}

/** The token from the request's session cookie, or null; whether it is any good is validateSessionToken's to judge. */
export function readSessionToken(request: Request): string | null {
  const name = sessionCookieName(request)
  for (const pair of (request.headers.get('Cookie') ?? '').split(';')) {
    const at = pair.indexOf('=')
    if (at < 0 || pair.slice(0, at).trim() !== name) continue
    const value = pair.slice(at + 1).trim()
    return value !== '' && TOKEN_CHARS.test(value) ? value : null
  }
  return null
}

export function sessionCookieHeader(request: Request, token: string): string {
  if (!TOKEN_CHARS.test(token)) throw new TypeError('Not a session token')
  return serialize(request, token, MAX_AGE_SECONDS)
}

export function clearSessionCookieHeader(request: Request): string {
  return serialize(request, '', 0)
}

function serialize(request: Request, value: string, maxAge: number): string {
  const attributes = [`${sessionCookieName(request)}=${value}`, `Max-Age=${maxAge}`, 'Path=/', 'HttpOnly', 'SameSite=Lax']
  if (isHttps(request)) attributes.push('Secure')
  return attributes.join('; ')
}
