import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { toCsv } from './csv'

const NAUGHTY: string[] = JSON.parse(readFileSync('/work/shared/testdata/blns/blns.json', 'utf8'))

/** A strict RFC 4180 reader: records end in CRLF, quoted fields may hold anything, quotes doubled. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let i = 0
  while (i < text.length) {
    let value = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote')
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"'
            i += 2
            continue
          }
          i++
          break
        }
        value += text[i++]
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error('quote inside an unquoted field')
        value += text[i++]
      }
    }
    record.push(value)
    if (text[i] === ',') {
      i++
    } else if (text.startsWith('\r\n', i)) {
      i += 2
      records.push(record)
      record = []
    } else {
      throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`)
    }
  }
  if (record.length > 0) throw new Error('last record not ended by CRLF')
  return records
}

const expected = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)

describe('toCsv', () => {
  test('starts with a BOM, ends records with CRLF, quotes what needs it', () => {
    const csv = toCsv(['a', 'b', 'c'] as const, [{ a: 'x,y', b: 'say "hi"', c: 'line\nbreak' }, { a: null, b: 42, c: true }])
    expect(csv).toBe('\uFEFFa,b,c\r\n"x,y","say ""hi""","line\nbreak"\r\n,42,true\r\n')
  })

  test('defuses formulas in text but never touches numbers', () => {
    const csv = toCsv(['t', 'n'] as const, [{ t: '=SUM(A1)', n: -5 }, { t: '-5', n: 0 }, { t: '\tx', n: 1.5 }, { t: '\rx', n: 2 }])
    expect(parseCsv(csv.slice(1)).slice(1)).toEqual([
      ["'=SUM(A1)", '-5'],
      ["'-5", '0'],
      ["'\tx", '1.5'],
      ["'\rx", '2'],
    ])
  })

  test('the naughty strings survive a round trip', () => {
    const rows = NAUGHTY.map((s, i) => ({ id: i, text: s, again: `${s},${s}` }))
    const parsed = parseCsv(toCsv(['id', 'text', 'again'] as const, rows).replace(/^\uFEFF/, ''))
    expect(parsed[0]).toEqual(['id', 'text', 'again'])
    expect(parsed.slice(1)).toEqual(rows.map((r) => [String(r.id), expected(r.text), expected(r.again)]))
  })

  test('property: any strings survive a round trip', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 2 })), (cells) => {
        const rows = cells.map(([a, b]) => ({ a: a!, b: b! }))
        expect(parseCsv(toCsv(['a', 'b'] as const, rows).slice(1)).slice(1)).toEqual(rows.map((r) => [expected(r.a), expected(r.b)]))
      }),
    )
  })
})
