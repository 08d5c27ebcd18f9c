import { decodeBase32IgnorePadding } from '@oslojs/encoding'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { hashSecret } from '../../app/auth/tokens.server'
import { enableTotp, newTotpSecret, totpCode, totpQrSvg, totpStep, totpUri, verifySecondFactor } from '../../app/auth/totp.server'
import { createTestDb } from '../fixtures/db'
import { insertUser } from '../fixtures/users'

const T0 = new Date('2026-03-01T08:00:10.000Z')
const step = (n: number) => new Date(T0.getTime() + n * 30_000)

let t: Awaited<ReturnType<typeof createTestDb>>
let userId: number
beforeEach(async () => {
  t = await createTestDb()
  userId = await insertUser(t.db, { email: 'auditor@example.pk', role: 'auditor' })
})
afterEach(async () => t.close())

const user = () => t.db.selectFrom('users').select(['totp_secret', 'totp_enabled_at', 'totp_last_step']).where('id', '=', userId).executeTakeFirstOrThrow()

/** Enrols with the code of `at`, leaving totp_last_step at that step. */
async function enrol(at = T0) {
  const secret = newTotpSecret()
  const result = await enableTotp(t.db, userId, secret.base32, totpCode(secret.bytes, at), at)
  return { secret, recoveryCodes: result!.recoveryCodes }
}

describe('TOTP', () => {
  test('is RFC 6238 with SHA-1, 30-second steps and 6 digits (the RFC test vector at 59 s)', () => {
    const rfcKey = new TextEncoder().encode('12345678901234567890')
    expect(totpCode(rfcKey, new Date(59_000))).toBe('287082')
    expect(totpCode(rfcKey, new Date(1_111_111_109_000))).toBe('081804')
  })

  test('secrets are 20 random bytes; the URI and QR code carry them for an authenticator app', () => {
    const a = newTotpSecret()
    expect(a.bytes).toHaveLength(20)
    expect(decodeBase32IgnorePadding(a.base32)).toEqual(a.bytes)
    expect(newTotpSecret().base32).not.toBe(a.base32)
    const uri = totpUri(a.bytes, 'auditor@example.pk')
    expect(uri.startsWith('otpauth://totp/Hisaab:auditor%40example.pk?')).toBe(true)
    const params = new URL(uri).searchParams
    expect(Object.fromEntries(params)).toEqual({ issuer: 'Hisaab', secret: a.base32, algorithm: 'SHA1', period: '30', digits: '6' })
    expect(totpQrSvg(uri)).toMatch(/^<svg[^>]*>.*<\/svg>$/s)
  })

  test('enrolment refuses a wrong code and stores nothing', async () => {
    const secret = newTotpSecret()
    const wrong = totpCode(secret.bytes, step(5))
    expect(await enableTotp(t.db, userId, secret.base32, wrong, T0)).toBeNull()
    expect(await enableTotp(t.db, userId, 'not base32!', '123456', T0)).toBeNull()
    expect(await user()).toEqual({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
    expect(await t.db.selectFrom('recovery_codes').selectAll().execute()).toEqual([])
  })

  test('enrolment with the right code stores the secret and ten hashed recovery codes, shown once', async () => {
    const { secret, recoveryCodes } = await enrol()
    expect(await user()).toEqual({ totp_secret: secret.base32, totp_enabled_at: T0.toISOString(), totp_last_step: totpStep(T0) })
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{10}$/)
    const rows = await t.db.selectFrom('recovery_codes').select(['code_hash', 'used_at']).where('user_id', '=', userId).execute()
    expect(rows.map((r) => r.code_hash).sort()).toEqual(recoveryCodes.map(hashSecret).sort())
    expect(JSON.stringify(rows)).not.toContain(recoveryCodes[0])
    const events = await t.db.selectFrom('audit_events').select(['action', 'actor_user_id']).execute()
    expect(events).toEqual([{ action: 'auth.totp.enrolled', actor_user_id: userId }])
    await expect(enableTotp(t.db, userId, secret.base32, totpCode(secret.bytes, step(1)), step(1))).rejects.toThrow(/already enabled/)
  })

  test('a code is accepted once: the same code, or an earlier step, is a replay', async () => {
    const { secret } = await enrol()
    // The enrolment code itself cannot be used again.
    expect(await verifySecondFactor(t.db, userId, totpCode(secret.bytes, T0), T0)).toBe('replayed')
    const next = totpCode(secret.bytes, step(1))
    expect(await verifySecondFactor(t.db, userId, next, step(1))).toBe('ok')
    expect((await user()).totp_last_step).toBe(totpStep(step(1)))
    expect(await verifySecondFactor(t.db, userId, next, step(1))).toBe('replayed')
    expect(await verifySecondFactor(t.db, userId, totpCode(secret.bytes, T0), step(1))).toBe('replayed')
  })

  test('two requests racing with the same code: one is accepted, the other is a replay', async () => {
    const { secret } = await enrol()
    const code = totpCode(secret.bytes, step(1))
    const results = await Promise.all([verifySecondFactor(t.db, userId, code, step(1)), verifySecondFactor(t.db, userId, code, step(1))])
    expect(results.sort()).toEqual(['ok', 'replayed'])
  })

  test('accepts one step of clock drift either way, not two', async () => {
    const { secret } = await enrol(step(-10))
    const now = step(0)
    expect(await verifySecondFactor(t.db, userId, totpCode(secret.bytes, step(-2)), now)).toBe('invalid')
    expect(await verifySecondFactor(t.db, userId, totpCode(secret.bytes, step(-1)), now)).toBe('ok')
    expect(await verifySecondFactor(t.db, userId, totpCode(secret.bytes, step(2)), now)).toBe('invalid')
    expect(await verifySecondFactor(t.db, userId, totpCode(secret.bytes, step(1)), now)).toBe('ok')
    // A phone running ahead used step +1; the current step is now behind it, so it is a replay.
    expect(await verifySecondFactor(t.db, userId, totpCode(secret.bytes, step(0)), now)).toBe('replayed')
  })

  test('a wrong code is invalid, and so is any code for a user without TOTP', async () => {
    const { secret } = await enrol()
    const right = totpCode(secret.bytes, step(1))
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
    expect(await verifySecondFactor(t.db, userId, wrong, step(1))).toBe('invalid')
    expect(await verifySecondFactor(t.db, userId, '', step(1))).toBe('invalid')
    const other = await insertUser(t.db, { email: 'officer@example.pk' })
    expect(await verifySecondFactor(t.db, other, right, step(1))).toBe('invalid')
  })

  test('a recovery code works once, typed in any case and with separators', async () => {
    const { recoveryCodes } = await enrol()
    const code = recoveryCodes[3]!
    const typed = `${code.slice(0, 5).toUpperCase()}-${code.slice(5)}`
    expect(await verifySecondFactor(t.db, userId, typed, step(1))).toBe('ok')
    expect(await verifySecondFactor(t.db, userId, code, step(2))).toBe('invalid')
    expect(await verifySecondFactor(t.db, userId, recoveryCodes[4]!, step(2))).toBe('ok')
    const used = await t.db.selectFrom('recovery_codes').select('used_at').where('used_at', 'is not', null).execute()
    expect(used).toHaveLength(2)
  })

  test("wrong codes count against the account's sign-in throttle", async () => {
    const { secret } = await enrol()
    for (let i = 0; i < 10; i++) expect(await verifySecondFactor(t.db, userId, '000000', step(1), { ip: '192.0.2.1' })).toBe('invalid')
    expect(await verifySecondFactor(t.db, userId, totpCode(secret.bytes, step(1)), step(1), { ip: '192.0.2.1' })).toBe('throttled')
    const actions = (await t.db.selectFrom('audit_events').select('action').execute()).map((e) => e.action)
    expect(actions.filter((a) => a === 'auth.second_factor.failed')).toHaveLength(10)
    expect(actions).toContain('auth.lockout')
  })
})
