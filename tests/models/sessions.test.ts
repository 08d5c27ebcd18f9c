import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  listUserSessions,
  replaceWithVerifiedSession,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_IDLE_TIMEOUT_MS,
  validateSessionToken,
} from '../../app/auth/sessions.server'
import { generateToken, hashSecret, parseToken } from '../../app/auth/tokens.server'
import { setUserActive } from '../../app/models/users.server'
import { createTestDb } from '../fixtures/db'
import { insertUser } from '../fixtures/users'

const T0 = new Date('2026-03-01T08:00:00.000Z')
const after = (ms: number) => new Date(T0.getTime() + ms)
const MIN = 60_000
const meta = { ip: '203.0.113.7', userAgent: 'Firefox', twoFactorVerified: false }

let t: Awaited<ReturnType<typeof createTestDb>>
let userId: number
beforeEach(async () => {
  t = await createTestDb()
  userId = await insertUser(t.db, { email: 'officer@example.pk' })
})
afterEach(async () => t.close())

const sessionRows = () => t.db.selectFrom('sessions').selectAll().execute()

describe('sessions', () => {
  test('the database keeps the SHA-256 of the secret, never the secret or the token', async () => {
    const { token, session } = await createSession(t.db, userId, meta, T0)
    const { id, secret } = parseToken(token)!
    const rows = await sessionRows()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id, secret_hash: hashSecret(secret), user_id: userId, ip: '203.0.113.7', user_agent: 'Firefox', two_factor_verified: 0 })
    expect(JSON.stringify(rows)).not.toContain(secret)
    expect(session).toMatchObject({ id, userId, createdAt: T0.toISOString(), twoFactorVerified: false })
  })

  test('a valid token gives the session and the user, with exactly the scope rows of user_scopes', async () => {
    const party = async (slug: string, kind: 'trust' | 'company') =>
      (await t.db.insertInto('parties').values({ slug, kind, name_en: slug, name_ur: slug, name_bal: slug, created_at: '2026-01-01' }).returning('id').executeTakeFirstOrThrow()).id
    const trust = await party('t', 'trust')
    const company = await party('c', 'company')
    const project = (await t.db.insertInto('projects').values({ slug: 'p', name_en: 'p', name_ur: 'p', name_bal: 'p', operator_party_id: company, province: 'balochistan', district: 'Chagai', status: 'production', licence_ref: 'L', created_at: '2026-01-01' }).returning('id').executeTakeFirstOrThrow()).id
    const unlinked = (await t.db.insertInto('projects').values({ slug: 'q', name_en: 'q', name_ur: 'q', name_bal: 'q', operator_party_id: company, province: 'balochistan', district: 'Chagai', status: 'production', licence_ref: 'M', created_at: '2026-01-01' }).returning('id').executeTakeFirstOrThrow()).id
    await t.db.insertInto('trust_projects').values({ trust_party_id: trust, project_id: unlinked }).execute()
    await t.db.insertInto('user_scopes').values([{ user_id: userId, trust_party_id: trust, project_id: null }, { user_id: userId, trust_party_id: null, project_id: project }]).execute()

    const { token } = await createSession(t.db, userId, meta, T0)
    const result = await validateSessionToken(t.db, token, after(MIN))
    expect(result?.session.userId).toBe(userId)
    expect(result?.user).toMatchObject({ id: userId, email: 'officer@example.pk', role: 'officer', preferredLang: 'en', isActive: true, totpEnabled: false })
    // The trust's linked project is not added: widening is the permission layer's job.
    expect(result?.user.scope).toEqual({ trustIds: [trust], projectIds: [project] })
  })

  test('a wrong secret, an unknown id or a malformed token is refused', async () => {
    const { token } = await createSession(t.db, userId, meta, T0)
    const { id, secret } = parseToken(token)!
    const other = parseToken((await createSession(t.db, userId, meta, T0)).token)!
    expect(await validateSessionToken(t.db, `${id}.${other.secret}`, T0)).toBeNull()
    expect(await validateSessionToken(t.db, `${generateToken().id}.${secret}`, T0)).toBeNull()
    expect(await validateSessionToken(t.db, id, T0)).toBeNull()
    expect(await validateSessionToken(t.db, '', T0)).toBeNull()
    // A wrong guess does not end the real session.
    expect(await validateSessionToken(t.db, token, T0)).not.toBeNull()
  })

  test('ends after 30 minutes without a request, and the row goes', async () => {
    expect(SESSION_IDLE_TIMEOUT_MS).toBe(30 * MIN)
    const a = await createSession(t.db, userId, meta, T0)
    const b = await createSession(t.db, userId, meta, T0)
    expect(await validateSessionToken(t.db, a.token, after(30 * MIN - 1))).not.toBeNull()
    expect(await validateSessionToken(t.db, b.token, after(30 * MIN))).toBeNull()
    expect((await sessionRows()).map((r) => r.id)).toEqual([a.session.id])
  })

  test('ends 12 hours after sign-in however active it is', async () => {
    expect(SESSION_ABSOLUTE_LIFETIME_MS).toBe(12 * 60 * MIN)
    const { token } = await createSession(t.db, userId, meta, T0)
    for (let m = 20; m < 12 * 60; m += 20) {
      expect(await validateSessionToken(t.db, token, after(m * MIN)), `${m} min`).not.toBeNull()
    }
    expect(await validateSessionToken(t.db, token, after(12 * 60 * MIN - 1))).not.toBeNull()
    expect(await validateSessionToken(t.db, token, after(12 * 60 * MIN))).toBeNull()
    expect(await sessionRows()).toEqual([])
  })

  test('last_seen_at is written only when more than a minute old', async () => {
    const { token } = await createSession(t.db, userId, meta, T0)
    await validateSessionToken(t.db, token, after(60_000))
    expect((await sessionRows())[0]?.last_seen_at).toBe(T0.toISOString())
    const result = await validateSessionToken(t.db, token, after(60_001))
    expect((await sessionRows())[0]?.last_seen_at).toBe(after(60_001).toISOString())
    expect(result?.session.lastSeenAt).toBe(after(60_001).toISOString())
    expect(result?.session.expiresAt).toBe(after(60_001 + 30 * MIN).toISOString())
  })

  test("deactivating a user ends their sessions, and an inactive user's session is refused anyway", async () => {
    const { token } = await createSession(t.db, userId, meta, T0)
    await setUserActive(t.db, userId, userId, false, T0)
    expect(await sessionRows()).toEqual([])
    expect(await validateSessionToken(t.db, token, T0)).toBeNull()

    await setUserActive(t.db, userId, userId, true, T0)
    const again = await createSession(t.db, userId, meta, T0)
    await t.db.updateTable('users').set({ is_active: 0 }).where('id', '=', userId).execute()
    expect(await validateSessionToken(t.db, again.token, T0)).toBeNull()
  })

  test('proving the second factor replaces the session: new id and secret, the old token dead, the sign-in time kept', async () => {
    const a = await createSession(t.db, userId, meta, T0)
    const b = await createSession(t.db, userId, meta, T0)
    const verified = await replaceWithVerifiedSession(t.db, a.session.id, { ip: '198.51.100.9', userAgent: 'Firefox 2' }, after(2 * MIN))
    expect(verified).not.toBeNull()
    expect(verified!.session.id).not.toBe(a.session.id)
    expect(parseToken(verified!.token)!.secret).not.toBe(parseToken(a.token)!.secret)
    expect(await validateSessionToken(t.db, a.token, after(2 * MIN))).toBeNull()
    expect((await validateSessionToken(t.db, verified!.token, after(2 * MIN)))?.session).toMatchObject({ userId, twoFactorVerified: true, createdAt: T0.toISOString(), ip: '198.51.100.9', userAgent: 'Firefox 2' })
    // Per session: the other one still owes its code.
    expect((await validateSessionToken(t.db, b.token, after(2 * MIN)))?.session.twoFactorVerified).toBe(false)
    expect((await sessionRows()).map((r) => r.id).sort()).toEqual([b.session.id, verified!.session.id].sort())
    // The 12 hours still count from the password.
    expect(verified!.session.expiresAt).toBe(after(32 * MIN).toISOString())
    for (let m = 20; m < 12 * 60; m += 20) await validateSessionToken(t.db, verified!.token, after(m * MIN))
    expect(await validateSessionToken(t.db, verified!.token, after(12 * 60 * MIN))).toBeNull()
  })

  test('an ended or expired session cannot be replaced', async () => {
    const a = await createSession(t.db, userId, meta, T0)
    expect(await replaceWithVerifiedSession(t.db, a.session.id, meta, after(30 * MIN))).toBeNull()
    await invalidateSession(t.db, a.session.id)
    expect(await replaceWithVerifiedSession(t.db, a.session.id, meta, T0)).toBeNull()
    expect(await sessionRows()).toEqual([])
  })

  test('ending one session, or all but one, or all', async () => {
    const other = await insertUser(t.db, { email: 'other@example.pk' })
    const [a, b, c] = [await createSession(t.db, userId, meta, T0), await createSession(t.db, userId, meta, T0), await createSession(t.db, userId, meta, T0)]
    const theirs = await createSession(t.db, other, meta, T0)
    await invalidateSession(t.db, a.session.id)
    expect(await validateSessionToken(t.db, a.token, T0)).toBeNull()
    expect(await invalidateUserSessions(t.db, userId, { except: b.session.id })).toBe(1)
    expect(await validateSessionToken(t.db, b.token, T0)).not.toBeNull()
    expect(await validateSessionToken(t.db, c.token, T0)).toBeNull()
    expect(await invalidateUserSessions(t.db, userId)).toBe(1)
    expect(await validateSessionToken(t.db, b.token, T0)).toBeNull()
    expect(await validateSessionToken(t.db, theirs.token, T0)).not.toBeNull()
  })

  test("listing shows a user's live sessions with when each expires, and no secrets", async () => {
    const old = await createSession(t.db, userId, { ...meta, userAgent: 'old' }, T0)
    const recent = await createSession(t.db, userId, { ...meta, userAgent: 'recent' }, after(20 * MIN))
    await createSession(t.db, await insertUser(t.db, { email: 'other@example.pk' }), meta, T0)
    const list = await listUserSessions(t.db, userId, after(35 * MIN))
    expect(list).toEqual([
      { id: recent.session.id, createdAt: after(20 * MIN).toISOString(), lastSeenAt: after(20 * MIN).toISOString(), ip: '203.0.113.7', userAgent: 'recent', expiresAt: after(50 * MIN).toISOString() },
    ])
    expect(JSON.stringify(list)).not.toContain(parseToken(recent.token)!.secret)
    expect((await listUserSessions(t.db, userId, after(29 * MIN))).map((s) => s.id)).toEqual([recent.session.id, old.session.id])
  })
})
