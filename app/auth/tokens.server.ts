import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'

/**
 * Tokens for sessions and password links, after the Lucia guide: `id.secret`, where the id finds
 * the row and only the SHA-256 of the secret is stored. A leaked database therefore yields no
 * usable token, and a plain hash is enough because the secret has 160 random bits (no guessing to
 * slow down, unlike a password).
 */
export interface Token {
  id: string
  secret: string
  /** What the user holds: `${id}.${secret}`. */
  token: string
}

const TOKEN_PART_BYTES = 20
/** 20 bytes are exactly 32 base32 characters, so every character carries 5 random bits. */
const TOKEN_PART = /^[a-z2-7]{32}$/

export function generateToken(): Token {
  const id = randomBase32(TOKEN_PART_BYTES)
  const secret = randomBase32(TOKEN_PART_BYTES)
  return { id, secret, token: `${id}.${secret}` }
}

export function parseToken(token: string): { id: string; secret: string } | null {
  const parts = token.split('.')
  if (parts.length !== 2) return null
  const [id, secret] = parts as [string, string]
  if (!TOKEN_PART.test(id) || !TOKEN_PART.test(secret)) return null
  return { id, secret }
}

/** Hex SHA-256 of a secret; also used for TOTP recovery codes. */
export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)))
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const encoder = new TextEncoder()
  return constantTimeEqual(encoder.encode(hashSecret(secret)), encoder.encode(storedHash))
}

export function randomBase32(bytes: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)))
}
