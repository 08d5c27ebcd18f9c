import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { changePassword, findValidPasswordToken, issuePasswordToken, PASSWORD_TOKEN_LIFETIME_MS, setPasswordWithToken } from '../../app/auth/password-tokens.server'
import { verifyPassword } from '../../app/auth/passwords.server'
import { createSession, validateSessionToken } from '../../app/auth/sessions.server'
import { hashSecret, parseToken } from '../../app/auth/tokens.server'
import { createTestDb } from '../fixtures/db'
import { insertUser } from '../fixtures/users'

const T0 = new Date('2026-03-01T08:00:00.000Z')
const after = (ms: number) => new Date(T0.getTime() + ms)
const NEW_PASSWORD = 'a new and longer passphrase'

let t: Awaited<ReturnType<typeof createTestDb>>
let userId: number
beforeEach(async () => {
  t = await createTestDb()
  userId = await insertUser(t.db, { email: 'officer@example.pk' })
})
afterEach(async () => t.close())

const userRow = () => t.db.selectFrom('users').select(['password_hash', 'password_changed_at']).where('id', '=', userId).executeTakeFirstOrThrow()
const session = () => createSession(t.db, userId, { ip: null, userAgent: null, twoFactorVerified: false }, T0)

describe('password tokens', () => {
  test('are id.secret tokens of which only the hash of the secret is stored, for 24 hours', async () => {
    expect(PASSWORD_TOKEN_LIFETIME_MS).toBe(24 * 60 * 60_000)
    const token = await issuePasswordToken(t.db, userId, 'invite', T0)
    const { id, secret } = parseToken(token)!
    const rows = await t.db.selectFrom('password_tokens').selectAll().execute()
    expect(rows).toEqual([{ id, secret_hash: hashSecret(secret), user_id: userId, purpose: 'invite', created_at: T0.toISOString(), expires_at: after(PASSWORD_TOKEN_LIFETIME_MS).toISOString(), used_at: null }])
    expect(await findValidPasswordToken(t.db, token, after(PASSWORD_TOKEN_LIFETIME_MS - 1))).toEqual({ tokenId: id, userId, purpose: 'invite' })
    expect(await findValidPasswordToken(t.db, token, after(PASSWORD_TOKEN_LIFETIME_MS))).toBeNull()
    expect(await setPasswordWithToken(t.db, token, NEW_PASSWORD, after(PASSWORD_TOKEN_LIFETIME_MS))).toBe('invalid-token')
  })

  test('a wrong secret or a malformed token is refused', async () => {
    const token = await issuePasswordToken(t.db, userId, 'reset', T0)
    const { id } = parseToken(token)!
    expect(await findValidPasswordToken(t.db, `${id}.${'a'.repeat(32)}`, T0)).toBeNull()
    expect(await findValidPasswordToken(t.db, id, T0)).toBeNull()
  })

  test('issuing a new one voids the earlier unused one', async () => {
    const first = await issuePasswordToken(t.db, userId, 'reset', T0)
    const second = await issuePasswordToken(t.db, userId, 'reset', after(1000))
    expect(await findValidPasswordToken(t.db, first, after(2000))).toBeNull()
    expect(await findValidPasswordToken(t.db, second, after(2000))).not.toBeNull()
  })

  test('setting a password uses the token up, records when, and ends every session', async () => {
    const a = await session()
    const b = await session()
    const token = await issuePasswordToken(t.db, userId, 'reset', T0)
    expect(await setPasswordWithToken(t.db, token, NEW_PASSWORD, after(1000), { ip: '192.0.2.5', userAgent: 'ua' })).toBe('ok')
    const row = await userRow()
    expect(await verifyPassword(row.password_hash!, NEW_PASSWORD)).toBe(true)
    expect(row.password_changed_at).toBe(after(1000).toISOString())
    expect((await t.db.selectFrom('password_tokens').select('used_at').executeTakeFirstOrThrow()).used_at).toBe(after(1000).toISOString())
    expect(await validateSessionToken(t.db, a.token, after(2000))).toBeNull()
    expect(await validateSessionToken(t.db, b.token, after(2000))).toBeNull()
    expect(await t.db.selectFrom('audit_events').select(['action', 'actor_user_id', 'ip', 'details']).execute()).toEqual([
      { action: 'auth.password.reset', actor_user_id: userId, ip: '192.0.2.5', details: JSON.stringify({ sessions_ended: 2 }) },
    ])

    // Single use.
    expect(await findValidPasswordToken(t.db, token, after(3000))).toBeNull()
    expect(await setPasswordWithToken(t.db, token, 'yet another passphrase', after(3000))).toBe('invalid-token')
    expect(await verifyPassword((await userRow()).password_hash!, NEW_PASSWORD)).toBe(true)
  })

  test('a password the policy refuses leaves the token unused', async () => {
    const token = await issuePasswordToken(t.db, userId, 'invite', T0)
    expect(await setPasswordWithToken(t.db, token, 'too short', T0)).toBe('too_short')
    expect(await setPasswordWithToken(t.db, token, 'Officer@example.pk', T0)).toBe('same_as_email')
    expect(await findValidPasswordToken(t.db, token, T0)).not.toBeNull()
    expect((await userRow()).password_hash).toBeNull()
  })

  test("a deactivated user's token does not work", async () => {
    const token = await issuePasswordToken(t.db, userId, 'reset', T0)
    await t.db.updateTable('users').set({ is_active: 0 }).where('id', '=', userId).execute()
    expect(await setPasswordWithToken(t.db, token, NEW_PASSWORD, T0)).toBe('invalid-token')
  })
})

describe('changing a password while signed in', () => {
  test('ends every other session and keeps the current one', async () => {
    const current = await session()
    const other = await session()
    expect(await changePassword(t.db, userId, 'short', T0, { keepSessionId: current.session.id })).toBe('too_short')
    expect(await validateSessionToken(t.db, other.token, T0)).not.toBeNull()
    expect(await changePassword(t.db, userId, NEW_PASSWORD, T0, { keepSessionId: current.session.id })).toBe('ok')
    expect(await validateSessionToken(t.db, current.token, T0)).not.toBeNull()
    expect(await validateSessionToken(t.db, other.token, T0)).toBeNull()
    expect(await verifyPassword((await userRow()).password_hash!, NEW_PASSWORD)).toBe(true)
    expect((await t.db.selectFrom('audit_events').select('action').execute()).map((e) => e.action)).toEqual(['auth.password.changed'])
  })
})
