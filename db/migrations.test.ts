import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, onTestFinished, test } from 'vitest'
import { migrateToLatest } from './client'
import { MIGRATIONS } from './migrations'
import { createTestDb } from '../tests/fixtures/db'

let t: Awaited<ReturnType<typeof createTestDb>>
beforeEach(async () => {
  t = await createTestDb()
})
afterEach(async () => t.close())

describe('migrations', () => {
  test('every file in db/migrations is listed, in order', () => {
    const files = readdirSync(fileURLToPath(new URL('./migrations', import.meta.url)))
      .filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort()
    expect(Object.keys(MIGRATIONS)).toEqual(files)
  })

  test('running them again changes nothing', async () => {
    const schemaBefore = await schemaText()
    expect(schemaBefore.length).toBeGreaterThan(40)
    const again = await migrateToLatest(t.db)
    expect(again.results).toEqual([])
    expect(await schemaText()).toEqual(schemaBefore)
    const streams = await t.db.selectFrom('revenue_streams').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(streams.n).toBe(41)
  })

  test('a SQLite database is opened with WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const sqlite = await createTestDb('sqlite', { migrate: false })
    onTestFinished(() => sqlite.close())
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(sqlite.db)).rows[0] as object)[0]
    expect(await pragma('journal_mode')).toBe('wal')
    expect(await pragma('synchronous')).toBe(2)
    expect(await pragma('foreign_keys')).toBe(1)
    expect(await pragma('busy_timeout')).toBe(5000)
  })

  test('the GFS list mends the source defects: one 1415E, production entitlements at 1415E3', async () => {
    const rows = await t.db.selectFrom('revenue_streams').selectAll().where('gfs_code', 'like', '1415E%').execute()
    expect(rows.filter((r) => r.gfs_code === '1415E')).toHaveLength(1)
    expect(rows.find((r) => r.gfs_code === '1415E31')?.parent_code).toBe('1415E3')
  })

  test('audit events cannot be changed or deleted', async () => {
    await t.db.insertInto('audit_events').values({ at: new Date().toISOString(), actor_user_id: null, action: 'test', target_type: null, target_id: null, ip: null, user_agent: null, details: null }).execute()
    await expect(t.db.updateTable('audit_events').set({ action: 'changed' }).execute()).rejects.toThrow(/append-only/)
    await expect(t.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/)
  })
})

/** Every table, column, index and trigger as the engine's catalogue spells it. */
async function schemaText(): Promise<string[]> {
  if (t.engine === 'sqlite') return (await sql<{ sql: string }>`select sql from sqlite_master order by name`.execute(t.db)).rows.map((r) => r.sql)
  const { rows } = await sql<{ line: string }>`
    select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') as line
      from information_schema.columns where table_schema = 'public'
    union all select indexdef from pg_indexes where schemaname = 'public'
    union all select pg_get_triggerdef(oid) from pg_trigger where not tgisinternal
    order by 1`.execute(t.db)
  return rows.map((r) => r.line)
}
