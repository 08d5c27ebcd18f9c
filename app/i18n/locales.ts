/**
 * The locale table: the one place that says how each language is written and formatted.
 * Direction comes from here, never from i18next (which believes Balochi is left to right).
 * See docs/decisions/0003-locale-table.md.
 */
export const LANGS = ['en', 'ur', 'bal'] as const
export type Lang = (typeof LANGS)[number]
export const DEFAULT_LANG: Lang = 'en'

export interface LocaleInfo {
  code: Lang
  /** The language's name in itself, for the switcher. */
  endonym: string
  dir: 'ltr' | 'rtl'
  /** Class on <html> that picks the font stack in app/styles/app.css. */
  fontClass: 'font-latin' | 'font-nastaliq' | 'font-naskh'
  /**
   * A locale Node's ICU really knows, or null where it has no data and formatting comes from
   * app/i18n/balochi.ts instead (ICU would silently fall back to English).
   */
  intlLocale: string | null
}

export const LOCALES: Record<Lang, LocaleInfo> = {
  en: { code: 'en', endonym: 'English', dir: 'ltr', fontClass: 'font-latin', intlLocale: 'en-PK' },
  ur: { code: 'ur', endonym: 'اردو', dir: 'rtl', fontClass: 'font-nastaliq', intlLocale: 'ur-PK' },
  bal: { code: 'bal', endonym: 'بلۆچی', dir: 'rtl', fontClass: 'font-naskh', intlLocale: null },
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
}

/** The path for `path` in `lang`: English lives at the root, the others under their code. */
export function localePath(lang: Lang, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`
  if (lang === DEFAULT_LANG) return clean
  return clean === '/' ? `/${lang}` : `/${lang}${clean}`
}

/** Splits a URL path into its language and the language-free rest: `/ur/projects` → `ur`, `/projects`. */
export function splitLangPath(pathname: string): { lang: Lang; rest: string } {
  const [, first, ...more] = pathname.split('/')
  if (isLang(first) && first !== DEFAULT_LANG) return { lang: first, rest: `/${more.join('/')}` }
  return { lang: DEFAULT_LANG, rest: pathname || '/' }
}
