import enCommon from '../../locales/en/common.json'
import enDomain from '../../locales/en/domain.json'
import enPages from '../../locales/en/pages.json'
import urCommon from '../../locales/ur/common.json'
import urDomain from '../../locales/ur/domain.json'
import urPages from '../../locales/ur/pages.json'
import balCommon from '../../locales/bal/common.json'
import balDomain from '../../locales/bal/domain.json'
import balPages from '../../locales/bal/pages.json'
import type { Lang } from './locales'

/**
 * Every translation, bundled: the pages are rendered on the server, and the few kilobytes of JSON
 * are cheaper than a request per namespace. `common` is the layout and shared words, `domain` the
 * names of the things the ledger records, `pages` each page's own text.
 */
export const NAMESPACES = ['common', 'domain', 'pages'] as const
export type Namespace = (typeof NAMESPACES)[number]

export const resources = {
  en: { common: enCommon, domain: enDomain, pages: enPages },
  ur: { common: urCommon, domain: urDomain, pages: urPages },
  bal: { common: balCommon, domain: balDomain, pages: balPages },
} satisfies Record<Lang, Record<Namespace, object>>
