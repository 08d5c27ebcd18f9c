import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseCsv } from '../../tests/fixtures/csv'
import { toCsv, withoutFormulaGuard } from './csv'

const NAUGHTY: string[] = JSON.parse(readFileSync('/work/shared/testdata/blns/blns.json', 'utf8'))


const expected = (s: string) => (/^'*[=+\-@\t\r]/.test(s) ? `'${s}` : s)

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

  test('property: removing the guard gives back exactly the original text, and touches nothing else', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^['=+\-@\t\rab]{0,6}$/), fc.string(), (start, rest) => {
        const original = start + rest
        const [, [cell]] = parseCsv(toCsv(['t'] as const, [{ t: original }]).slice(1)) as [string[], string[]]
        expect(withoutFormulaGuard(cell!)).toBe(original)
      }),
    )
    expect(withoutFormulaGuard("'=SUM(A1)")).toBe('=SUM(A1)')
    expect(withoutFormulaGuard("'quoted'")).toBe("'quoted'")
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
