import { expect, test } from 'vitest'
import { validateReportLines } from '../domain/employment'
import { overlongReportFields, parseDistricts, parseReportForm } from './report-form'

test('district breakdowns are read in either script, and inconsistent ones are caught by validation', () => {
  expect(parseDistricts('Chagai: 40, Nushki 29')).toEqual({ Chagai: 40, Nushki: 29 })
  expect(parseDistricts('چاغی ۴۰، نوشکی ۲۹')).toEqual({ چاغی: 40, نوشکی: 29 })
  expect(parseDistricts('  ')).toBeUndefined()
  expect(Object.values(parseDistricts('Chagai forty')!)).toEqual([Number.NaN])
  const form = new FormData()
  for (const [k, v] of Object.entries({ projectId: '3', periodKind: 'quarter', periodStart: '2026-07-01', idempotencyKey: 'k', unskilled_total: '100', unskilled_local: '69', unskilled_women: '۵', unskilled_districts: 'Chagai 40, Nushki 20' })) form.set(k, v)
  const parsed = parseReportForm(form)
  expect(parsed.lines).toEqual([{ jobCategory: 'unskilled', total: 100, local: 69, women: 5, districts: { Chagai: 40, Nushki: 20 } }])
  expect(validateReportLines(parsed.lines).unskilled?.districts).toBe('districts_do_not_sum')
})

test('every typed field of the report form has a length limit, checked on the server', () => {
  const form = new FormData()
  form.set('unskilled_total', '12')
  form.set('unskilled_districts', 'Chagai 40, '.repeat(15_000))
  form.set('management_women', '9'.repeat(41))
  expect(overlongReportFields(form)).toEqual({ unskilled_districts: 'common:form.tooLong|max=500', management_women: 'common:form.tooLong|max=40' })
  form.set('unskilled_districts', 'Chagai 40')
  form.set('management_women', '9')
  expect(overlongReportFields(form)).toEqual({})
})
