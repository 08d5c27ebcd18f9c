// Frozen: a migration imports nothing from app/ and is never edited once it has run anywhere.
//
// The tamper-evident ledger (RFC 9162; docs/ledger-format.md). Three append-only tables:
//
//   ledger_leaves       one row per approved entry, by seq: the entry's canonical bytes exactly as
//                       published, and SHA-256(0x00 || bytes). Written in the approval's transaction.
//   ledger_tree_nodes   the hash of every complete subtree above the leaves: the node at
//                       (level, idx) covers leaves [idx·2^level, (idx+1)·2^level). An append adds
//                       one node per level it completes, so any root or proof, at any size, is a
//                       few dozen reads.
//   ledger_checkpoints  every signed tree head the portal has published, as the signed note itself.
//
// Entries approved before this migration get their leaves from the app at start (see
// syncLedgerTree), because their bytes are built by app code this file must not import.
import { sql, SqliteAdapter, type Kysely } from 'kysely'

const TABLES = ['ledger_leaves', 'ledger_tree_nodes', 'ledger_checkpoints'] as const

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  const bytes = sqlite ? 'blob' : 'bytea'

  await db.schema
    .createTable('ledger_leaves')
    .addColumn('seq', 'integer', (c) => c.primaryKey().check(sql`seq >= 1`))
    .addColumn('entry_id', 'integer', (c) => c.notNull().unique().references('ledger_entries.id'))
    .addColumn('entry_json', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', bytes, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('ledger_tree_nodes')
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level >= 1`))
    .addColumn('idx', 'integer', (c) => c.notNull().check(sql`idx >= 0`))
    .addColumn('hash', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_tree_nodes_pk', ['level', 'idx'])
    .execute()

  await db.schema
    .createTable('ledger_checkpoints')
    .addColumn('size', 'integer', (c) => c.primaryKey().check(sql`size >= 0`))
    .addColumn('root_hash', bytes, (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute()

  if (sqlite) {
    for (const table of TABLES) {
      for (const op of ['update', 'delete']) {
        await sql.raw(`create trigger ${table}_no_${op} before ${op} on ${table}
          begin select raise(abort, '${table}: append-only'); end`).execute(db)
      }
    }
    return
  }
  for (const table of TABLES) {
    await sql.raw(`create trigger ${table}_append_only before update or delete on ${table}
      for each row execute function hisaab_refuse_change()`).execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...TABLES].reverse()) await db.schema.dropTable(table).execute()
}
