/**
 * The open data set's tables as downloads: CSV, JSON, and all of them together as a Frictionless
 * Tabular Data Package (https://specs.frictionlessdata.io/tabular-data-package/), zipped.
 */
import type { Database } from '../../db/client'
import { csvHeader, csvRecord, CsvDecimal, CSV_BOM, type CsvCell } from '../domain/csv'
import type { OpenRow, OpenTable } from '../models/open-data.server'
import { LICENCE } from './ledger-formats'
import { zipStream } from './zip-stream'

export interface Consistency {
  checkpoint: { size: number; url: string; signedAt: string }
}

const jsonValue = (cell: CsvCell): unknown => (cell instanceof CsvDecimal ? cell.text : typeof cell === 'bigint' ? cell.toString() : cell)

/** A row as JSON gives it: exact decimals as strings, everything else as it is. */
export function jsonRow(row: OpenRow): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, jsonValue(v)]))
}

/**
 * A table as CSV or JSON text. CSV downloads start with a byte order mark for Excel; the data
 * package's CSVs do not (`bom: false`), because its readers take the mark for part of the first
 * column's name.
 */
export async function* tableText(db: Database, table: OpenTable, format: 'csv' | 'json', at: Consistency, options: { bom: boolean } = { bom: true }): AsyncGenerator<string> {
  const names = table.columns.map((c) => c.name)
  if (format === 'csv') yield (options.bom ? CSV_BOM : '') + csvHeader(names)
  else yield `${JSON.stringify({ licence: LICENCE, checkpoint: { size: at.checkpoint.size, url: at.checkpoint.url }, table: table.name, columns: names }).slice(0, -1)},"rows":[\n`
  let first = true
  for await (const batch of table.rows(db, at.checkpoint.size)) {
    if (batch.length === 0) continue
    if (format === 'csv') yield batch.map((row) => csvRecord(names, row)).join('')
    else {
      yield `${first ? '' : ',\n'}${batch.map((row) => JSON.stringify(jsonRow(row))).join(',\n')}`
      first = false
    }
  }
  if (format === 'json') yield '\n]}\n'
}

/** datapackage.json: the package, its licence and checkpoint, and a Table Schema per table. */
export function dataPackageDescriptor(tables: readonly OpenTable[], at: Consistency, describe: (column: string) => string) {
  return {
    profile: 'tabular-data-package',
    name: 'hisaab-open-data',
    title: 'Hisaab: mining royalties, community development trusts and local hiring in Pakistan',
    description: `Every public record of the Hisaab portal, consistent with its signed ledger checkpoint of ${at.checkpoint.size} entries. Text cells that begin with = + - @ tab or CR (after any apostrophes) carry one extra leading apostrophe against spreadsheet formula injection: remove it from cells matching ^'+[=+\\-@\\t\\r] to recover the text.`,
    licenses: [LICENCE],
    created: at.checkpoint.signedAt.replace(/\.\d{3}Z$/, 'Z'),
    keywords: ['EITI', 'extractives', 'mining', 'royalties', 'Pakistan', 'community development', 'local content'],
    hisaab_checkpoint: { size: at.checkpoint.size, url: at.checkpoint.url },
    resources: tables.map((t) => ({
      profile: 'tabular-data-resource',
      name: t.name,
      path: `data/${t.name}.csv`,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: { delimiter: ',', doubleQuote: true, quoteChar: '"', lineTerminator: '\r\n', header: true },
      schema: {
        fields: t.columns.map((c) => ({
          name: c.name,
          type: c.type,
          // Times are written with milliseconds, which the default ISO format does not allow.
          ...(c.type === 'datetime' ? { format: 'any' } : {}),
          description: describe(c.name),
          ...(c.required ? { constraints: { required: true } } : {}),
        })),
        ...(t.name === 'ledger' ? { primaryKey: 'seq' } : {}),
      },
    })),
  }
}

/**
 * The zipped data package: datapackage.json (made by `dataPackageDescriptor`), then each table's
 * CSV (without a byte order mark), compressed as `csvOf` produces it. On the server all of it is
 * made in the export worker.
 */
export function dataPackageZip(tables: readonly OpenTable[], descriptor: string, csvOf: (table: OpenTable) => AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  return zipStream([
    {
      name: 'datapackage.json',
      async *content() {
        yield descriptor
      },
    },
    ...tables.map((table) => ({ name: `data/${table.name}.csv`, content: () => csvOf(table) })),
  ])
}
