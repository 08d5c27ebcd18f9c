import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { allows, allowsEntry, PERMISSIONS, ROLE_PERMISSIONS, type Permission } from './permissions'

const officerA = { role: 'officer' as const, scope: { trustIds: [1], projectIds: [10] } }
const auditor = { role: 'auditor' as const, scope: { trustIds: [], projectIds: [] } }
const admin = { role: 'admin' as const, scope: { trustIds: [], projectIds: [] } }

describe('allows', () => {
  test('the public reaches public pages only', () => {
    for (const permission of PERMISSIONS) expect(allows(null, permission)).toBe(permission === 'public')
  })

  test('an officer reaches their own trust and project, never another', () => {
    expect(allows(officerA, 'write:records', { trustId: 1 })).toBe(true)
    expect(allows(officerA, 'write:records', { trustId: 2 })).toBe(false)
    expect(allows(officerA, 'write:records', { projectId: 10 })).toBe(true)
    expect(allows(officerA, 'write:records', { projectId: 11 })).toBe(false)
    expect(allows(officerA, 'write:records', { trustId: 1, projectId: 11 })).toBe(false)
    expect(allows(officerA, 'read:non-public', { trustId: 2 })).toBe(false)
  })

  test('auditors read everything and write nothing; admins do not record entries', () => {
    expect(allows(auditor, 'read:non-public', { trustId: 99 })).toBe(true)
    for (const write of ['write:records', 'approve:records', 'manage:users'] as Permission[]) expect(allows(auditor, write, { trustId: 1 })).toBe(false)
    expect(allows(admin, 'approve:records', { trustId: 99 })).toBe(true)
    expect(allows(admin, 'write:records', { trustId: 99 })).toBe(false)
    expect(allows(officerA, 'manage:users')).toBe(false)
    expect(allows(officerA, 'read:audit')).toBe(false)
  })

  test('property: nothing a role is not given is ever allowed, whatever the record', () => {
    fc.assert(
      fc.property(fc.constantFrom('admin', 'auditor', 'officer' as const), fc.constantFrom(...PERMISSIONS), fc.option(fc.nat(5)), fc.option(fc.nat(5)), (role, permission, trustId, projectId) => {
        const user = { role, scope: { trustIds: [0, 1, 2, 3, 4, 5], projectIds: [0, 1, 2, 3, 4, 5] } }
        const record = { trustId: trustId ?? undefined, projectId: projectId ?? undefined }
        if (permission !== 'public' && !ROLE_PERMISSIONS[role].includes(permission)) expect(allows(user, permission, record)).toBe(false)
      }),
    )
  })
})

describe('allowsEntry', () => {
  test('an officer reaches an entry only if its project and every trust it touches are theirs', () => {
    expect(allowsEntry(officerA, 'approve:records', { projectId: 10, trustIds: [1] })).toBe(true)
    expect(allowsEntry(officerA, 'approve:records', { projectId: 10, trustIds: [] })).toBe(true)
    expect(allowsEntry(officerA, 'approve:records', { projectId: 11, trustIds: [1] })).toBe(false)
    expect(allowsEntry(officerA, 'approve:records', { projectId: 10, trustIds: [2] })).toBe(false)
    expect(allowsEntry(officerA, 'approve:records', { projectId: 10, trustIds: [1, 2] })).toBe(false)
    expect(allowsEntry(admin, 'approve:records', { projectId: 99, trustIds: [98] })).toBe(true)
    expect(allowsEntry(auditor, 'approve:records', { projectId: 10, trustIds: [1] })).toBe(false)
    expect(allowsEntry(null, 'approve:records', { projectId: 10, trustIds: [1] })).toBe(false)
  })
})
