import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2'

/**
 * Argon2id with OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane): about 50 ms per hash
 * on this machine, slow for an attacker with a stolen table, bearable per sign-in.
 */
export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id: the package declares a const enum, which isolatedModules cannot read.
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const satisfies Options

// Not imported from password-policy.ts: that module loads the common-password list, which tsx
// scripts that only hash (the demo seed) should not need.
const normalize = (password: string) => password.normalize('NFC')

export async function hashPassword(password: string): Promise<string> {
  return hash(normalize(password), ARGON2_OPTIONS)
}

/** False for a wrong password and for a stored hash that is not an argon2 string at all. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalize(password))
  } catch {
    return false
  }
}
