import { expect, test } from 'vitest'
import blns from '../../../shared/testdata/blns/blns.json'
import { parseProjectFilters } from './project-filters'

test('known values become filters', () => {
  const { filters, ignored } = parseProjectFilters(new URLSearchParams('province=balochistan&mineral=copper&status=production'))
  expect(filters).toEqual({ province: 'balochistan', mineral: 'copper', status: 'production' })
  expect(ignored).toEqual([])
})

test('empty values mean no filter', () => {
  expect(parseProjectFilters(new URLSearchParams('province=&mineral=&status='))).toEqual({ filters: {}, ignored: [] })
})

test('every naughty string is ignored and reported, never thrown', () => {
  for (const junk of blns as string[]) {
    const search = new URLSearchParams()
    search.set('province', junk)
    search.set('status', junk)
    const { filters, ignored } = parseProjectFilters(search)
    expect(filters.province).toBeUndefined()
    expect(filters.status).toBeUndefined()
    if (junk !== '') expect(ignored).toContain('province')
  }
})
