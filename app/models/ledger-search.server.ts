import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely'
import { isSqlite, type Database } from '../../db/client'
import type { DB } from '../../db/schema'
import { isIndexable, SEARCH_DROPPED, SEARCH_MAPPED, searchForm } from '../domain/search-text'

/** Ledger entries as the ledger's queries read them: `ledger_entries as e`. */
export type EntryRows = SelectQueryBuilder<DB & { e: DB['ledger_entries'] }, 'e', {}>

/**
 * The public ledger's text search: the approved entries whose description, reference or comments,
 * or whose payer's or payee's name in any language, contain the reader's text — a substring, case
 * folded, compared in its search form (app/domain/search-text.ts), with LIKE wildcards and FTS5
 * query syntax taken literally — as `e`, for the ledger's queries to filter further. Null when the
 * text says nothing to search for.
 *
 * Entry text is answered from a trigram index (db/migrations/2026-12-07T1600Z-ledger-text-search.ts):
 * SQLite's FTS5 table ledger_entry_search, PostgreSQL's pg_trgm GIN indexes. Party names, which an
 * admin can edit and which are few, are looked up in the parties table, and their entries found
 * through the party indexes. Text and parties are read apart and put together: one OR of them
 * leaves PostgreSQL unable to tell how many rows the party side brings, and it reads the whole table.
 */
export function searchedEntries(db: Database, text: string | undefined): EntryRows | null {
  // SQLite's LIKE stops reading a pattern at a NUL character, so one is dropped rather than half-obeyed.
  const form = searchForm(text?.replaceAll('\u0000', '') ?? '')
  if (form === '') return null
  return isSqlite(db) ? sqliteSearch(db, form) : postgresSearch(db, form)
}

/**
 * SQLite: the ids the FTS5 table and the parties give, then each entry looked up by id. CROSS
 * JOIN tells SQLite, which keeps no statistics, to read the list first rather than walk every
 * approved entry asking whether it is on the list (200 ms at a million entries, whatever the text).
 */
function sqliteSearch(db: Database, form: string): EntryRows {
  const pattern = likePattern(form)
  // Case is folded as SQLite's lower() does, ASCII letters only: LIKE does it, and the FTS5 table
  // holds lower-cased text, so the phrase is lower-cased here.
  const like = (column: string) => sql<SqlBool>`${sqliteSearchForm(sql.ref(column))} like ${pattern} escape '\\'`
  const byText = isIndexable(form)
    ? sql`select rowid as id from ledger_entry_search where ledger_entry_search match ${ftsPhrase(lowerAscii(form))}`
    : // Too short for a trigram: the search forms are scanned, which is still narrower than the ledger.
      sql`select rowid as id from ledger_entry_search where description like ${pattern} escape '\\' or reference like ${pattern} escape '\\' or comments like ${pattern} escape '\\'`
  const named = sql`select np.id from parties np where ${like('np.name_en')} or ${like('np.name_ur')} or ${like('np.name_bal')}`
  // IN, not a join: the few party ids are found first, then their entries through the party
  // index; a join lets SQLite walk every entry and look up its party.
  const ids = sql<{ id: number }>`(${byText}
    union select x.id from ledger_entries x where x.from_party_id in (${named})
    union select x.id from ledger_entries x where x.to_party_id in (${named}))`
  return db
    .selectFrom(ids.as('hit'))
    .crossJoin('ledger_entries as e')
    .whereRef('e.id', '=', 'hit.id')
    .where('e.status', '=', 'approved') as unknown as EntryRows // the list's alias is used only here
}

/**
 * PostgreSQL: the entries whose text matches, read through the GIN indexes (or the table, when
 * the text is in most of them: the planner weighs it), then those of a matching party whose
 * text does not. Each part is planned on its own; they never hold the same entry twice.
 */
function postgresSearch(db: Database, form: string): EntryRows {
  const pattern = likePattern(form)
  // hisaab_search_form() is the migration's search form plus lower(); any length works (shorter
  // than a trigram, a GIN index is read whole).
  const like = (column: string) => sql<SqlBool>`hisaab_search_form(${sql.ref(column)}) like hisaab_search_form(${pattern}) escape '\\'`
  const columns = ['x.description', 'x.reference', 'x.comments']
  const textHit = sql.join(columns.map(like), sql` or `)
  // Null text is no match; NOT of a null would drop the entry.
  const noTextHit = sql`not (${sql.join(columns.map((c) => sql`coalesce(${like(c)}, false)`), sql` or `)})`
  const named = sql`select np.id from parties np where ${like('np.name_en')} or ${like('np.name_ur')} or ${like('np.name_bal')}`
  const rows = sql`(select x.* from ledger_entries x where x.status = 'approved' and (${textHit})
    union all select x.* from ledger_entries x where x.status = 'approved' and x.from_party_id in (${named}) and ${noTextHit}
    union all select x.* from ledger_entries x where x.status = 'approved' and x.to_party_id in (${named}) and x.from_party_id not in (${named}) and ${noTextHit})`
  return db.selectFrom(rows.as('e')) as unknown as EntryRows // the same columns as ledger_entries
}

/** A substring pattern for LIKE … ESCAPE '\', with the wildcards in the reader's text taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** An FTS5 phrase: inside double quotes every character is literal but the quote, which is doubled. */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase())
}

/**
 * The search form computed by SQLite, for the party names (the FTS5 table holds the entries'
 * already). Nested 36 deep, which the bundled SQLite parses; it is in a query, not in the schema
 * that other tools must read (see the migration).
 */
function sqliteSearchForm(expression: Expression<unknown>) {
  let form = sql`${expression}`
  for (const [from, to] of SEARCH_MAPPED) form = sql`replace(${form}, ${sql.raw(`char(${from.codePointAt(0)})`)}, ${sql.raw(`char(${to.codePointAt(0)})`)})`
  for (const c of SEARCH_DROPPED) form = sql`replace(${form}, ${sql.raw(`char(${c.codePointAt(0)})`)}, '')`
  return form
}
