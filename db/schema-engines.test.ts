// The same migrations must build the same schema on SQLite and PostgreSQL, as the app sees it:
// this test reads both catalogues back and compares them, so the two cannot drift apart.
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildWorld } from '../tests/fixtures/world'
import { createTestDb, type Engine, type TestDb } from '../tests/fixtures/db'

type Column = { name: string; type: string; nullable: boolean }
type Index = { name: string | null; columns: string[]; unique: boolean; partial: boolean }
type Schema = Record<string, { columns: Column[]; primaryKey: string[]; indexes: Index[] }>

const ENGINES: Engine[] = ['sqlite', 'postgres']
const open: Partial<Record<Engine, TestDb>> = {}
beforeAll(async () => {
  await Promise.all(ENGINES.map(async (engine) => (open[engine] = await createTestDb(engine))))
})
afterAll(async () => Promise.all(ENGINES.map((engine) => open[engine]?.close())))
const dbOf = (engine: Engine) => open[engine]!.db

/**
 * The ledger's text-search index is each engine's own (ADR 9) and derived from ledger_entries:
 * an FTS5 table, its shadow tables and the triggers that fill it on SQLite; GIN expression
 * indexes on PostgreSQL. tests/models/ledger-search.test.ts tests both; here they are left out.
 */
const SQLITE_SEARCH_INDEX = /^ledger_entry_search(_|$)/
const POSTGRES_SEARCH_INDEX = /^ledger_search_/

/** The declared type, as a kind the app reads back the same way on both engines. */
const KIND: Record<string, string> = { integer: 'int32', int: 'int32', serial: 'int32', bigint: 'int64', text: 'text', blob: 'bytes', bytea: 'bytes' }
const kindOf = (declared: string) => KIND[declared.toLowerCase()] ?? `unknown:${declared}`
const byName = <T extends { name: string | null }>(a: T, b: T) => JSON.stringify(a).localeCompare(JSON.stringify(b))

async function sqliteSchema(db: Kysely<any>): Promise<Schema> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db)
  const schema: Schema = {}
  for (const { name: table } of tables.rows.filter((t) => !SQLITE_SEARCH_INDEX.test(t.name))) {
    const cols = await sql<{ name: string; type: string; notnull: number; pk: number }>`select name, type, "notnull", pk from pragma_table_info(${table}) order by cid`.execute(db)
    const indexes: Index[] = []
    const list = await sql<{ name: string; unique: number; origin: string; partial: number }>`select name, "unique", origin, partial from pragma_index_list(${table})`.execute(db)
    for (const index of list.rows) {
      if (index.origin === 'pk') continue
      const parts = await sql<{ name: string }>`select name from pragma_index_info(${index.name}) order by seqno`.execute(db)
      // Constraint indexes get engine-chosen names (sqlite_autoindex_… / …_key): compared by columns.
      indexes.push({ name: index.origin === 'c' ? index.name : null, columns: parts.rows.map((p) => p.name), unique: index.unique === 1, partial: index.partial === 1 })
    }
    schema[table] = {
      // SQLite lets a non-integer primary key hold NULL unless told otherwise; the app never writes one.
      columns: cols.rows.map((c) => ({ name: c.name, type: kindOf(c.type), nullable: c.notnull === 0 && c.pk === 0 })),
      primaryKey: cols.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      indexes: indexes.sort(byName),
    }
  }
  return schema
}

async function postgresSchema(db: Kysely<any>): Promise<Schema> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by table_name`.execute(db)
  const schema: Schema = {}
  for (const { name: table } of tables.rows) {
    const cols = await sql<{ name: string; type: string; nullable: string }>`select column_name as name, data_type as type, is_nullable as nullable from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(db)
    const indexes = await sql<{ name: string; columns: string[]; unique: boolean; primary: boolean; partial: boolean; constraint: boolean }>`
      select i.relname as name, ix.indisunique as unique, ix.indisprimary as primary, ix.indpred is not null as partial,
        exists (select 1 from pg_constraint c where c.conindid = ix.indexrelid) as constraint,
        array(select a.attname::text from unnest(ix.indkey) with ordinality as k(attnum, n)
              join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.attnum order by k.n) as columns
      from pg_index ix join pg_class i on i.oid = ix.indexrelid
      where ix.indrelid = ${table}::regclass`.execute(db)
    schema[table] = {
      columns: cols.rows.map((c) => ({ name: c.name, type: kindOf(c.type), nullable: c.nullable === 'YES' })),
      primaryKey: indexes.rows.find((i) => i.primary)?.columns ?? [],
      indexes: indexes.rows
        .filter((i) => !i.primary && !POSTGRES_SEARCH_INDEX.test(i.name))
        .map((i) => ({ name: i.constraint ? null : i.name, columns: i.columns, unique: i.unique, partial: i.partial }))
        .sort(byName),
    }
  }
  return schema
}

/** Which tables refuse which changes, and whether always or only once a row is decided; which keep ledger_totals. */
async function sqliteTriggers(db: Kysely<any>): Promise<string[]> {
  const rows = await sql<{ name: string; table: string; sql: string }>`select name, tbl_name as "table", sql from sqlite_master where type = 'trigger'`.execute(db)
  return rows.rows
    .filter((r) => !SQLITE_SEARCH_INDEX.test(r.name))
    .flatMap((r) => {
      if (/\binsert\s+into\s+ledger_totals\b/i.test(r.sql)) return [`${r.table} ${/\bafter\s+(insert|update)\b/i.exec(r.sql)?.[1]?.toUpperCase() ?? `unknown:${r.sql}`} keeps ledger_totals`]
      const event = /\bbefore\s+(update|delete)\s+on\b/i.exec(r.sql)?.[1]?.toUpperCase() ?? `unknown:${r.sql}`
      const refuses = /raise\s*\(\s*abort/i.test(r.sql) ? 'refuse' : `unknown:${r.sql}`
      return [`${r.table} ${event} ${refuses} ${/old\.status\s*<>\s*'pending'/i.test(r.sql) ? 'once decided' : 'always'}`]
    })
    .sort()
}

async function postgresTriggers(db: Kysely<any>): Promise<string[]> {
  const rows = await sql<{ table: string; event: string; timing: string; condition: string | null; action: string }>`
    select event_object_table as "table", event_manipulation as event, action_timing as timing, action_condition as condition, action_statement as action
    from information_schema.triggers where trigger_schema = 'public'`.execute(db)
  return rows.rows
    .map((r) => {
      if (/hisaab_keep_ledger_totals\(\)/.test(r.action)) return `${r.table} ${r.event} ${r.timing === 'AFTER' ? 'keeps ledger_totals' : `unknown:${r.timing}`}`
      const refuses = r.timing === 'BEFORE' && /hisaab_refuse_change\(\)/.test(r.action) ? 'refuse' : `unknown:${r.action}`
      return `${r.table} ${r.event} ${refuses} ${r.condition === null ? 'always' : /old\.status\s*<>\s*'pending'/i.test(r.condition) ? 'once decided' : `unknown:${r.condition}`}`
    })
    .sort()
}

describe('the same migrations build the same schema on SQLite and PostgreSQL', () => {
  test('tables, columns, their types as the app reads them, nullability, primary keys and indexes', async () => {
    const [fromSqlite, fromPostgres] = await Promise.all([sqliteSchema(dbOf('sqlite')), postgresSchema(dbOf('postgres'))])
    expect(Object.keys(fromSqlite)).toContain('ledger_entries')
    expect(Object.keys(fromPostgres)).toEqual(Object.keys(fromSqlite))
    for (const table of Object.keys(fromSqlite)) expect({ table, ...fromPostgres[table] }).toEqual({ table, ...fromSqlite[table] })
    expect(JSON.stringify(fromPostgres)).not.toContain('unknown:')
  })

  test('the same tables refuse the same changes, and the same writes keep the ledger totals', async () => {
    const [fromSqlite, fromPostgres] = await Promise.all([sqliteTriggers(dbOf('sqlite')), postgresTriggers(dbOf('postgres'))])
    expect(fromSqlite).toEqual([
      'audit_events DELETE refuse always',
      'audit_events UPDATE refuse always',
      'employment_reports DELETE refuse once decided',
      'employment_reports UPDATE refuse once decided',
      'ledger_checkpoints DELETE refuse always',
      'ledger_checkpoints UPDATE refuse always',
      'ledger_entries DELETE refuse once decided',
      'ledger_entries INSERT keeps ledger_totals',
      'ledger_entries UPDATE keeps ledger_totals',
      'ledger_entries UPDATE refuse once decided',
      'ledger_leaves DELETE refuse always',
      'ledger_leaves UPDATE refuse always',
      'ledger_tree_nodes DELETE refuse always',
      'ledger_tree_nodes UPDATE refuse always',
    ])
    expect(fromPostgres).toEqual(fromSqlite)
  })

  test('a ledger entry, its leaf and its checkpoint read back as the same JS values on both', async () => {
    const read = async (engine: Engine) => {
      const db = dbOf(engine)
      const w = await buildWorld(db)
      await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-07-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: 9_000_000_000_000_000n })
      const entry = await db.selectFrom('ledger_entries').selectAll().executeTakeFirstOrThrow()
      const leaf = await db.selectFrom('ledger_leaves').selectAll().executeTakeFirstOrThrow()
      return { entry, leaf, types: Object.fromEntries(Object.entries({ ...entry, ...leaf }).map(([k, v]) => [k, Buffer.isBuffer(v) ? 'Buffer' : v === null ? 'null' : typeof v])) }
    }
    const [fromSqlite, fromPostgres] = await Promise.all([read('sqlite'), read('postgres')])
    expect(fromPostgres.types).toEqual(fromSqlite.types)
    expect(fromPostgres.entry.amount_minor).toBe(9_000_000_000_000_000)
    expect(fromPostgres).toEqual(fromSqlite)
  })
})

describe.each(ENGINES)('on %s the database itself refuses to rewrite history', (engine) => {
  let t: TestDb
  let w: Awaited<ReturnType<typeof buildWorld>>
  beforeAll(async () => {
    t = await createTestDb(engine)
    w = await buildWorld(t.db)
  })
  afterAll(async () => t.close())
  const refused = /immutable|append-only/

  test('a pending entry may change; a decided one can be neither updated nor deleted', async () => {
    const approved = await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-07-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: 100n })
    const pending = await t.db
      .insertInto('ledger_entries')
      .values({ kind: 'payment', status: 'pending', project_id: w.project, from_party_id: w.company, to_party_id: w.province, fiscal_year: 2025, value_date: '2025-07-02', gfs_code: '1415E1', purpose: null, locality_id: null, currency: 'PKR', amount_minor: 5, exchange_rate_micros: 1_000_000, pkr_amount_minor: 5, reference: null, description: null, comments: null, reverses_entry_id: null, reversal_reason: null, idempotency_key: 'pending-1', created_by_user_id: w.officerA, created_at: '2026-01-01T00:00:00.000Z', decided_by_user_id: null, decided_at: null, rejection_reason: null, seq: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db.updateTable('ledger_entries').set({ description: 'typo mended' }).where('id', '=', pending.id).execute()
    await t.db.updateTable('ledger_entries').set({ status: 'rejected', rejection_reason: 'no', decided_by_user_id: w.officerB, decided_at: '2026-01-02T00:00:00.000Z' }).where('id', '=', pending.id).execute()
    for (const id of [approved, pending.id]) {
      await expect(t.db.updateTable('ledger_entries').set({ description: 'rewritten' }).where('id', '=', id).execute()).rejects.toThrow(refused)
      await expect(t.db.deleteFrom('ledger_entries').where('id', '=', id).execute()).rejects.toThrow(refused)
    }
    const rows = await t.db.selectFrom('ledger_entries').select(['id', 'status', 'description']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: approved, status: 'approved', description: null },
      { id: pending.id, status: 'rejected', description: 'typo mended' },
    ])
  })

  test('audit events, leaves, subtree hashes and checkpoints are append-only', async () => {
    await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-07-03', gfsCode: '1415E1', currency: 'PKR', amountMinor: 200n })
    await t.db.insertInto('ledger_checkpoints').values({ size: 2, root_hash: Buffer.alloc(32), signed_at: '2026-01-01T00:00:00.000Z', note: 'n' }).execute()
    expect(await t.db.selectFrom('ledger_tree_nodes').select('level').execute()).not.toEqual([])
    for (const table of ['audit_events', 'ledger_leaves', 'ledger_tree_nodes', 'ledger_checkpoints'] as const) {
      expect((await t.db.selectFrom(table).selectAll().execute()).length, table).toBeGreaterThan(0)
      await expect(sql`update ${sql.table(table)} set ${sql.ref(table === 'audit_events' ? 'action' : table === 'ledger_checkpoints' ? 'note' : table === 'ledger_leaves' ? 'entry_json' : 'idx')} = ${table === 'ledger_tree_nodes' ? 99 : 'x'}`.execute(t.db)).rejects.toThrow(refused)
      await expect(sql`delete from ${sql.table(table)}`.execute(t.db)).rejects.toThrow(refused)
    }
  })
})
