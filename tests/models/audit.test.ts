import { afterEach, beforeEach, expect, test } from 'vitest'
import { listAuditEvents, recordAuditEvent } from '../../app/models/audit.server'
import { createTestDb } from '../fixtures/db'

let t: Awaited<ReturnType<typeof createTestDb>>
beforeEach(async () => {
  t = await createTestDb()
})
afterEach(async () => t.close())

test('the audit trail\'s dates are days in Pakistan, as its times are shown', async () => {
  // 23:59 on 30 June and 00:00 on 1 July in Pakistan; both still 30 June in UTC.
  await recordAuditEvent(t.db, { actorUserId: null, action: 'auth.sign_in.failed' }, new Date('2026-06-30T18:59:00.000Z'))
  await recordAuditEvent(t.db, { actorUserId: null, action: 'auth.lockout' }, new Date('2026-06-30T19:00:00.000Z'))
  const actions = async (filters: { from?: string; to?: string }) => (await listAuditEvents(t.db, filters)).events.map((e) => e.action)
  expect(await actions({ from: '2026-07-01' })).toEqual(['auth.lockout'])
  expect(await actions({ to: '2026-06-30' })).toEqual(['auth.sign_in.failed'])
  expect(await actions({ from: '2026-06-30', to: '2026-07-01' })).toEqual(['auth.lockout', 'auth.sign_in.failed'])
})
