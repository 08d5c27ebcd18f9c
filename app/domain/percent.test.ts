import fc from 'fast-check'
import { expect, test } from 'vitest'
import { percentToBasisPoints } from './percent'

test('percent text becomes exact basis points', () => {
  expect(percentToBasisPoints('70')).toBe(7000)
  expect(percentToBasisPoints('7.5')).toBe(750)
  expect(percentToBasisPoints(' 69.95 ')).toBe(6995)
  expect(percentToBasisPoints('100')).toBe(10_000)
  for (const bad of ['100.01', '101', '-1', '1e2', '7.555', '', 'seventy', '7,5']) expect(percentToBasisPoints(bad)).toBeNull()
})

test('property: every basis point value written as a percent reads back exactly', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => percentToBasisPoints(`${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`) === bp))
})
