import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { LANGS } from '../../app/i18n/locales'
import { AUDIT_ACTIONS, AUDIT_DETAIL_KEYS, AUDIT_TARGET_TYPES } from '../../app/models/audit-actions'
import type { AuditEventInput } from '../../app/models/audit.server'

const admin = (lang: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../locales/${lang}/admin.json`, import.meta.url)), 'utf8')) as Record<'actions' | 'auditDetails' | 'auditTargets', Record<string, string>>

describe.each(LANGS)('the audit trail in %s', (lang) => {
  const texts = admin(lang)
  test('names every kind of event the code can record', () => {
    expect(AUDIT_ACTIONS.filter((action) => !texts.actions[action]?.trim())).toEqual([])
  })
  test('names every detail an event can carry, and everything an event can be about', () => {
    expect(AUDIT_DETAIL_KEYS.filter((key) => !texts.auditDetails[key]?.trim())).toEqual([])
    expect(AUDIT_TARGET_TYPES.filter((type) => !texts.auditTargets[type]?.trim())).toEqual([])
  })
  test('shows no event by its machine name', () => {
    for (const action of AUDIT_ACTIONS) expect(texts.actions[action], action).not.toMatch(/[a-z]+[._][a-z]+/)
  })
})

test('an event of a kind not listed, or with a detail not listed, cannot be recorded (it does not compile)', () => {
  // @ts-expect-error: no such kind of event, so no label for it either
  const unknownKind: AuditEventInput = { actorUserId: null, action: 'ledger.entry.deleted' }
  // @ts-expect-error: no such detail
  const unknownDetail: AuditEventInput = { actorUserId: null, action: 'ledger.entry.created', details: { colour: 'red' } }
  expect([unknownKind, unknownDetail]).toHaveLength(2)
})
