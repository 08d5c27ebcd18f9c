import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { attemptSignIn } from '../../app/auth/sign-in.server'
import { totpCode, verifySecondFactor } from '../../app/auth/totp.server'
import { createTestDb } from '../../tests/fixtures/db'
import { DEMO_PASSWORD, DEMO_TOTP_SECRETS } from '.'
import { buildWorld } from './world'

let t: Awaited<ReturnType<typeof createTestDb>>
beforeEach(async () => {
  t = await createTestDb()
  await buildWorld(t.db)
})
afterEach(async () => t.close())

const signIn = (email: string) => attemptSignIn(t.db, { email, password: DEMO_PASSWORD, ip: '127.0.0.1', userAgent: null })

describe('demo users', () => {
  test('the admin and the auditor sign in with the published password and a code from the published secret', async () => {
    for (const role of ['admin', 'auditor'] as const) {
      const result = await signIn(`${role}@demo.hisaab.pk`)
      if (result.status !== 'signed-in') throw new Error(`${role}: ${result.status}`)
      expect(result.next).toBe('totp')
      expect(await verifySecondFactor(t.db, result.user.id, totpCode(DEMO_TOTP_SECRETS[role]))).toBe('ok')
    }
  })

  test('an officer signs in with the published password alone', async () => {
    expect(await signIn('officer.chagai.1@demo.hisaab.pk')).toMatchObject({ status: 'signed-in', next: 'done' })
  })
})
