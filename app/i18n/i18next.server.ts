import { createInstance, type i18n as I18n, type TFunction } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { i18nOptions } from './i18n'
import { LANGS, type Lang } from './locales'

/**
 * One i18next instance per language, made once when the server starts and shared by every
 * request. The language is in the URL and nowhere else, so an instance never changes language;
 * every translation is bundled, so there is nothing to load either. Making an instance per request
 * (and one more per page title) cost a fifth of a public page's server time and left two more
 * instances for the garbage collector each time. Nothing may call changeLanguage, addResource or
 * init on these: they are shared.
 */
const instances = Object.fromEntries(
  LANGS.map((lang) => {
    const instance = createInstance()
    // Synchronous with bundled resources (initImmediate: false), so the instance is ready here.
    void instance.use(initReactI18next).init({ ...i18nOptions, lng: lang, initImmediate: false })
    return [lang, instance]
  }),
) as Record<Lang, I18n>

/** The shared i18next instance for `lang`, for the React tree (I18nextProvider). */
export function i18nFor(lang: Lang): I18n {
  return instances[lang]
}

/** A translation function fixed to `lang` and, by default, the first of `namespaces`. */
export function fixedT(lang: Lang, namespaces: string | readonly string[]): TFunction {
  return instances[lang].getFixedT(lang, namespaces as string | string[])
}
