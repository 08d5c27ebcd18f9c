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
    rememberPlainTranslations(instance)
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

/** Options that fixedT itself adds to every call; a call with nothing else is a plain lookup. */
const FIXED_T_OPTIONS = new Set(['lng', 'lngs', 'ns', 'keyPrefix'])

/**
 * Past this many remembered strings, lookups are translated afresh: the keys are our own (the
 * resources hold a few thousand), but a key built from data must not grow the map without end.
 */
const MAX_REMEMBERED = 20_000

/**
 * Remembers the result of each plain lookup — a key with no interpolation values, count, context
 * or default — which can never change, since the instance's language and resources never do.
 * i18next resolves every call afresh (splitting the key, walking namespaces and fallbacks, copying
 * options), which made translation a quarter of what a page render allocates; a ledger page asks
 * for the same few dozen words hundreds of times. Calls with any other option go to i18next as before.
 */
function rememberPlainTranslations(instance: I18n): void {
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown
  const remembered = new Map<string, string>()
  const t = (...args: unknown[]): unknown => {
    const id = args.length <= 2 ? plainLookupId(args[0], args[1]) : null
    if (id === null) return translate(...args)
    const known = remembered.get(id)
    if (known !== undefined) return known
    const result = translate(...args)
    if (typeof result === 'string' && remembered.size < MAX_REMEMBERED) remembered.set(id, result)
    return result
  }
  instance.t = t as unknown as I18n['t']
}

/** The identity of a plain lookup (language, namespaces, prefix, key), or null when it is not one. */
function plainLookupId(key: unknown, options: unknown): string | null {
  if (typeof key !== 'string') return null
  if (options === undefined) return `\0\0\0${key}`
  if (typeof options !== 'object' || options === null) return null
  const o = options as Record<string, unknown>
  for (const name in o) if (!FIXED_T_OPTIONS.has(name)) return null
  // react-i18next asks for its fixedT with lng null, which leaves lng unset and lngs null.
  if (o.lngs != null || (o.lng != null && typeof o.lng !== 'string') || (o.keyPrefix != null && typeof o.keyPrefix !== 'string')) return null
  const ns = o.ns === undefined ? '' : typeof o.ns === 'string' ? o.ns : Array.isArray(o.ns) ? o.ns.join(',') : null
  if (ns === null) return null
  return `${(o.lng as string | null | undefined) ?? ''}\0${ns}\0${(o.keyPrefix as string | null | undefined) ?? ''}\0${key}`
}
