import { RemixI18Next } from 'remix-i18next/server'
import { i18nOptions } from './i18n'
import { DEFAULT_LANG, LANGS, splitLangPath } from './locales'

/** The language is in the URL and nowhere else, so a shared link always keeps it. */
export const remixI18n = new RemixI18Next({
  detection: {
    supportedLanguages: [...LANGS],
    fallbackLanguage: DEFAULT_LANG,
    order: ['custom'],
    findLocale: async (request) => splitLangPath(new URL(request.url).pathname).lang,
  },
  i18next: i18nOptions,
})
