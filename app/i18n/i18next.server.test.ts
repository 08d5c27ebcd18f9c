import { expect, test } from 'vitest'
import { fixedT, i18nFor } from './i18next.server'
import { LANGS } from './locales'
import { resources } from './resources'

test('each language has its own ready instance, and using one never changes another', () => {
  for (const lang of LANGS) {
    expect(i18nFor(lang).isInitialized).toBe(true)
    expect(i18nFor(lang).language).toBe(lang)
  }
  // Requests in different languages interleave on the one thread.
  for (const lang of [...LANGS, ...[...LANGS].reverse()]) {
    expect(fixedT(lang, ['pages', 'common'])('common:layout.siteName')).toBe(resources[lang].common.layout.siteName)
    expect(i18nFor(lang).t('layout.tagline')).toBe(resources[lang].common.layout.tagline)
  }
  for (const lang of LANGS) expect(i18nFor(lang).language).toBe(lang)
})

test('a fixed t reads its first namespace by default and others by prefix', () => {
  const t = fixedT('ur', ['pages', 'common'])
  expect(t('home.title')).toBe(resources.ur.pages.home.title)
  expect(t('common:layout.siteName')).toBe(resources.ur.common.layout.siteName)
  expect(fixedT('en', 'data')('common:layout.siteName')).toBe(resources.en.common.layout.siteName)
})
