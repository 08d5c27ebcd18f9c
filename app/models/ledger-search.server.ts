import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely'
import { isSqlite, type Database } from '../../db/client'
import { isIndexable, SEARCH_DROPPED, SEARCH_MAPPED, searchForm } from '../domain/search-text'

/**
 * The public ledger's text search, as a list of entry ids (`select id …`, some perhaps not approved):
 * entries whose description, reference or comments, or whose
 * payer's or payee's name in any language, contain the reader's text — a substring, case folded,
 * compared in its search form (app/domain/search-text.ts), with LIKE wildcards and FTS5 query
 * syntax taken literally. Null when the text says nothing to search for.
 *
 * Entry text is answered from a trigram index (db/migrations/2026-12-07T1600Z-ledger-text-search.ts):
 * SQLite's FTS5 table ledger_entry_search, PostgreSQL's pg_trgm GIN indexes. Party names, which an
 * admin can edit and which are few, are looked up in the parties table, and their entries found
 * through the party indexes. The three are one list of ids: an OR of them would leave PostgreSQL
 * unable to tell how many rows the party side brings, and it would read the whole table.
 */
export function textMatches(db: Database, text: string | undefined): RawBuilder<{ id: number }> | null {
  // SQLite's LIKE stops reading a pattern at a NUL character, so one is dropped rather than half-obeyed.
  const form = searchForm(text?.replaceAll('\u0000', '') ?? '')
  if (form === '') return null
  const pattern = likePattern(form)
  let like: (column: string) => RawBuilder<SqlBool>
  let byText: RawBuilder<unknown>
  if (isSqlite(db)) {
    // Case is folded as SQLite's lower() does, ASCII letters only: LIKE does it, and the FTS5 table
    // holds lower-cased text, so the phrase is lower-cased here.
    like = (column) => sql<SqlBool>`${sqliteSearchForm(sql.ref(column))} like ${pattern} escape '\\'`
    byText = isIndexable(form)
      ? sql`select rowid as id from ledger_entry_search where ledger_entry_search match ${ftsPhrase(lowerAscii(form))}`
      : // Too short for a trigram: the search forms are scanned, which is still narrower than the ledger.
        sql`select rowid as id from ledger_entry_search where description like ${pattern} escape '\\' or reference like ${pattern} escape '\\' or comments like ${pattern} escape '\\'`
  } else {
    // hisaab_search_form() is the migration's search form plus lower(); each column's LIKE is
    // answered from its GIN index (any length: shorter than a trigram, the index is read whole).
    like = (column) => sql<SqlBool>`hisaab_search_form(${sql.ref(column)}) like hisaab_search_form(${pattern}) escape '\\'`
    byText = sql`select x.id from ledger_entries x where ${like('x.description')} or ${like('x.reference')} or ${like('x.comments')}`
  }
  const named = sql<SqlBool>`(${like('np.name_en')} or ${like('np.name_ur')} or ${like('np.name_bal')})`
  // IN, not a join: the few party ids are found first, then their entries through the party
  // index; a join lets SQLite, which keeps no statistics, walk every entry and look up its party.
  const byParty = (side: 'from_party_id' | 'to_party_id') => sql`select x.id from ledger_entries x where ${sql.ref(`x.${side}`)} in (select np.id from parties np where ${named})`
  return sql<{ id: number }>`${byText} union ${byParty('from_party_id')} union ${byParty('to_party_id')}`
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

/** The search form computed by SQLite, for the party names (the FTS5 table holds the entries' already). */
function sqliteSearchForm(expression: Expression<unknown>) {
  let form = sql`${expression}`
  for (const [from, to] of SEARCH_MAPPED) form = sql`replace(${form}, ${sql.raw(`char(${from.codePointAt(0)})`)}, ${sql.raw(`char(${to.codePointAt(0)})`)})`
  for (const c of SEARCH_DROPPED) form = sql`replace(${form}, ${sql.raw(`char(${c.codePointAt(0)})`)}, '')`
  return form
}
