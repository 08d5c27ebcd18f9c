// Frozen: a migration imports nothing from app/ and is never edited once it has run anywhere.
//
// The public pages' sums — per fiscal year and kind, per purpose, a trust's balance per currency,
// the ledger page's totals — were a GROUP BY over every approved entry they covered: 84 ms on
// SQLite and 71 ms on PostgreSQL for the whole ledger at a million entries, paid on the first view
// after every write. They are now kept in ledger_totals, one row per combination of the columns
// the pages group and filter by, written by triggers in the same transaction as the approval
// (ADR 10). It is DERIVED data: a copy of the database skips it, and the target's triggers rebuild
// it as the entries arrive.
//
// Only two changes add to a total: an entry inserted as approved, and a pending entry approved.
// An approved entry is never updated or deleted (the decided-rows triggers refuse it), so nothing
// is ever taken out; a rejected or pending entry is in no total.
//
// purpose and gfs_code are part of the key but are null on most entries: '' stands for null, so
// that the primary key compares them as values on both engines.
import { sql, SqliteAdapter, type Kysely } from 'kysely'

const KEY = ['project_id', 'from_party_id', 'to_party_id', 'fiscal_year', 'kind', 'purpose', 'gfs_code', 'currency'] as const

/** The key of an entry's total, read from `row` (new, a transition table's alias, or the table itself). */
const keyOf = (row: string) => KEY.map((c) => (c === 'purpose' || c === 'gfs_code' ? `coalesce(${row}.${c}, '')` : `${row}.${c}`)).join(', ')

const ADD_ON_CONFLICT = `on conflict (${KEY.join(', ')}) do update set
  pkr_amount_minor = ledger_totals.pkr_amount_minor + excluded.pkr_amount_minor,
  amount_minor = ledger_totals.amount_minor + excluded.amount_minor,
  entry_count = ledger_totals.entry_count + excluded.entry_count`

const COLUMNS = `${KEY.join(', ')}, pkr_amount_minor, amount_minor, entry_count`

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  await db.schema
    .createTable('ledger_totals')
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('from_party_id', 'integer', (c) => c.notNull())
    .addColumn('to_party_id', 'integer', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('gfs_code', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // SQLite turns an integer + that overflows into a lossy REAL; the check makes it fail instead,
    // as PostgreSQL's bigint does by itself.
    .addColumn('pkr_amount_minor', 'bigint', (c) => (sqlite ? c.notNull().check(sql`typeof(pkr_amount_minor) = 'integer'`) : c.notNull()))
    .addColumn('amount_minor', 'bigint', (c) => (sqlite ? c.notNull().check(sql`typeof(amount_minor) = 'integer'`) : c.notNull()))
    .addColumn('entry_count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_totals_pk', [...KEY])
    .execute()
  // A trust's totals are those it pays from or is paid into: one index for each side.
  await db.schema.createIndex('ledger_totals_by_from_party').on('ledger_totals').column('from_party_id').execute()
  await db.schema.createIndex('ledger_totals_by_to_party').on('ledger_totals').column('to_party_id').execute()

  if (sqlite) {
    const add = `insert into ledger_totals (${COLUMNS}) values (${keyOf('new')}, new.pkr_amount_minor, new.amount_minor, 1) ${ADD_ON_CONFLICT}`
    await sql.raw(`create trigger ledger_totals_on_insert after insert on ledger_entries when new.status = 'approved' begin ${add}; end`).execute(db)
    await sql.raw(`create trigger ledger_totals_on_approval after update of status on ledger_entries
      when new.status = 'approved' and old.status <> 'approved' begin ${add}; end`).execute(db)
  } else {
    // Statement-level, over the transition tables: a bulk insert of a million approved rows adds
    // one aggregate, not a million single-row upserts. An insert and an update trigger each
    // (PostgreSQL allows a transition table only on a trigger for one event); IF keeps each branch's
    // query from naming a transition table its trigger does not have.
    const grouped = (from: string, where: string) =>
      `insert into ledger_totals (${COLUMNS})
       select ${keyOf('n')}, sum(n.pkr_amount_minor), sum(n.amount_minor), count(*) from ${from} where ${where}
       group by ${keyOf('n')} ${ADD_ON_CONFLICT}`
    await sql.raw(`create function hisaab_keep_ledger_totals() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${grouped('ledger_totals_added n', `n.status = 'approved'`)};
        else
          ${grouped('ledger_totals_after n join ledger_totals_before o on o.id = n.id', `n.status = 'approved' and o.status <> 'approved'`)};
        end if;
        return null;
      end $$`).execute(db)
    await sql.raw(`create trigger ledger_totals_on_insert after insert on ledger_entries
      referencing new table as ledger_totals_added for each statement execute function hisaab_keep_ledger_totals()`).execute(db)
    await sql.raw(`create trigger ledger_totals_on_approval after update on ledger_entries
      referencing old table as ledger_totals_before new table as ledger_totals_after for each statement execute function hisaab_keep_ledger_totals()`).execute(db)
  }

  await sql.raw(`insert into ledger_totals (${COLUMNS})
    select ${keyOf('e')}, sum(e.pkr_amount_minor), sum(e.amount_minor), count(*) from ledger_entries e where e.status = 'approved'
    group by ${keyOf('e')}`).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger ledger_totals_on_insert ${sql.raw(db.getExecutor().adapter instanceof SqliteAdapter ? '' : 'on ledger_entries')}`.execute(db)
  await sql`drop trigger ledger_totals_on_approval ${sql.raw(db.getExecutor().adapter instanceof SqliteAdapter ? '' : 'on ledger_entries')}`.execute(db)
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) await sql`drop function hisaab_keep_ledger_totals()`.execute(db)
  await db.schema.dropTable('ledger_totals').execute()
}
