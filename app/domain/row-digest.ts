/**
 * A table's fingerprint: SHA-256 over its rows, in the order given (primary-key order), that comes
 * out the same whether SQLite or PostgreSQL was read. Both drivers hand over the same JS values for
 * the same data (db/client.ts): integers as numbers, text as strings, bytes as Buffers, NULL as
 * null. Each value is written with its kind and, where it varies, its length, so no two different
 * rows make the same bytes; column names are part of the hash, sorted, so column order in either
 * database does not matter.
 *
 *   integer  "I" decimal ";"        (a number must be a safe integer; a bigint is written the same)
 *   text     "T" u64 byte length, UTF-8 bytes
 *   bytes    "B" u64 length, the bytes
 *   null     "N"
 */
import { createHash, type Hash } from 'node:crypto'

export class RowDigestError extends Error {}

export class TableDigest {
  rows = 0
  #hash: Hash = createHash('sha256')
  #columns: string[] | null = null

  constructor(readonly table: string) {}

  add(row: Readonly<Record<string, unknown>>): void {
    const columns = Object.keys(row).sort()
    if (this.#columns === null) {
      this.#columns = columns
      this.#hash.update(encodeText(columns.join('\n')))
    } else if (columns.join('\n') !== this.#columns.join('\n')) {
      throw new RowDigestError(`${this.table}: a row has the columns ${columns.join(', ')}, not ${this.#columns.join(', ')}`)
    }
    const parts: Uint8Array[] = []
    for (const column of columns) parts.push(encodeValue(this.table, column, row[column]))
    this.#hash.update(Buffer.concat(parts))
    this.rows += 1
  }

  /** The hex SHA-256; call once, after the last row. */
  hex(): string {
    return this.#hash.digest('hex')
  }
}

function encodeValue(table: string, column: string, value: unknown): Uint8Array {
  if (value === null || value === undefined) return NULL
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RowDigestError(`${table}.${column} holds ${value}, which is not an integer a JS number holds exactly (up to 2^53 − 1)`)
    return Buffer.from(`I${value};`, 'latin1')
  }
  if (typeof value === 'bigint') return Buffer.from(`I${value};`, 'latin1')
  if (typeof value === 'string') return encodeText(value)
  if (value instanceof Uint8Array) return withLength('B', value)
  throw new RowDigestError(`${table}.${column} holds a ${typeof value}, which no Hisaab column holds`)
}

const NULL = Buffer.from('N', 'latin1')

function encodeText(text: string): Uint8Array {
  return withLength('T', Buffer.from(text, 'utf8'))
}

function withLength(kind: 'T' | 'B', bytes: Uint8Array): Uint8Array {
  const head = Buffer.alloc(9)
  head.write(kind, 0, 'latin1')
  head.writeBigUInt64BE(BigInt(bytes.length), 1)
  return Buffer.concat([head, bytes])
}
