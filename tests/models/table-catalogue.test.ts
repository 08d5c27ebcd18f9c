import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { APP_TABLES } from '../../db/schema/tables'
import { createTestDb } from '../fixtures/db'

// db/schema/tables.ts is written by hand; db:copy inserts in its order and reads in its key order.
describe('the table catalogue', () => {
  test('lists each table after the tables it references, with its own primary key and self-reference (SQLite)', async () => {
    const t = await createTestDb('sqlite')
    try {
      const position = new Map<string, number>(APP_TABLES.map((table, i) => [table.name, i]))
      for (const table of APP_TABLES) {
        const { rows: columns } = await sql<{ name: string; type: string; pk: number }>`select name, type, pk from pragma_table_info(${table.name}) where pk > 0 order by pk`.execute(t.db)
        expect(columns.map((c) => ({ column: c.name, text: c.type.toUpperCase() === 'TEXT' })), table.name).toEqual(table.key)
        const { rows: references } = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${table.name})`.execute(t.db)
        const own = references.filter((r) => r.table === table.name).map((r) => r.from)
        expect(own, `${table.name} references itself through`).toEqual('selfReference' in table ? [table.selfReference] : [])
        for (const r of references.filter((r) => r.table !== table.name)) {
          expect(position.get(r.table), `${table.name}.${r.from} references ${r.table}, listed later`).toBeLessThan(position.get(table.name)!)
        }
      }
    } finally {
      await t.close()
    }
  })

  test('gives every table the primary key PostgreSQL has', async () => {
    const t = await createTestDb('postgres')
    try {
      for (const table of APP_TABLES) {
        const { rows } = await sql<{ column: string; type: string }>`
          select a.attname as column, format_type(a.atttypid, a.atttypmod) as type
          from pg_index i join unnest(i.indkey) with ordinality as k(attnum, n) on true
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
          where i.indrelid = ${table.name}::regclass and i.indisprimary order by k.n`.execute(t.db)
        expect(rows.map((r) => ({ column: r.column, text: r.type === 'text' })), table.name).toEqual(table.key)
      }
    } finally {
      await t.close()
    }
  })
})
