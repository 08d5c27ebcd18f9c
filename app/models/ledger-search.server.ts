import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely'
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
 * admin can edit and which are few, are looked up first in the parties table, and their ids written
 * into the query: the planner then knows whether a party is on a handful of entries or on most of
 * them (a company pays all its project's royalties) and reads an index or the table accordingly.
 */
export async function searchedEntries(db: Database, text: string | undefined): Promise<EntryRows | null> {
  // SQLite's LIKE stops reading a pattern at a NUL character, so one is dropped rather than half-obeyed.
  const form = searchForm(text?.replaceAll('\u0000', '') ?? '')
  if (form === '') return null
  const sqlite = isSqlite(db)
  const pattern = likePattern(form)
  const like = sqlite
    ? (column: string) => sql<SqlBool>`${sqliteSearchForm(sql.ref(column))} like ${pattern} escape '\\'`
    : // hisaab_search_form() is the migration's search form plus lower().
      (column: string) => sql<SqlBool>`hisaab_search_form(${sql.ref(column)}) like hisaab_search_form(${pattern}) escape '\\'`
  const named = await db
    .selectFrom('parties as np')
    .select('np.id')
    .where(sql<SqlBool>`(${like('np.name_en')} or ${like('np.name_ur')} or ${like('np.name_bal')})`)
    .execute()
  // Ids the database itself gave, written as literals: no parameter limit, and statistics apply.
  const ids = named.length === 0 ? null : sql.join(named.map((p) => sql.lit(p.id)))
  return sqlite ? sqliteSearch(db, form, pattern, ids) : postgresSearch(db, like, ids)
}

/**
 * SQLite: the ids the FTS5 table and the parties give, then each entry looked up by id. CROSS
 * JOIN tells SQLite, which keeps no statistics, to read the list first rather than walk every
 * approved entry asking whether it is on the list (200 ms at a million entries, whatever the text).
 */
function sqliteSearch(db: Database, form: string, pattern: string, parties: RawBuilder<unknown> | null): EntryRows {
  // Case is folded as SQLite's lower() does, ASCII letters only: LIKE does it, and the FTS5 table
  // holds lower-cased text, so the phrase is lower-cased here.
  const byText = isIndexable(form)
    ? sql`select rowid as id from ledger_entry_search where ledger_entry_search match ${ftsPhrase(lowerAscii(form))}`
    : // Too short for a trigram: the search forms are scanned, which is still narrower than the ledger.
      sql`select rowid as id from ledger_entry_search where description like ${pattern} escape '\\' or reference like ${pattern} escape '\\' or comments like ${pattern} escape '\\'`
  const ids = parties
    ? sql<{ id: number }>`(${byText}
        union select x.id from ledger_entries x where x.from_party_id in (${parties})
        union select x.id from ledger_entries x where x.to_party_id in (${parties}))`
    : sql<{ id: number }>`(${byText})`
  return db
    .selectFrom(ids.as('hit'))
    .crossJoin('ledger_entries as e')
    .whereRef('e.id', '=', 'hit.id')
    .where('e.status', '=', 'approved') as unknown as EntryRows // the list's alias is used only here
}

/**
 * PostgreSQL: one OR, which it answers from a BitmapOr of the three GIN indexes and the party
 * indexes, or by reading the table when the text or a party is in most entries.
 */
function postgresSearch(db: Database, like: (column: string) => RawBuilder<SqlBool>, parties: RawBuilder<unknown> | null): EntryRows {
  // The party ids first: where the table is read, an entry they match skips the search form,
  // which costs a translate() of each text column.
  const arms = parties ? [sql<SqlBool>`${sql.ref('e.from_party_id')} in (${parties})`, sql<SqlBool>`${sql.ref('e.to_party_id')} in (${parties})`] : []
  arms.push(like('e.description'), like('e.reference'), like('e.comments'))
  return db
    .selectFrom('ledger_entries as e')
    .where('e.status', '=', 'approved')
    .where(sql<SqlBool>`(${sql.join(arms, sql` or `)})`)
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
