import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { isSqlite, type Database } from '../../db/client'
import type { DB } from '../../db/schema'
import { isIndexable, SEARCH_DROPPED, SEARCH_MAPPED, searchForm } from '../domain/search-text'

/**
 * The public ledger's text search: entries whose description, reference or comments, or whose
 * payer's or payee's name in any language, contain the reader's text — a substring, case folded,
 * compared in its search form (app/domain/search-text.ts), with LIKE wildcards and FTS5 query
 * syntax taken literally. Null when the text says nothing to search for.
 *
 * Entry text is answered from a trigram index (db/migrations/2026-12-07T1600Z-ledger-text-search.ts):
 * SQLite's FTS5 table ledger_entry_search, PostgreSQL's pg_trgm GIN indexes. Party names, which an
 * admin can edit and which are few, are looked up in the parties table, and entries found by id.
 */
export function textCondition(db: Database, text: string | undefined): ((eb: ExpressionBuilder<DB & { e: DB['ledger_entries'] }, 'e'>) => Expression<SqlBool>) | null {
  // SQLite's LIKE stops reading a pattern at a NUL character, so one is dropped rather than half-obeyed.
  const form = searchForm(text?.replaceAll('\u0000', '') ?? '')
  if (form === '') return null
  const pattern = likePattern(form)
  if (isSqlite(db)) {
    // SQLite's LIKE folds ASCII case; FTS5's trigram tokenizer folds every cased script.
    const nameLike = (column: string) => sql<SqlBool>`${sqliteSearchForm(sql.ref(column))} like ${pattern} escape '\\'`
    const inText = isIndexable(form)
      ? sql`select rowid from ledger_entry_search where ledger_entry_search match ${ftsPhrase(form)}`
      : // Too short for a trigram: the search forms are scanned, which is still narrower than the ledger.
        sql`select rowid from ledger_entry_search where description like ${pattern} escape '\\' or reference like ${pattern} escape '\\' or comments like ${pattern} escape '\\'`
    return (eb) => {
      const named = eb.selectFrom('parties as np').select('np.id').where(sql<SqlBool>`(${nameLike('np.name_en')} or ${nameLike('np.name_ur')} or ${nameLike('np.name_bal')})`)
      return eb.or([sql<SqlBool>`${sql.ref('e.id')} in (${inText})`, eb('e.from_party_id', 'in', named), eb('e.to_party_id', 'in', named)])
    }
  }
  // PostgreSQL: hisaab_search_form() is the migration's search form plus lower(); each LIKE is
  // answered from its column's GIN index, and party ids are an array computed once, so that
  // the party indexes can join the same bitmap OR.
  const like = (column: string) => sql<SqlBool>`hisaab_search_form(${sql.ref(column)}) like hisaab_search_form(${pattern}) escape '\\'`
  return (eb) => {
    const named = sql`array(select np.id from parties np where ${like('np.name_en')} or ${like('np.name_ur')} or ${like('np.name_bal')})`
    return eb.or([like('e.description'), like('e.reference'), like('e.comments'), sql<SqlBool>`${sql.ref('e.from_party_id')} = any(${named})`, sql<SqlBool>`${sql.ref('e.to_party_id')} = any(${named})`])
  }
}

/** A substring pattern for LIKE … ESCAPE '\', with the wildcards in the reader's text taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** An FTS5 phrase: inside double quotes every character is literal but the quote, which is doubled. */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

/** The search form computed by SQLite, for the party names (the FTS5 table holds the entries' already). */
function sqliteSearchForm(expression: Expression<unknown>) {
  let form = sql`${expression}`
  for (const [from, to] of SEARCH_MAPPED) form = sql`replace(${form}, ${sql.raw(`char(${from.codePointAt(0)})`)}, ${sql.raw(`char(${to.codePointAt(0)})`)})`
  for (const c of SEARCH_DROPPED) form = sql`replace(${form}, ${sql.raw(`char(${c.codePointAt(0)})`)}, '')`
  return form
}
