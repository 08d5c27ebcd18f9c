import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createSession, validateSessionToken } from '../../app/auth/sessions.server'
import { createUser, findUserByEmail, findUserById, listUsers, setUserActive, updateUser } from '../../app/models/users.server'
import { createTestDb } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

const T0 = new Date('2026-03-01T08:00:00.000Z')

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
let adminId: number
beforeEach(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
  adminId = (await createUser(t.db, null, { email: 'admin@example.pk', name: 'Admin', role: 'admin' }, T0)).id
})
afterEach(async () => t.close())

const audit = () => t.db.selectFrom('audit_events').select(['action', 'actor_user_id', 'target_id', 'details']).orderBy('id').execute()

describe('users', () => {
  test('are created with the email in lower case, their scope, and an audit event', async () => {
    const user = await createUser(t.db, adminId, { email: ' Officer@Example.PK ', name: 'Saira', role: 'officer', preferredLang: 'ur', scope: { trustIds: [w.trust], projectIds: [w.project] } }, T0)
    expect(user).toMatchObject({ email: 'officer@example.pk', name: 'Saira', role: 'officer', preferredLang: 'ur', isActive: true, totpEnabled: false, hasPassword: false, scope: { trustIds: [w.trust], projectIds: [w.project] } })
    expect(await findUserByEmail(t.db, 'OFFICER@example.pk')).toEqual(user)
    expect((await audit()).at(-1)).toEqual({
      action: 'user.created',
      actor_user_id: adminId,
      target_id: String(user.id),
      details: JSON.stringify({ email: 'officer@example.pk', role: 'officer', scope: { trustIds: [w.trust], projectIds: [w.project] } }),
    })
  })

  test('an email can be used once', async () => {
    await expect(createUser(t.db, adminId, { email: 'ADMIN@example.pk', name: 'Again', role: 'officer' }, T0)).rejects.toMatchObject({ code: 'email_taken' })
  })

  test('only officers have a scope, and it must name real trusts and projects; a refused user leaves no trace', async () => {
    await expect(createUser(t.db, adminId, { email: 'aud@example.pk', name: 'A', role: 'auditor', scope: { trustIds: [w.trust], projectIds: [] } }, T0)).rejects.toMatchObject({ code: 'scope_not_allowed' })
    await expect(createUser(t.db, adminId, { email: 'o1@example.pk', name: 'O', role: 'officer', scope: { trustIds: [w.company], projectIds: [] } }, T0)).rejects.toMatchObject({ code: 'unknown_trust' })
    await expect(createUser(t.db, adminId, { email: 'o2@example.pk', name: 'O', role: 'officer', scope: { trustIds: [], projectIds: [9999] } }, T0)).rejects.toMatchObject({ code: 'unknown_project' })
    expect((await listUsers(t.db)).map((u) => u.email)).toEqual(['a@example.test', 'admin@example.pk', 'b@example.test'])
    expect((await audit()).map((e) => e.action)).toEqual(['user.created'])
  })

  test('changes are audited; role and scope changes say what they were before and after', async () => {
    const officer = await createUser(t.db, adminId, { email: 'o@example.pk', name: 'O', role: 'officer', scope: { trustIds: [w.trust], projectIds: [] } }, T0)
    await updateUser(t.db, adminId, officer.id, { scope: { trustIds: [w.trust], projectIds: [w.project] } }, T0)
    // Promoting an officer drops the scope, which only officers have.
    const promoted = await updateUser(t.db, adminId, officer.id, { role: 'auditor', name: 'O. Khan' }, T0)
    expect(promoted).toMatchObject({ role: 'auditor', name: 'O. Khan', scope: { trustIds: [], projectIds: [] } })
    expect(await t.db.selectFrom('user_scopes').selectAll().where('user_id', '=', officer.id).execute()).toEqual([])
    const events = (await audit()).slice(2).map((e) => ({ action: e.action, details: JSON.parse(e.details ?? 'null') }))
    expect(events).toEqual([
      { action: 'user.changed', details: { changed: ['scope'] } },
      { action: 'user.scopes_changed', details: { before: { trustIds: [w.trust], projectIds: [] }, after: { trustIds: [w.trust], projectIds: [w.project] } } },
      { action: 'user.changed', details: { changed: ['name', 'role', 'scope'] } },
      { action: 'user.role_changed', details: { before: 'officer', after: 'auditor' } },
      { action: 'user.scopes_changed', details: { before: { trustIds: [w.trust], projectIds: [w.project] }, after: { trustIds: [], projectIds: [] } } },
    ])
    await expect(updateUser(t.db, adminId, officer.id, { scope: { trustIds: [w.trust], projectIds: [] } }, T0)).rejects.toMatchObject({ code: 'scope_not_allowed' })
    // Nothing changed, nothing recorded.
    const before = (await audit()).length
    await updateUser(t.db, adminId, officer.id, { name: 'O. Khan' }, T0)
    expect(await audit()).toHaveLength(before)
  })

  test('deactivation ends every session at once; both directions are audited', async () => {
    const officer = await createUser(t.db, adminId, { email: 'o@example.pk', name: 'O', role: 'officer' }, T0)
    const { token } = await createSession(t.db, officer.id, { ip: null, userAgent: null, twoFactorVerified: false }, T0)
    await setUserActive(t.db, adminId, officer.id, false, T0)
    expect(await t.db.selectFrom('sessions').selectAll().where('user_id', '=', officer.id).execute()).toEqual([])
    expect(await validateSessionToken(t.db, token, T0)).toBeNull()
    expect((await findUserById(t.db, officer.id))?.isActive).toBe(false)
    await setUserActive(t.db, adminId, officer.id, false, T0)
    await setUserActive(t.db, adminId, officer.id, true, T0)
    expect((await audit()).slice(-2).map((e) => e.action)).toEqual(['user.deactivated', 'user.reactivated'])
    await expect(setUserActive(t.db, adminId, 9999, false, T0)).rejects.toMatchObject({ code: 'not_found' })
  })
})
