import { describe, expect, test } from 'vitest'
import { clearSessionCookieHeader, readSessionToken, sessionCookieHeader } from './session-cookie.server'
import { generateToken } from './tokens.server'

const http = (headers: Record<string, string> = {}) => new Request('http://localhost:3000/en/work', { headers })
const https = (headers: Record<string, string> = {}) => new Request('https://hisaab.example.pk/en/work', { headers })

describe('the session cookie', () => {
  test('over HTTPS is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/, for 12 hours', () => {
    const { token } = generateToken()
    const header = sessionCookieHeader(https(), token)
    expect(header.split('; ')).toEqual(expect.arrayContaining([`__Host-hisaab_session=${token}`, 'Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=43200']))
    expect(header).not.toMatch(/Domain=/i)
  })

  test('behind a TLS proxy (X-Forwarded-Proto: https) is the secure cookie too', () => {
    const { token } = generateToken()
    expect(sessionCookieHeader(http({ 'X-Forwarded-Proto': 'https' }), token)).toMatch(/^__Host-hisaab_session=.*; Secure$/)
  })

  test('over plain HTTP has no prefix and no Secure, which browsers would refuse there', () => {
    const header = sessionCookieHeader(http(), generateToken().token)
    expect(header).toMatch(/^hisaab_session=/)
    expect(header).not.toMatch(/Secure/)
    expect(header).toMatch(/HttpOnly/)
  })

  test('is read back by name, from among other cookies', () => {
    const { token } = generateToken()
    expect(readSessionToken(https({ Cookie: `lang=ur; __Host-hisaab_session=${token}; theme=dark` }))).toBe(token)
    expect(readSessionToken(http({ Cookie: `hisaab_session=${token}` }))).toBe(token)
    // The plain cookie is not accepted over HTTPS, where only the prefixed one can be trusted.
    expect(readSessionToken(https({ Cookie: `hisaab_session=${token}` }))).toBeNull()
    expect(readSessionToken(http())).toBeNull()
    expect(readSessionToken(http({ Cookie: 'hisaab_session=<script>' }))).toBeNull()
  })

  test('is cleared with an empty value that expires at once', () => {
    expect(clearSessionCookieHeader(https())).toMatch(/^__Host-hisaab_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax; Secure$/)
    expect(clearSessionCookieHeader(http())).toMatch(/^hisaab_session=; Max-Age=0;/)
  })
})
