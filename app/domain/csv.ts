/**
 * CSV as RFC 4180 writes it, for spreadsheets: CRLF line ends, a field quoted when it holds a
 * comma, quote, CR or LF (quotes inside doubled), and a UTF-8 byte order mark first so Excel reads
 * Urdu and Balochi names correctly. A text cell that a spreadsheet would run as a formula (it
 * begins with = + - @, a tab or a CR) gets one leading apostrophe, as OWASP advises; numbers are
 * never changed, so -5 stays a number.
 *
 * So that the apostrophe can always be taken off again, a cell whose formula character comes after
 * apostrophes of its own ('=x) gets one too. A reader recovers the original exactly by removing one
 * apostrophe from every text cell that matches ^'+[=+\-@\t\r] (`withoutFormulaGuard`), and from no other.
 */
/** An exact decimal such as "-1250.50": written as the number it is, never formula-prefixed. */
export class CsvDecimal {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`"${text}" is not a decimal number`)
  }
}

export type CsvCell = string | number | bigint | boolean | CsvDecimal | null

const BOM = '\uFEFF'
const FORMULA_START = /^'*[=+\-@\t\r]/
const GUARDED_FORMULA = /^'+[=+\-@\t\r]/

/** The cell as it was before the formula guard: what a reader of our CSV does to every text cell. */
export function withoutFormulaGuard(cell: string): string {
  return GUARDED_FORMULA.test(cell) ? cell.slice(1) : cell
}

function field(value: CsvCell): string {
  if (value === null) return ''
  if (value instanceof CsvDecimal) return value.text
  if (typeof value !== 'string') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const CSV_BOM = BOM

/** One record, CRLF included: for writing a long table a batch at a time. */
export function csvRecord<C extends string>(columns: readonly C[], row: Readonly<Record<C, CsvCell>>): string {
  return `${columns.map((c) => field(row[c] ?? null)).join(',')}\r\n`
}

/** The header record, CRLF included. */
export function csvHeader(columns: readonly string[]): string {
  return `${columns.map(field).join(',')}\r\n`
}

export function toCsv<C extends string>(columns: readonly C[], rows: ReadonlyArray<Readonly<Record<C, CsvCell>>>): string {
  return BOM + csvHeader(columns) + rows.map((row) => csvRecord(columns, row)).join('')
}
