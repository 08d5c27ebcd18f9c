import commonPasswordsText from './common-passwords.txt?raw'

/**
 * What a new password must be, after NIST SP 800-63B: long enough, not absurdly long, not one of
 * the passwords attackers try first, not the account's own email — and nothing else. Any
 * characters are allowed (Urdu and Balochi too) and there are no composition rules, which push
 * people towards predictable patterns rather than strength.
 */
export const PASSWORD_MIN_LENGTH = 12
/** Bounds the work of hashing; a passphrase never needs more. */
export const PASSWORD_MAX_LENGTH = 128

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'same_as_email'

// `?raw` is Vite's; vitest understands it, and tsx scripts load scripts/raw-text-hooks.mjs for it.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  commonPasswordsText
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.toLowerCase()),
)

/**
 * The same text a user types on another device may arrive composed differently (a letter plus a
 * combining mark, or one precomposed code point); NFC makes both the same password, so lengths
 * are counted and hashes computed on this form.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFC')
}

export function checkNewPassword(password: string, { email }: { email: string }): PasswordProblem | null {
  const normalized = normalizePassword(password)
  const codePoints = [...normalized].length
  if (codePoints < PASSWORD_MIN_LENGTH) return 'too_short'
  if (codePoints > PASSWORD_MAX_LENGTH) return 'too_long'
  const folded = normalized.toLowerCase()
  const address = email.trim().toLowerCase()
  if (folded === address || folded === address.split('@')[0]) return 'same_as_email'
  if (COMMON_PASSWORDS.has(folded)) return 'too_common'
  return null
}
