import { Migrator } from 'kysely'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { migrateToLatest, type Database } from './client'
import { migrationProvider } from './migrations'
import { createTestDb, type TestDb } from '../tests/fixtures/db'

// Tried on a database as the migrations before it left it: parties from the catalogue, and one an
// officer typed into a ledger entry, which the audit trail says.
let t: TestDb
let db: Database
beforeEach(async () => {
  t = await createTestDb(undefined, { migrate: false })
  db = t.db
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('2026-11-29T0000Z-ledger-tree')
  if (error) throw error
})
afterEach(async () => t.close())

test('every party is catalogued as of its making, except those typed into a ledger entry', async () => {
  const party = async (slug: string, kind: 'trust' | 'beneficiary', createdAt: string) =>
    (
      await db
        .insertInto('parties')
        .values({ slug, kind, beneficiary_kind: kind === 'beneficiary' ? 'school' : null, name_en: slug, name_ur: slug, name_bal: slug, province: 'balochistan', district: null, locality_id: null, registration_ref: null, created_at: createdAt })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const trust = await party('trust', 'trust', '2026-01-01T00:00:00.000Z')
  const school = await party('school', 'beneficiary', '2026-01-02T00:00:00.000Z')
  const typedIn = await party('typed-in', 'beneficiary', '2026-01-03T00:00:00.000Z')
  const event = (targetId: number, action: string, details: object) =>
    db.insertInto('audit_events').values({ at: '2026-01-03T00:00:00.000Z', actor_user_id: null, action, target_type: 'party', target_id: String(targetId), ip: null, user_agent: null, details: JSON.stringify(details) }).execute()
  await event(typedIn, 'party.created', { kind: 'beneficiary', beneficiaryKind: 'school', via: 'ledger_entry' })
  // An event of another kind about a catalogued party changes nothing.
  await event(school, 'party.renamed', { via: 'ledger_entry' })

  await migrateToLatest(db)

  const rows = await db.selectFrom('parties').select(['id', 'catalogued_at']).orderBy('id').execute()
  expect(rows).toEqual([
    { id: trust, catalogued_at: '2026-01-01T00:00:00.000Z' },
    { id: school, catalogued_at: '2026-01-02T00:00:00.000Z' },
    { id: typedIn, catalogued_at: null },
  ])
})
