import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { commonPasswords } from '../../scripts/make-common-passwords'
import { checkNewPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy'

const email = 'officer@example.pk'

describe('the new-password policy', () => {
  test('counts Unicode code points: 11 Urdu characters are too short, 12 are enough', () => {
    // Each letter of this Urdu phrase is one code point but two bytes in UTF-8 and one UTF-16 unit.
    const eleven = 'میراپاسورڈہے'.slice(0, 11)
    expect([...eleven]).toHaveLength(11)
    expect(checkNewPassword(eleven, { email })).toBe('too_short')
    expect(checkNewPassword(`${eleven}ے`, { email })).toBeNull()
  })

  test('counts astral characters once, though JavaScript sees two units', () => {
    const emoji = '🔑'.repeat(11)
    expect(emoji.length).toBe(22)
    expect(checkNewPassword(emoji, { email })).toBe('too_short')
    expect(checkNewPassword(emoji + '🔑', { email })).toBeNull()
  })

  test('counts after NFC: a letter and its combining mark are one character', () => {
    const decomposed = 'e\u0301'.repeat(12) // é written as e + combining acute
    expect(decomposed.length).toBe(24)
    expect(checkNewPassword(decomposed.slice(0, 22), { email })).toBe('too_short')
    expect(checkNewPassword(decomposed, { email })).toBeNull()
  })

  test('accepts 128 code points and refuses 129', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12)
    expect(PASSWORD_MAX_LENGTH).toBe(128)
    expect(checkNewPassword('ب'.repeat(128), { email })).toBeNull()
    expect(checkNewPassword('ب'.repeat(129), { email })).toBe('too_long')
  })

  test('refuses a common password in any case', () => {
    expect(checkNewPassword('qwerty123456', { email })).toBe('too_common')
    expect(checkNewPassword('QwErTy123456', { email })).toBe('too_common')
    expect(checkNewPassword('qwerty1234567x', { email })).toBeNull()
  })

  test('refuses the email address and its local part, in any case', () => {
    expect(checkNewPassword('Officer@Example.pk', { email })).toBe('same_as_email')
    expect(checkNewPassword('naseer.ahmed.b', { email: 'Naseer.Ahmed.B@example.pk' })).toBe('same_as_email')
  })

  test('has no composition rules: spaces and one script only are fine', () => {
    expect(checkNewPassword('correct horse battery staple', { email })).toBeNull()
    expect(checkNewPassword('aaaaaaaaaaaa', { email })).toBeNull()
  })

  test('the shipped list is the first 10,000 of zxcvbn-ts common passwords, and the policy loads all of it', () => {
    const shipped = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    const source = commonPasswords()
    expect(source).toHaveLength(10_000)
    expect(shipped).toBe(`${source.join('\n')}\n`)
    // Every entry long enough to get past the length rule is refused, in capitals: the list was read whole.
    const long = source.filter((p) => [...p].length >= PASSWORD_MIN_LENGTH)
    expect(long.length).toBeGreaterThan(0)
    for (const p of long) expect(checkNewPassword(p.toUpperCase(), { email }), p).toBe('too_common')
  })
})
