import type { TOptions } from 'i18next'
import { fixedT } from './i18next.server'
import type { Lang } from './locales'

/** A page title in the reader's language, "<page> · Hisaab", for a route's meta. */
export async function pageTitle(lang: Lang, key: string, options: TOptions = {}): Promise<string> {
  const t = fixedT(lang, ['pages', 'common'])
  return `${t(key, options)} · ${t('common:layout.siteName')}`
}
