// Frozen: a migration imports nothing from app/ and is never edited once it has run anywhere.
//
// An approved entry can be corrected only by a reversal. The first migration made
// ledger_entries.reverses_entry_id UNIQUE over all rows, so a reversal that was *rejected* (say, for
// a reason that did not say enough) would block every later attempt, and the entry could never be
// corrected. Rejected rows are immutable and stay, so the rule becomes: at most one reversal per
// entry that is pending or approved — a partial unique index.
//
// PostgreSQL drops the column constraint. SQLite cannot drop a constraint, so the table is rebuilt
// the way https://sqlite.org/lang_altertable.html#otheralter describes: the new table is the old
// one's own CREATE statement less that one UNIQUE, its indexes and triggers are re-created from
// their own text, and the AUTOINCREMENT counter is carried over so no id is ever handed out twice.
import { sql, SqliteAdapter, type Kysely } from 'kysely'

const TABLE = 'ledger_entries'
const REBUILT = 'ledger_entries_rebuilt'

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await rebuildSqliteTable(db)
  else await sql`alter table ledger_entries drop constraint ledger_entries_reverses_entry_id_key`.execute(db)

  await db.schema
    .createIndex('ledger_one_live_reversal')
    .on(TABLE)
    .column('reverses_entry_id')
    .unique()
    .where(sql.ref('reverses_entry_id'), 'is not', null)
    .where(sql.ref('status'), '<>', 'rejected')
    .execute()
}

async function rebuildSqliteTable(db: Kysely<any>): Promise<void> {
  const objects = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = ${TABLE} order by type, name`.execute(db)
  const table = objects.rows.find((o) => o.type === 'table')?.sql
  if (!table) throw new Error(`${TABLE} is missing`)
  const withoutUnique = table.replace(/("reverses_entry_id"\s+integer)\s+unique\b/i, '$1')
  if (withoutUnique === table) throw new Error(`${TABLE}.reverses_entry_id is not declared UNIQUE as expected; not rebuilding`)
  const create = withoutUnique.replace(/^create table\s+"?ledger_entries"?/i, `create table "${REBUILT}"`)
  // Named indexes and triggers; the automatic ones (primary key, UNIQUE) come with the table.
  const dependents = objects.rows.filter((o) => (o.type === 'index' || o.type === 'trigger') && o.sql !== null)
  const { rows: sequence } = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${TABLE}`.execute(db)

  // Foreign keys must be off while the table is swapped (the pragma is a no-op inside a
  // transaction), and are checked by hand before the swap commits.
  const { rows: fk } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await sql`begin immediate`.execute(db)
    try {
      await sql.raw(create).execute(db)
      await sql.raw(`insert into "${REBUILT}" select * from "${TABLE}"`).execute(db)
      await sql.raw(`drop table "${TABLE}"`).execute(db)
      await sql.raw(`alter table "${REBUILT}" rename to "${TABLE}"`).execute(db)
      for (const object of dependents) await sql.raw(object.sql as string).execute(db)
      if (sequence[0]) {
        await sql`delete from sqlite_sequence where name = ${TABLE}`.execute(db)
        await sql`insert into sqlite_sequence (name, seq) values (${TABLE}, ${sequence[0].seq})`.execute(db)
      }
      const broken = await sql`pragma foreign_key_check`.execute(db)
      if (broken.rows.length > 0) throw new Error(`Rebuilding ${TABLE} would break ${broken.rows.length} foreign keys`)
      await sql`commit`.execute(db)
    } catch (error) {
      await sql`rollback`.execute(db)
      throw error
    }
  } finally {
    if (fk[0]?.foreign_keys === 1) await sql`pragma foreign_keys = on`.execute(db)
  }
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: rows written since may hold a second reversal of an entry whose first was rejected.')
}
