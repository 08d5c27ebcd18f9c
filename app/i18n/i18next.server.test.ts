import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider, useTranslation } from 'react-i18next'
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

test('remembered lookups answer as i18next does, and calls with values are translated each time', () => {
  const t = fixedT('en', 'common')
  for (let i = 0; i < 2; i++) {
    expect(t('layout.siteName')).toBe(resources.en.common.layout.siteName)
    expect(t('form.tooLong', { max: 10 + i })).toBe(`Too long: at most ${10 + i} characters.`)
    expect(t('compliance.localHiresNeeded', { count: 1 + i, n: 1 + i })).toBe(i === 0 ? '1 more local hire needed' : '2 more local hires needed')
    expect(t('no.such.key')).toBe('no.such.key')
    expect(t('no.such.key', { defaultValue: `fallback ${i}` })).toBe(`fallback ${i}`)
  }
  // The same key in another language, or under other namespaces, is another lookup.
  expect(fixedT('ur', 'common')('layout.siteName')).toBe(resources.ur.common.layout.siteName)
  expect(fixedT('en', 'pages')('layout.siteName')).not.toBe(resources.en.common.layout.siteName)
})

test('pages translate through react-i18next in the language of their instance', () => {
  function SiteName() {
    const { t } = useTranslation(['common'])
    return createElement('p', null, t('layout.siteName'), ' ', t('form.tooLong', { max: 5 }))
  }
  for (const lang of [...LANGS, ...LANGS]) {
    const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n: i18nFor(lang) }, createElement(SiteName)))
    expect(html).toBe(`<p>${resources[lang].common.layout.siteName} ${resources[lang].common.form.tooLong.replace('{{max}}', '5')}</p>`)
  }
})
