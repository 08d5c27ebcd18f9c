import { useLocation } from '@remix-run/react'
import { LOCALES, localePath, splitLangPath, type Lang, type LocaleInfo } from './locales'

/** The reader's language, from the URL: the same source the server used. */
export function useLang(): Lang {
  return splitLangPath(useLocation().pathname).lang
}

export function useLocale(): LocaleInfo {
  return LOCALES[useLang()]
}

/** Builds links that keep the reader's language. */
export function useLocalePath(): (path: string) => string {
  const lang = useLang()
  return (path) => localePath(lang, path)
}
