import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import * as passwords from '../../app/auth/passwords.server'
import { hashPassword } from '../../app/auth/passwords.server'
import { validateSessionToken } from '../../app/auth/sessions.server'
import { attemptSignIn, checkCurrentPassword, DUMMY_PASSWORD_HASH, pendingSignInStep, signOut, type SignInResult } from '../../app/auth/sign-in.server'
import { checkThrottle, recordLoginFailure } from '../../app/models/login-failures.server'
import { createTestDb } from '../fixtures/db'
import { insertUser } from '../fixtures/users'

const PASSWORD = 'a quiet river at dawn'
const T0 = new Date('2026-03-01T08:00:00.000Z')
const after = (ms: number) => new Date(T0.getTime() + ms)
const IP = '198.51.100.20'
const UA = 'Mozilla/5.0 (test)'

// argon2 is slow by design: one hash for every user here, and as few sign-ins as the tests allow.
let passwordHash: string
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD)
})

let t: Awaited<ReturnType<typeof createTestDb>>
beforeEach(async () => {
  t = await createTestDb()
})
afterEach(async () => t.close())

const signIn = (email: string, password: string, now = T0, ip = IP) => attemptSignIn(t.db, { email, password, ip, userAgent: UA }, now)
const audit = () => t.db.selectFrom('audit_events').select(['action', 'actor_user_id', 'ip', 'user_agent', 'details']).orderBy('id').execute()
const failures = () => t.db.selectFrom('login_failures').select(['email_key', 'ip']).orderBy('id').execute()
const signedIn = (r: SignInResult) => {
  if (r.status !== 'signed-in') throw new Error(`expected signed-in, got ${r.status}`)
  return r
}

describe('signing in', () => {
  test('an unknown email and a wrong password get the same answer, failure record and audit event', async () => {
    await insertUser(t.db, { email: 'known@example.pk', passwordHash })
    const wrongPassword = await signIn(' Known@Example.pk ', 'not the password')
    const unknownEmail = await signIn('Nobody@Example.pk', PASSWORD)
    expect(wrongPassword).toEqual({ status: 'invalid' })
    expect(unknownEmail).toEqual(wrongPassword)
    expect(await failures()).toEqual([
      { email_key: 'known@example.pk', ip: IP },
      { email_key: 'nobody@example.pk', ip: IP },
    ])
    expect(await audit()).toEqual([
      { action: 'auth.sign_in.failed', actor_user_id: null, ip: IP, user_agent: UA, details: JSON.stringify({ email_key: 'known@example.pk' }) },
      { action: 'auth.sign_in.failed', actor_user_id: null, ip: IP, user_agent: UA, details: JSON.stringify({ email_key: 'nobody@example.pk' }) },
    ])
  })

  test('an unknown email still costs an argon2 verification, against the dummy hash', async () => {
    // Checked by what runs, not by a timing: the same argon2 work as a wrong password.
    const verify = vi.spyOn(passwords, 'verifyPassword')
    try {
      await signIn('nobody@example.pk', PASSWORD)
      expect(verify).toHaveBeenCalledTimes(1)
      expect(verify).toHaveBeenCalledWith(DUMMY_PASSWORD_HASH, PASSWORD)
    } finally {
      verify.mockRestore()
    }
  })

  test('a deactivated user and a user without a password yet are refused like a wrong password', async () => {
    await insertUser(t.db, { email: 'gone@example.pk', passwordHash, isActive: false })
    await insertUser(t.db, { email: 'invited@example.pk' })
    expect(await signIn('gone@example.pk', PASSWORD)).toEqual({ status: 'invalid' })
    expect(await signIn('invited@example.pk', PASSWORD)).toEqual({ status: 'invalid' })
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toEqual([])
  })

  test('every sign-in makes a new session, audited with address and browser; earlier failures are forgotten', async () => {
    const id = await insertUser(t.db, { email: 'officer@example.pk', passwordHash })
    await signIn('officer@example.pk', 'wrong password!')
    const first = signedIn(await signIn('officer@example.pk', PASSWORD, after(1000)))
    const second = signedIn(await signIn('OFFICER@example.pk', PASSWORD, after(2000)))
    expect(first.session.id).not.toBe(second.session.id)
    expect(first.token).not.toBe(second.token)
    expect(first).toMatchObject({ next: 'done', user: { id, role: 'officer' }, session: { userId: id, ip: IP, userAgent: UA, twoFactorVerified: false } })
    expect((await validateSessionToken(t.db, first.token, after(3000)))?.user.id).toBe(id)
    expect((await validateSessionToken(t.db, second.token, after(3000)))?.user.id).toBe(id)
    expect(await failures()).toEqual([])
    const events = await audit()
    expect(events.filter((e) => e.action === 'auth.sign_in.succeeded')).toEqual([
      { action: 'auth.sign_in.succeeded', actor_user_id: id, ip: IP, user_agent: UA, details: null },
      { action: 'auth.sign_in.succeeded', actor_user_id: id, ip: IP, user_agent: UA, details: null },
    ])
  })

  test("signing in again in the same browser ends the session it had, and a failed attempt ends nothing", async () => {
    await insertUser(t.db, { email: 'auditor@example.pk', role: 'auditor', passwordHash, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
    const halfway = signedIn(await signIn('auditor@example.pk', PASSWORD))
    const attempt = (password: string, now: Date) => attemptSignIn(t.db, { email: 'auditor@example.pk', password, ip: IP, userAgent: UA, replacesSessionId: halfway.session.id }, now)
    expect((await attempt('wrong password!', after(1000))).status).toBe('invalid')
    expect(await validateSessionToken(t.db, halfway.token, after(1000))).not.toBeNull()
    const again = signedIn(await attempt(PASSWORD, after(2000)))
    expect(await validateSessionToken(t.db, halfway.token, after(3000))).toBeNull()
    expect((await t.db.selectFrom('sessions').select('id').execute()).map((r) => r.id)).toEqual([again.session.id])
  })

  test('what comes next: the code if TOTP is on, enrolment for admins and auditors without it, a new password if the policy now refuses it', async () => {
    await insertUser(t.db, { email: 'admin@example.pk', role: 'admin', passwordHash })
    await insertUser(t.db, { email: 'auditor@example.pk', role: 'auditor', passwordHash, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
    await insertUser(t.db, { email: 'weak@example.pk', passwordHash: await hashPassword('short') })
    const admin = signedIn(await signIn('admin@example.pk', PASSWORD))
    const auditor = signedIn(await signIn('auditor@example.pk', PASSWORD))
    expect(admin.next).toBe('enrol-totp')
    expect(auditor.next).toBe('totp')
    expect(auditor.session.twoFactorVerified).toBe(false)
    expect(signedIn(await signIn('weak@example.pk', 'short')).next).toBe('set-password')
    expect(pendingSignInStep(admin.session, admin.user)).toBe('enrol-totp')
    expect(pendingSignInStep(auditor.session, auditor.user)).toBe('totp')
    expect(pendingSignInStep({ twoFactorVerified: true }, auditor.user)).toBeNull()
  })

  test('signing out ends the session and is audited', async () => {
    const id = await insertUser(t.db, { email: 'officer@example.pk', passwordHash })
    const { token, session } = signedIn(await signIn('officer@example.pk', PASSWORD))
    await signOut(t.db, session.id, id, { ip: IP, userAgent: UA }, after(1000))
    expect(await validateSessionToken(t.db, token, after(2000))).toBeNull()
    expect((await audit()).at(-1)).toEqual({ action: 'auth.sign_out', actor_user_id: id, ip: IP, user_agent: UA, details: null })
  })
})

describe('throttling', () => {
  test('the tenth failure locks the account; the eleventh attempt is not even checked, and says when to retry', async () => {
    await insertUser(t.db, { email: 'target@example.pk', passwordHash })
    await insertUser(t.db, { email: 'bystander@example.pk', passwordHash })
    for (let i = 0; i < 10; i++) expect(await signIn('target@example.pk', `guess number ${i}`, after(i * 1000))).toEqual({ status: 'invalid' })
    const actions = (await audit()).map((e) => e.action)
    expect(actions.filter((a) => a === 'auth.sign_in.failed')).toHaveLength(10)
    expect(actions.at(-1)).toBe('auth.lockout')
    expect(actions.filter((a) => a === 'auth.lockout')).toHaveLength(1)

    // Even the right password: failures at 0…9 s, so at 10 s the oldest leaves the window in 15 min − 10 s.
    expect(await signIn('target@example.pk', PASSWORD, after(10_000))).toEqual({ status: 'throttled', retryAfterSeconds: 890 })
    expect(await failures()).toHaveLength(10)
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toEqual([])
    // The same address may still sign in to another account.
    expect((await signIn('bystander@example.pk', PASSWORD, after(11_000))).status).toBe('signed-in')
    // Once the oldest failure has left the window, the right password works again.
    expect(await signIn('target@example.pk', PASSWORD, after(15 * 60_000 - 1))).toMatchObject({ status: 'throttled', retryAfterSeconds: 1 })
    expect((await signIn('target@example.pk', PASSWORD, after(15 * 60_000))).status).toBe('signed-in')
  })

  test('wrong guesses at the current password, from a signed-in session, go through the sign-in throttle', async () => {
    const id = await insertUser(t.db, { email: 'officer@example.pk', passwordHash })
    const user = { id, email: 'officer@example.pk' }
    const check = (password: string, now: Date) => checkCurrentPassword(t.db, user, password, { ip: IP, userAgent: UA }, now)
    await signIn('officer@example.pk', 'a wrong guess at sign-in', T0)
    expect(await check(PASSWORD, after(500))).toEqual({ status: 'ok' })
    // The right password forgot the account's failures, as a sign-in does.
    expect(await failures()).toEqual([])
    for (let i = 0; i < 10; i++) expect(await check(`guess number ${i}`, after(1000 + i * 1000))).toEqual({ status: 'invalid' })
    const events = (await audit()).filter((e) => e.actor_user_id === id)
    expect(events.filter((e) => e.action === 'auth.password.check_failed')).toHaveLength(10)
    expect(events.at(-1)).toMatchObject({ action: 'auth.lockout', ip: IP, user_agent: UA })

    // The eleventh is not checked, even when right; and signing in waits as long.
    expect(await check(PASSWORD, after(11_000))).toEqual({ status: 'throttled', retryAfterSeconds: 890 })
    expect(await signIn('officer@example.pk', PASSWORD, after(11_000))).toEqual({ status: 'throttled', retryAfterSeconds: 890 })
    expect(await check(PASSWORD, after(15 * 60_000 + 1000))).toEqual({ status: 'ok' })
  })

  test('an account is throttled by its email as typed, even if no account has it', async () => {
    for (let i = 0; i < 10; i++) await recordLoginFailure(t.db, { email: 'Ghost@Example.pk', ip: `10.0.0.${i}` }, after(i))
    expect(await checkThrottle(t.db, { email: 'ghost@example.pk ', ip: '10.9.9.9' }, after(100))).toMatchObject({ allowed: false, scope: 'account' })
  })

  test('an address gets 100 failures an hour across all accounts', async () => {
    await insertUser(t.db, { email: 'officer@example.pk', passwordHash })
    for (let i = 0; i < 99; i++) await recordLoginFailure(t.db, { email: `spray${i}@example.pk`, ip: IP }, after(i * 1000))
    expect(await checkThrottle(t.db, { email: 'fresh@example.pk', ip: IP }, after(100_000))).toEqual({ allowed: true })
    expect((await recordLoginFailure(t.db, { email: 'spray99@example.pk', ip: IP }, after(99_000))).lockedNow).toBe(false)
    expect(await checkThrottle(t.db, { email: 'fresh@example.pk', ip: IP }, after(100_000))).toEqual({ allowed: false, scope: 'address', retryAfterSeconds: 3600 - 100 })
    expect(await signIn('officer@example.pk', PASSWORD, after(100_000))).toEqual({ status: 'throttled', retryAfterSeconds: 3500 })
    expect((await signIn('officer@example.pk', PASSWORD, after(100_000), '198.51.100.99')).status).toBe('signed-in')
  })
})
