import { describe, expect, test } from 'vitest'
import { createInstance } from 'i18next'
import { i18nOptions } from './i18n'
import { translateMessage } from './message'
import { tooLong } from '../models/form-text'

describe('translateMessage', () => {
  test('fills the placeholders carried after the key, in each language', async () => {
    const i18n = createInstance()
    await i18n.init({ ...i18nOptions, lng: 'en' })
    expect(translateMessage(i18n.getFixedT('en'), tooLong(1000))).toBe('Too long: at most 1000 characters.')
    expect(translateMessage(i18n.getFixedT('ur'), tooLong(1000))).toMatch(/^[^A-Za-z]*1000[^A-Za-z]*$/)
    expect(translateMessage(i18n.getFixedT('bal'), tooLong(1000))).toMatch(/^[^A-Za-z]*1000[^A-Za-z]*$/)
  })

  test('a key alone is just translated', async () => {
    const i18n = createInstance()
    await i18n.init({ ...i18nOptions, lng: 'en' })
    expect(translateMessage(i18n.getFixedT('en'), 'account:fields.required')).toBe('Please fill this in.')
  })
})
