/**
 * The "search form" of a text: what the ledger's text search compares, on the reader's words and
 * on the stored text alike, so that a word is found however a keyboard spelled it.
 *
 * - Arabic keyboards type ي ى ك ه where Urdu and Balochi text has ی ک ہ: mapped to the latter.
 * - An Urdu keyboard types ۱۲۳ (and an Arabic one ١٢٣) for the digits of a reference like
 *   "REF-123": mapped to ASCII digits.
 * - Tatweel (a stretched joint), the zero-width non-joiner and joiner (which only change how
 *   letters join) and the short-vowel marks (written in a few words, typed by almost nobody) are
 *   dropped.
 * - Case is not folded here: each engine folds it (SQLite's FTS5 tokenizer and LIKE, PostgreSQL's lower()).
 * - ھ (do-chashmi heh) and ے (bari yeh) are letters of their own in Urdu, and stay.
 *
 * The stored side is computed by the database (db/migrations/2026-12-07T1600Z-ledger-text-search.ts
 * holds a frozen copy of these tables); a test checks the two agree.
 */
export const SEARCH_MAPPED: ReadonlyArray<readonly [from: string, to: string]> = [
  ['\u064a', '\u06cc'],
  ['\u0649', '\u06cc'],
  ['\u0643', '\u06a9'],
  ['\u0647', '\u06c1'],
  ...Array.from({ length: 10 }, (_, d) => [String.fromCharCode(0x0660 + d), String(d)] as const),
  ...Array.from({ length: 10 }, (_, d) => [String.fromCharCode(0x06f0 + d), String(d)] as const),
]

export const SEARCH_DROPPED: readonly string[] = ['\u0640', '\u200c', '\u200d', ...Array.from({ length: 8 }, (_, i) => String.fromCharCode(0x064b + i)), '\u0670']

const MAP = new Map<string, string>([...SEARCH_MAPPED, ...SEARCH_DROPPED.map((c) => [c, ''] as const)])
const PATTERN = new RegExp(`[${[...MAP.keys()].join('')}]`, 'gu')

export function searchForm(text: string): string {
  return text.replace(PATTERN, (c) => MAP.get(c) as string)
}

/** Trigram indexes find strings of at least this many characters (code points). */
export const TRIGRAM = 3

export function isIndexable(form: string): boolean {
  return [...form].length >= TRIGRAM
}
