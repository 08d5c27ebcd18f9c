import { sql } from 'kysely'
import { isSqlite, type Database } from '../../db/client'

/** Rows per INSERT: well within SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const BATCH = 500

export async function rowCount(db: Database, table: string): Promise<number> {
  return Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0)
}

/**
 * Copies every row of `tables` (in that order) from `from` to `to`, ids and all, in multi-row
 * inserts; rows that reference rows of the same table come after them, as ids rise. On PostgreSQL
 * the id sequences are then moved past the copied ids, as inserting them one by one would have.
 */
export async function copyRows(from: Database, to: Database, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by rowid`.execute(from)).rows
    for (let i = 0; i < rows.length; i += BATCH) {
      await to.insertInto(table as never).values(rows.slice(i, i + BATCH) as never).execute()
    }
    if (!isSqlite(to) && rows[0] && 'id' in rows[0]) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(to)
    }
  }
}
