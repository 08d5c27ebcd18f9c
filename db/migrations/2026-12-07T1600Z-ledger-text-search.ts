// Frozen: a migration imports nothing from app/ and is never edited once it has run anywhere.
//
// The public ledger's text search looked for the reader's words with LIKE '%…%' in every row:
// 932 ms at a million entries. It is now answered from a trigram index, which finds any substring
// of three characters or more — what "found as readers type them" needs in Urdu and Balochi, which
// have no stemmer and whose words a reader types in part.
//
// Both sides are compared in a "search form": the text with the Arabic letters that Arabic
// keyboards type mapped to the Urdu ones (ي ى → ی, ك → ک, ه → ہ), Arabic-Indic and Urdu digits
// mapped to ASCII digits, and what does not change a word dropped: tatweel, the zero-width
// (non-)joiner, and the short-vowel marks. The query side of that map lives in app/domain/search-text.ts;
// a test there checks it agrees with the copy below, which is frozen with this migration.
//
// SQLite: an FTS5 table, ledger_entry_search, holds the search form, lower-cased, of each entry's
// description, reference and comments (rowid = ledger_entries.id), kept in step by triggers. It is DERIVED data:
// rebuilt from ledger_entries by the triggers as rows are written, so a copy of the database must
// skip it (copying it as well would write every row into it twice). Party names are not in it: an
// admin may rename a party, and parties are few, so they are still searched in their own table.
//
// PostgreSQL: pg_trgm GIN indexes on hisaab_search_form() of each of those columns; the index is
// derived, the function is not data. LIKE '%…%' is answered from them, rechecked exactly.
import { sql, SqliteAdapter, type Kysely } from 'kysely'

/** Letters mapped to the one Urdu and Balochi text is written with. */
const MAPPED: Array<[from: number, to: number]> = [
  [0x064a, 0x06cc], // Arabic yeh → Farsi yeh
  [0x0649, 0x06cc], // alef maksura → Farsi yeh
  [0x0643, 0x06a9], // Arabic kaf → keheh
  [0x0647, 0x06c1], // Arabic heh → heh goal
  ...Array.from({ length: 10 }, (_, d): [number, number] => [0x0660 + d, 0x30 + d]), // ٠–٩ → 0–9
  ...Array.from({ length: 10 }, (_, d): [number, number] => [0x06f0 + d, 0x30 + d]), // ۰–۹ → 0–9
]

/** Characters that change how a word is drawn, not which word it is. */
const DROPPED: number[] = [
  0x0640, // tatweel
  0x200c, // zero-width non-joiner
  0x200d, // zero-width joiner
  ...Array.from({ length: 0x0652 - 0x064b + 1 }, (_, i) => 0x064b + i), // tanwin, fatha, damma, kasra, shadda, sukun
  0x0670, // superscript alef
]

const TEXT_COLUMNS = ['description', 'reference', 'comments'] as const

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await upSqlite(db)
  else await upPostgres(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const name of ['ledger_entry_search_insert', 'ledger_entry_search_update', 'ledger_entry_search_delete']) await sql.raw(`drop trigger ${name}`).execute(db)
    await sql`drop table ledger_entry_search`.execute(db)
    return
  }
  for (const column of TEXT_COLUMNS) await sql.raw(`drop index ledger_search_${column}`).execute(db)
  await sql`drop function hisaab_search_form(text)`.execute(db)
}

/**
 * The search form in SQLite, which has no translate(): one replace() per character, as a SELECT of
 * (id, description, reference, comments) from `source`. The replace() calls are spread over
 * nested subqueries, a few per level, because the sqlite3 shell and other tools built with SQLite's
 * default parser stack refuse an expression nested much more than 25 deep, and would then refuse
 * to open the database at all (the schema holds these triggers).
 */
function sqliteForm(source: string, id: string, columns: (c: string) => string): string {
  const steps = [
    ...MAPPED.map(([from, to]) => (e: string) => `replace(${e}, char(${from}), char(${to}))`),
    ...DROPPED.map((c) => (e: string) => `replace(${e}, char(${c}), '')`),
  ]
  const PER_LEVEL = 8
  let select = `select ${id} as id, ${TEXT_COLUMNS.map((c) => `lower(${columns(c)}) as ${c}`).join(', ')} from ${source}`
  for (let i = 0; i < steps.length; i += PER_LEVEL) {
    const level = steps.slice(i, i + PER_LEVEL)
    select = `select id, ${TEXT_COLUMNS.map((c) => `${level.reduce<string>((e, step) => step(e), c)} as ${c}`).join(', ')} from (${select})`
  }
  return select
}

async function upSqlite(db: Kysely<any>): Promise<void> {
  // Case is folded as SQLite's lower() and LIKE fold it, ASCII letters only, so that a search finds
  // what it found before whatever its length: the tokenizer's own folding (every cased script)
  // could not serve the queries shorter than a trigram, which LIKE answers.
  await sql.raw(`create virtual table ledger_entry_search using fts5(${TEXT_COLUMNS.join(', ')}, tokenize = 'trigram case_sensitive 1')`).execute(db)
  const insert = (row: 'new' | 'ledger_entries') =>
    `insert into ledger_entry_search (rowid, ${TEXT_COLUMNS.join(', ')}) ${row === 'new' ? sqliteForm('(select 1)', 'new.id', (c) => `new.${c}`) : sqliteForm('ledger_entries', 'id', (c) => c)}`
  await sql.raw(`create trigger ledger_entry_search_insert after insert on ledger_entries begin ${insert('new')}; end`).execute(db)
  // Only a pending entry's text can change (decided rows are immutable), and a pending entry can be deleted.
  await sql.raw(`create trigger ledger_entry_search_update after update of ${TEXT_COLUMNS.join(', ')} on ledger_entries begin
      delete from ledger_entry_search where rowid = old.id; ${insert('new')};
    end`).execute(db)
  await sql.raw(`create trigger ledger_entry_search_delete after delete on ledger_entries begin
      delete from ledger_entry_search where rowid = old.id;
    end`).execute(db)
  await sql.raw(insert('ledger_entries')).execute(db)
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db)
  // translate() deletes the characters of its second argument that have no counterpart in the third.
  const from = [...MAPPED.map(([f]) => f), ...DROPPED].map((c) => String.fromCodePoint(c)).join('')
  const to = MAPPED.map(([, t]) => String.fromCodePoint(t)).join('')
  // lower() folds case as the old search did; IMMUTABLE so that an index can be built on it.
  await sql.raw(`create function hisaab_search_form(t text) returns text
    language sql immutable strict parallel safe
    as $$ select lower(translate(t, '${from}', '${to}')) $$`).execute(db)
  for (const column of TEXT_COLUMNS) {
    await sql.raw(`create index ledger_search_${column} on ledger_entries using gin (hisaab_search_form(${column}) gin_trgm_ops)`).execute(db)
  }
}
