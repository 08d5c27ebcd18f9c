import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type Database } from '../../db/client'
import type { Check } from '../../app/domain/database-facts'
import { exportLine } from '../../app/domain/published-entry'
import { generateSigner } from '../../app/domain/signed-note'
import { compareDatabases, copyDatabase, CopyRefusedError, readFacts } from '../../app/models/database-copy.server'
import { entriesBySeq } from '../../app/models/ledger-export.server'
import { trustBalance } from '../../app/models/ledger.server'
import { latestCheckpoint, publishCheckpoint, rootAt, treeSize } from '../../app/models/ledger-tree.server'
import { seedDemoData } from '../../scripts/demo-data'
import { createTestDb, type TestDb } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

// One demo data set on SQLite, copied to PostgreSQL and from there to a new SQLite file; the other
// tests copy it again into databases of their own.
let sqliteSource: TestDb
let postgresCopy: TestDb
let sqliteCopy: TestDb
let firstCopy: Check[]
let secondCopy: Check[]
const signer = generateSigner('copy.test/ledger').signer

beforeAll(async () => {
  sqliteSource = await createTestDb('sqlite')
  await seedDemoData(sqliteSource.db)
  await publishCheckpoint(sqliteSource.db, signer)
  // Three login failures, cleared: the counter stays at 3 while the table is empty.
  for (let i = 0; i < 3; i++) await sqliteSource.db.insertInto('login_failures').values({ email_key: 'x', ip: '127.0.0.1', at: '2026-01-01T00:00:00Z' }).execute()
  await sqliteSource.db.deleteFrom('login_failures').execute()

  postgresCopy = await createTestDb('postgres') // migrated: holds what the migrations write
  const there = await copyDatabase(sqliteSource.db, postgresCopy.db)
  expect(there.ok, JSON.stringify(there.checks.filter((c) => !c.ok))).toBe(true)
  firstCopy = there.checks
  sqliteCopy = await createTestDb('sqlite', { migrate: false }) // an empty file: copyDatabase migrates it
  const back = await copyDatabase(postgresCopy.db, sqliteCopy.db)
  expect(back.ok, JSON.stringify(back.checks.filter((c) => !c.ok))).toBe(true)
  secondCopy = back.checks
}, 180_000)
afterAll(async () => {
  await Promise.all([sqliteSource?.close(), postgresCopy?.close(), sqliteCopy?.close()])
})

const failing = (checks: Check[]) => checks.filter((c) => !c.ok).map((c) => c.what)

async function exportedLines(db: Database): Promise<string[]> {
  const lines: string[] = []
  for await (const batch of entriesBySeq(db, 0, await treeSize(db))) for (const e of batch) lines.push(exportLine(e.entryJson, e.leafHash))
  return lines
}

describe('npm run db:copy, SQLite to PostgreSQL and back', () => {
  test('the round trip keeps every table, checksum and the ledger root; the portal reads the same on all three', async () => {
    const [a, b, c] = await Promise.all([readFacts(sqliteSource.db), readFacts(postgresCopy.db), readFacts(sqliteCopy.db)])
    expect(b.tables).toEqual(a.tables)
    expect(c.tables).toEqual(a.tables)
    expect(a.tables.find((t) => t.table === 'ledger_entries')!.rows).toBeGreaterThan(2000)
    expect(c.tree).toEqual(a.tree)
    expect(b.tree).toEqual(a.tree)
    expect(a.tree.checkpoint).toMatchObject({ size: a.tree.leaves, root: a.tree.leavesRoot, noteMatches: true })
    // The copies' own proofs said so, table by table.
    for (const checks of [firstCopy, secondCopy]) {
      expect(failing(checks)).toEqual([])
      expect(checks.map((c) => c.what)).toEqual(expect.arrayContaining(['ledger_entries', 'audit_events', 'root recomputed from the leaves', 'latest checkpoint = root of its leaves']))
    }

    const lines = await exportedLines(sqliteSource.db)
    expect(lines.length).toBe(a.tree.leaves)
    expect(await exportedLines(postgresCopy.db)).toEqual(lines)
    expect(await exportedLines(sqliteCopy.db)).toEqual(lines)
    expect((await latestCheckpoint(postgresCopy.db))!.note).toBe((await latestCheckpoint(sqliteSource.db))!.note)
    const trusts = await sqliteSource.db.selectFrom('parties').select('id').where('kind', '=', 'trust').execute()
    for (const { id } of trusts) {
      const balance = await trustBalance(sqliteSource.db, id, 'PKR')
      expect(await trustBalance(postgresCopy.db, id, 'PKR')).toEqual(balance)
      expect(await trustBalance(sqliteCopy.db, id, 'PKR')).toEqual(balance)
    }
  })

  test("the kept ledger totals are not copied but rebuilt by the target's triggers, equal to the source's", async () => {
    const kept = async (db: Database) =>
      (await db.selectFrom('ledger_totals').selectAll().execute())
        .map((r) => JSON.stringify([r.project_id, r.from_party_id, r.to_party_id, r.fiscal_year, r.kind, r.purpose, r.gfs_code, r.currency, String(r.pkr_amount_minor), String(r.amount_minor), Number(r.entry_count)]))
        .sort()
    const source = await kept(sqliteSource.db)
    expect(source.length).toBeGreaterThan(100)
    expect(await kept(postgresCopy.db)).toEqual(source)
    expect(await kept(sqliteCopy.db)).toEqual(source)
    expect(firstCopy.map((c) => c.what)).not.toContain('ledger_totals')
    for (const checks of [firstCopy, secondCopy]) expect(checks).toContainEqual({ what: 'ledger_totals = sums of the approved entries', source: 'equal', target: 'equal', ok: true })
  })

  test('the copied PostgreSQL database has its planner statistics at once, without waiting for autovacuum', async () => {
    // pg_stats has a table's column statistics only once ANALYZE has run on it.
    const { rows } = await sql<{ analyzed: boolean }>`select count(*) > 0 as analyzed from pg_stats where tablename = 'ledger_entries' and attname = 'project_id'`.execute(postgresCopy.db)
    expect(rows).toEqual([{ analyzed: true }])
  })

  test('the copied PostgreSQL database takes new rows after the copied ones: a new entry, its approval and checkpoint', async () => {
    const db = postgresCopy.db
    const before = await treeSize(db)
    const { max: lastEntry } = await db.selectFrom('ledger_entries').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow()
    const w = await buildWorld(db) // new parties, a project and users: each table's next id
    const id = await w.post({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor: 2n ** 53n - 1n })
    expect(id).toBe(Number(lastEntry) + 1)
    expect(await treeSize(db)).toBe(before + 1)
    const checkpoint = await publishCheckpoint(db, signer)
    expect(checkpoint.size).toBe(before + 1)
    expect(Buffer.from(checkpoint.rootHash).equals(Buffer.from(await rootAt(db, before + 1)))).toBe(true)
    const entry = await db.selectFrom('ledger_entries').select(['amount_minor', 'seq', 'status']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(entry).toEqual({ amount_minor: 2 ** 53 - 1, seq: before + 1, status: 'approved' })
    // No id is handed out twice: the source had given out three login-failure ids, then cleared them.
    const failure = await db.insertInto('login_failures').values({ email_key: 'y', ip: '127.0.0.1', at: '2026-01-01T00:00:00Z' }).returning('id').executeTakeFirstOrThrow()
    expect(failure.id).toBe(4)
  })

  test('reads the source in one snapshot while the portal writes to it', async () => {
    const target = await createTestDb('postgres', { migrate: false })
    const writer = createDb(sqliteSource.file)
    try {
      let wrote = false
      const result = await copyDatabase(sqliteSource.db, target.db, {
        progress: async (line) => {
          if (wrote || !line.startsWith('copied settings')) return
          // Rows of tables not yet copied, and of one already copied, written meanwhile.
          await writer.insertInto('settings').values({ key: 'written-during-the-copy', value: '1' }).execute()
          await writer.insertInto('audit_events').values({ at: '2026-12-07T00:00:00Z', action: 'test.during_copy' }).execute()
          wrote = true
        },
      })
      expect(wrote).toBe(true)
      expect(failing(result.checks)).toEqual([])
      expect(await target.db.selectFrom('audit_events').select('id').where('action', '=', 'test.during_copy').execute()).toEqual([])
      // The source has moved on since its snapshot (two rows, and an audit id handed out); the target holds it as it was.
      expect(failing(await compareDatabases(sqliteSource.db, target.db))).toEqual(['settings', 'audit_events', 'next ids follow the copied ones'])
    } finally {
      await writer.destroy()
      await target.close()
      await sqliteSource.db.deleteFrom('settings').where('key', '=', 'written-during-the-copy').execute()
    }
  })

  test('refuses a target that holds rows, and leaves it as it was', async () => {
    for (const engine of ['postgres', 'sqlite'] as const) {
      const target = await createTestDb(engine)
      try {
        await target.db.insertInto('settings').values({ key: 'someone', value: 'was here' }).execute()
        const before = await readFacts(target.db)
        await expect(copyDatabase(sqliteSource.db, target.db)).rejects.toThrow(CopyRefusedError)
        await expect(copyDatabase(sqliteSource.db, target.db)).rejects.toThrow(/not empty \(rows in settings 1\)/)
        expect(await readFacts(target.db)).toEqual(before)
      } finally {
        await target.close()
      }
    }
  })

  test('a single altered value in the copy is caught, wherever it is', async () => {
    const target = await createTestDb('postgres')
    try {
      expect((await copyDatabase(sqliteSource.db, target.db)).ok).toBe(true)
      const db = target.db
      expect(failing(await compareDatabases(sqliteSource.db, db))).toEqual([])

      // A table without triggers: one letter of one party's Urdu name.
      const party = await db.selectFrom('parties').select(['id', 'name_ur']).orderBy('id').limit(1).executeTakeFirstOrThrow()
      await db.updateTable('parties').set({ name_ur: `${party.name_ur}ی` }).where('id', '=', party.id).execute()
      expect(failing(await compareDatabases(sqliteSource.db, db))).toEqual(['parties'])

      // A decided entry, with the trigger that guards it dropped: one rupee more.
      await sql`drop trigger ledger_entries_decided_immutable on ledger_entries`.execute(db)
      const entry = await db.selectFrom('ledger_entries').select('id').where('status', '=', 'approved').where('currency', '=', 'PKR').orderBy('id').limit(1).executeTakeFirstOrThrow()
      await sql`update ledger_entries set amount_minor = amount_minor + 1, pkr_amount_minor = pkr_amount_minor + 1 where id = ${entry.id}`.execute(db)
      expect(failing(await compareDatabases(sqliteSource.db, db))).toEqual(['parties', 'ledger_entries'])

      // One byte of one leaf hash: the table and the tree rebuilt from the leaves both say so.
      await sql`drop trigger ledger_leaves_append_only on ledger_leaves`.execute(db)
      await sql`update ledger_leaves set leaf_hash = set_byte(leaf_hash, 0, (get_byte(leaf_hash, 0) + 1) % 256) where seq = 7`.execute(db)
      expect(failing(await compareDatabases(sqliteSource.db, db))).toEqual([
        'parties',
        'ledger_entries',
        'ledger_leaves',
        'ledger leaves',
        'root recomputed from the leaves',
        'root from the stored subtrees = recomputed',
        'latest checkpoint = root of its leaves',
      ])
    } finally {
      await target.close()
    }
  })

  test('a copy that does not come out equal is rolled back', async () => {
    // A target that quietly changes one value on the way in.
    const target = await createTestDb('postgres')
    try {
      await sql`create function hisaab_test_tamper() returns trigger language plpgsql as $$
        begin new.name_en := new.name_en || '.'; return new; end $$`.execute(target.db)
      await sql`create trigger hisaab_test_tamper before insert on projects for each row when (new.id = 3) execute function hisaab_test_tamper()`.execute(target.db)
      const result = await copyDatabase(sqliteSource.db, target.db)
      expect(result.ok).toBe(false)
      expect(failing(result.checks)).toEqual(['projects'])
      expect(await target.db.selectFrom('ledger_entries').select('id').limit(1).execute()).toEqual([])
      expect(await target.db.selectFrom('projects').select('id').limit(1).execute()).toEqual([])
    } finally {
      await target.close()
    }
  })
})
