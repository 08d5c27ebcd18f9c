import { describe, expect, test } from 'vitest'
import { ARGON2_OPTIONS, hashPassword, verifyPassword } from './passwords.server'
import { DUMMY_PASSWORD_HASH } from './sign-in.server'

// Each hash costs ~50 ms by design, so these tests share one.
describe('password hashing', () => {
  test('argon2id with 19 MiB, 2 passes, 1 lane; verifies the password and nothing else', async () => {
    expect(ARGON2_OPTIONS).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 })
    const password = 'ہمارا پاسورڈ ہے'
    const hash = await hashPassword(password)
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword(hash, password)).toBe(true)
    expect(await verifyPassword(hash, `${password} `)).toBe(false)
    // The same text composed differently (NFD from another keyboard) is the same password.
    expect(await verifyPassword(await hashPassword('café au lait!'), 'cafe\u0301 au lait!')).toBe(true)
  })

  test('a stored value that is not an argon2 hash verifies nothing', async () => {
    expect(await verifyPassword('', 'anything at all')).toBe(false)
    expect(await verifyPassword('plain-text-password', 'plain-text-password')).toBe(false)
  })

  test('the dummy hash for unknown emails costs what a real one does', () => {
    const { memoryCost, timeCost, parallelism } = ARGON2_OPTIONS
    expect(DUMMY_PASSWORD_HASH.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`)).toBe(true)
  })
})
