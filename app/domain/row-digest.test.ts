import { describe, expect, test } from 'vitest'
import { RowDigestError, TableDigest } from './row-digest'

function digest(rows: Array<Record<string, unknown>>): string {
  const d = new TableDigest('t')
  for (const row of rows) d.add(row)
  return d.hex()
}

describe('a table digest', () => {
  test('is the same for the same values however the driver spelled them, whatever the column order', () => {
    const fromSqlite = { id: 7, amount_minor: 9007199254740991, name: 'بلۆچی', hash: Buffer.from([0, 1, 2]), note: null }
    const fromPostgres = { note: null, hash: new Uint8Array([0, 1, 2]), name: 'بلۆچی', amount_minor: 9007199254740991n, id: 7n }
    expect(digest([fromPostgres])).toBe(digest([fromSqlite]))
  })

  test('tells apart rows that differ in one value, in kind, in order or in where a value ends', () => {
    const base = digest([{ a: 1, b: 'x' }, { a: 2, b: 'y' }])
    expect(digest([{ a: 1, b: 'x' }, { a: 2, b: 'z' }])).not.toBe(base)
    expect(digest([{ a: 2, b: 'y' }, { a: 1, b: 'x' }])).not.toBe(base)
    expect(digest([{ a: 1, b: 'x' }])).not.toBe(base)
    expect(digest([{ a: '1' }])).not.toBe(digest([{ a: 1 }]))
    expect(digest([{ a: null }])).not.toBe(digest([{ a: '' }]))
    expect(digest([{ a: Buffer.from('x') }])).not.toBe(digest([{ a: 'x' }]))
    expect(digest([{ a: 'ab', b: 'c' }])).not.toBe(digest([{ a: 'a', b: 'bc' }]))
    expect(digest([{ a: 1, b: 1 }])).not.toBe(digest([{ a: 1, c: 1 }]))
    // Text is compared by its UTF-8 bytes: a precomposed letter is not its decomposed spelling.
    expect(digest([{ a: '\u00e9' }])).not.toBe(digest([{ a: 'e\u0301' }]))
  })

  test('refuses a number that is not an exact integer, rather than fingerprint a rounded one', () => {
    expect(() => digest([{ a: 2 ** 53 }])).toThrow(RowDigestError)
    expect(() => digest([{ a: 1.5 }])).toThrow(/not an integer/)
    expect(() => digest([{ a: 1 }, { b: 1 }])).toThrow(/columns/)
  })
})
