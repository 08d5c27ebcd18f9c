import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Migrator, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createDb, migrateToLatest, type Database } from './client'
import { migrationProvider } from './migrations'

// The migration rebuilds ledger_entries on SQLite, so it is tried on a database that already holds
// entries, as the three deployed migrations left it.
let dir: string
let db: Database
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hisaab-migration-'))
  db = createDb(join(dir, 'test.sqlite'))
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('2026-11-28T2200Z-sign-in')
  if (error) throw error
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const schemaOf = async (name: string) => (await sql<{ sql: string }>`select sql from sqlite_master where name = ${name}`.execute(db)).rows[0]?.sql ?? ''
const objectsOf = async () => (await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master where tbl_name = 'ledger_entries' order by type, name`.execute(db)).rows

async function populate() {
  const at = '2026-01-01T00:00:00.000Z'
  const party = async (slug: string, kind: 'company' | 'government_provincial') =>
    (await db.insertInto('parties').values({ slug, kind, beneficiary_kind: null, name_en: slug, name_ur: slug, name_bal: slug, province: 'balochistan', district: null, locality_id: null, registration_ref: null, created_at: at }).returning('id').executeTakeFirstOrThrow()).id
  const company = await party('co', 'company')
  const province = await party('gov', 'government_provincial')
  const project = (await db.insertInto('projects').values({ slug: 'p', name_en: 'P', name_ur: 'P', name_bal: 'P', operator_party_id: company, province: 'balochistan', district: 'Chagai', status: 'production', licence_ref: 'L', created_at: at }).returning('id').executeTakeFirstOrThrow()).id
  const entry = (key: string, status: 'pending' | 'approved' | 'rejected', seq: number | null, amount: bigint, reverses: number | null = null) =>
    db
      .insertInto('ledger_entries')
      .values({ kind: 'payment', status, seq, project_id: project, from_party_id: company, to_party_id: province, fiscal_year: 2025, value_date: '2025-07-01', gfs_code: '1415E1', currency: 'PKR', amount_minor: amount, exchange_rate_micros: 1_000_000n, pkr_amount_minor: amount, reverses_entry_id: reverses, reversal_reason: reverses ? 'why' : null, idempotency_key: key, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  const original = await entry('a', 'approved', 1, 500n)
  await entry('b', 'rejected', null, -500n, original.id)
  const scrap = await entry('c', 'pending', null, 7n)
  // A pending row deleted: its id must never be handed out again.
  await db.deleteFrom('ledger_entries').where('id', '=', scrap.id).execute()
  return { original: original.id, lastId: scrap.id, project, company, province, at }
}

describe('the reversal-retry migration', () => {
  test('keeps every row, index, trigger and the id counter, and only relaxes the one constraint', async () => {
    const w = await populate()
    const rowsBefore = await db.selectFrom('ledger_entries').selectAll().orderBy('id').execute()
    const tableBefore = await schemaOf('ledger_entries')
    const objectsBefore = (await objectsOf()).filter((o) => o.sql !== null && o.type !== 'table')
    expect(tableBefore).toMatch(/"reverses_entry_id" integer unique references/)

    await migrateToLatest(db)

    expect(await db.selectFrom('ledger_entries').selectAll().orderBy('id').execute()).toEqual(rowsBefore)
    expect(await schemaOf('ledger_entries')).toBe(tableBefore.replace('"reverses_entry_id" integer unique references', '"reverses_entry_id" integer references'))
    const objectsAfter = await objectsOf()
    for (const object of objectsBefore) expect(objectsAfter).toContainEqual(object)
    expect(objectsAfter.map((o) => o.name)).toContain('ledger_one_live_reversal')
    expect(Object.values((await sql`pragma foreign_keys`.execute(db)).rows[0] as object)[0]).toBe(1)

    // The triggers still guard decided rows; foreign keys are still enforced.
    await expect(db.updateTable('ledger_entries').set({ amount_minor: 1n }).where('id', '=', w.original).execute()).rejects.toThrow(/immutable/)
    await expect(db.deleteFrom('ledger_entries').where('id', '=', w.original).execute()).rejects.toThrow(/immutable/)
    const insert = (key: string, reverses: number, projectId = w.project) =>
      db
        .insertInto('ledger_entries')
        .values({ kind: 'payment', status: 'pending', project_id: projectId, from_party_id: w.company, to_party_id: w.province, fiscal_year: 2025, value_date: '2025-07-02', gfs_code: '1415E1', currency: 'PKR', amount_minor: -500n, exchange_rate_micros: 1_000_000n, pkr_amount_minor: -500n, reverses_entry_id: reverses, reversal_reason: 'again', idempotency_key: key, created_at: w.at })
        .returning('id')
        .executeTakeFirstOrThrow()
    await expect(insert('fk', w.original, 9999)).rejects.toThrow(/FOREIGN KEY/)

    // A second reversal after a rejected one is allowed, a second live one is not; ids keep rising.
    const retry = await insert('retry', w.original)
    expect(retry.id).toBe(w.lastId + 1)
    await expect(insert('third', w.original)).rejects.toThrow(/UNIQUE/)
  })

  test('on an empty database, the end state is the same as after populating', async () => {
    await migrateToLatest(db)
    expect(await schemaOf('ledger_entries')).not.toMatch(/reverses_entry_id" integer unique/)
    expect(await schemaOf('ledger_one_live_reversal')).toMatch(/where "reverses_entry_id" is not null and "status" <> 'rejected'/)
  })
})
