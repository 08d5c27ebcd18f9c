/**
 * CSV as RFC 4180 writes it, for spreadsheets: CRLF line ends, a field quoted when it holds a
 * comma, quote, CR or LF (quotes inside doubled), and a UTF-8 byte order mark first so Excel reads
 * Urdu and Balochi names correctly. A text cell that a spreadsheet would run as a formula (it
 * begins with = + - @, a tab or a CR) gets one leading apostrophe; numbers are never changed, so
 * -5 stays a number.
 */
export type CsvCell = string | number | bigint | boolean | null

const BOM = '\uFEFF'
const FORMULA_START = /^[=+\-@\t\r]/

function field(value: CsvCell): string {
  if (value === null) return ''
  if (typeof value !== 'string') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv<C extends string>(columns: readonly C[], rows: ReadonlyArray<Readonly<Record<C, CsvCell>>>): string {
  const lines = [columns.map(field).join(',')]
  for (const row of rows) lines.push(columns.map((c) => field(row[c] ?? null)).join(','))
  return BOM + lines.map((l) => `${l}\r\n`).join('')
}
