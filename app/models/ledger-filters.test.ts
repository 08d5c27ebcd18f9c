import { describe, expect, test } from 'vitest'
import blns from '../../../shared/testdata/blns/blns.json'
import { LedgerFiltersSchema, parseLedgerFilters, parseLedgerPage, TEXT_FILTER_MAX } from './ledger-filters'

const parse = (query: string) => parseLedgerFilters(new URLSearchParams(query))

describe('ledger filters from the query string', () => {
  test('known values become filters', () => {
    expect(parse('project=3&trust=12&kind=disbursement&gfs=1415E1&purpose=water&fy=2024-25&from=2024-07-01&to=2025-06-30&q=%20girls%20school%20&order=asc')).toEqual({
      filters: { projectId: 3, trustId: 12, kind: 'disbursement', gfsCode: '1415E1', purpose: 'water', fiscalYear: 2024, dateFrom: '2024-07-01', dateTo: '2025-06-30', text: 'girls school', order: 'asc' },
      ignored: [],
    })
    expect(parse('fy=2023').filters).toEqual({ fiscalYear: 2023 })
    expect(parse('q=%D9%84%D8%B3%D8%A8%DB%8C%D9%84%DB%81').filters).toEqual({ text: 'لسبیلہ' })
  })

  test('empty values, and text that is only spaces, mean no filter', () => {
    expect(parse('project=&trust=&kind=&gfs=&purpose=&fy=&from=&to=&q=%20%20&order=')).toEqual({ filters: {}, ignored: [] })
  })

  test('a value we cannot use is dropped and reported, the rest kept', () => {
    expect(parse('project=0&trust=1e3&kind=bribe&gfs=1415E1;drop&purpose=Water&fy=2024-26&from=2024-02-30&to=31/12/2024&order=sideways&q=ok')).toEqual({
      filters: { text: 'ok' },
      ignored: ['project', 'trust', 'kind', 'gfs', 'purpose', 'fy', 'from', 'to', 'order'],
    })
    expect(parse(`project=0x10&trust=%205&q=${'x'.repeat(TEXT_FILTER_MAX + 1)}`).ignored).toEqual(['project', 'trust', 'q'])
    expect(parse('project=9007199254740993').ignored).toEqual(['project'])
  })

  test('every naughty string is either a usable value or ignored and reported, never thrown', () => {
    const FIELD = { project: 'projectId', trust: 'trustId', kind: 'kind', gfs: 'gfsCode', purpose: 'purpose', fy: 'fiscalYear', from: 'dateFrom', to: 'dateTo', q: 'text', order: 'order' } as const
    expect(Object.keys(FIELD).sort()).toEqual(Object.keys(LedgerFiltersSchema.shape).sort())
    for (const junk of blns as string[]) {
      const search = new URLSearchParams()
      for (const key of Object.keys(FIELD)) search.set(key, junk)
      const { filters, ignored } = parseLedgerFilters(search)
      for (const [key, field] of Object.entries(FIELD)) {
        const blank = key === 'q' ? junk.trim() === '' : junk === ''
        const used = filters[field] !== undefined
        expect(used && ignored.includes(key), `${key}=${JSON.stringify(junk)}`).toBe(false)
        expect(used || ignored.includes(key), `${key}=${JSON.stringify(junk)}`).toBe(!blank)
      }
      if (junk.trim() !== '' && junk.trim().length <= TEXT_FILTER_MAX) expect(filters.text).toBe(junk.trim())
      if (filters.projectId !== undefined) expect(Number.isSafeInteger(filters.projectId) && filters.projectId > 0).toBe(true)
    }
  })
})

describe('ledger page from the query string', () => {
  test('a cursor is passed on as it is; the size is 1–200, 50 unless asked', () => {
    expect(parseLedgerPage(new URLSearchParams('after=abc&limit=20'))).toEqual({ after: 'abc', limit: 20 })
    expect(parseLedgerPage(new URLSearchParams(''))).toEqual({ limit: 50 })
    for (const bad of ['0', '201', '-1', 'ten', '1.5']) expect(parseLedgerPage(new URLSearchParams(`limit=${bad}`))).toEqual({ limit: 50 })
  })
})
