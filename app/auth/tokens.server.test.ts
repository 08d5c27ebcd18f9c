import { describe, expect, test } from 'vitest'
import { generateToken, hashSecret, parseToken, secretMatches } from './tokens.server'

describe('tokens', () => {
  test('are two parts of 20 random bytes each, in lowercase base32 without padding', () => {
    const { id, secret, token } = generateToken()
    expect(id).toMatch(/^[a-z2-7]{32}$/)
    expect(secret).toMatch(/^[a-z2-7]{32}$/)
    expect(token).toBe(`${id}.${secret}`)
    expect(parseToken(token)).toEqual({ id, secret })
  })

  test('do not repeat, and every character position varies', () => {
    const tokens = Array.from({ length: 200 }, () => generateToken())
    expect(new Set(tokens.map((t) => t.id)).size).toBe(200)
    expect(new Set(tokens.map((t) => t.secret)).size).toBe(200)
    for (let i = 0; i < 32; i++) expect(new Set(tokens.map((t) => t.secret[i])).size).toBeGreaterThan(16)
  })

  test('hash secrets as hex SHA-256', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  test('match only the secret that was hashed', () => {
    const { secret } = generateToken()
    const stored = hashSecret(secret)
    expect(secretMatches(secret, stored)).toBe(true)
    expect(secretMatches(generateToken().secret, stored)).toBe(false)
    expect(secretMatches(secret, stored.slice(1))).toBe(false)
    expect(secretMatches(secret, '')).toBe(false)
  })

  test('parsing refuses anything but two base32 parts of the right length', () => {
    const { id, secret } = generateToken()
    for (const bad of ['', id, `${id}.`, `.${secret}`, `${id}.${secret}.${secret}`, `${id.toUpperCase()}.${secret}`, `${id}.${secret.slice(1)}`, `${id}.${secret}a`, `${id}.${secret.slice(0, 31)}=`, `${id}.${secret.slice(0, 31)}1`]) {
      expect(parseToken(bad), bad).toBeNull()
    }
  })
})
