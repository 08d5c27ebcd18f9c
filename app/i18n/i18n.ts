import type { InitOptions } from 'i18next'
import { DEFAULT_LANG, LANGS } from './locales'
import { NAMESPACES, resources } from './resources'

/** The i18next settings shared by the server and the browser. */
export const i18nOptions = {
  supportedLngs: [...LANGS],
  fallbackLng: DEFAULT_LANG,
  defaultNS: 'common',
  ns: [...NAMESPACES],
  resources,
  // React escapes what it renders; i18next must not escape it a second time.
  interpolation: { escapeValue: false },
  returnNull: false,
} satisfies InitOptions
