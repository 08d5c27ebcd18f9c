import enCommon from '../../locales/en/common.json'
import enDomain from '../../locales/en/domain.json'
import enPages from '../../locales/en/pages.json'
import urCommon from '../../locales/ur/common.json'
import urDomain from '../../locales/ur/domain.json'
import urPages from '../../locales/ur/pages.json'
import balCommon from '../../locales/bal/common.json'
import balDomain from '../../locales/bal/domain.json'
import balPages from '../../locales/bal/pages.json'
import enAccount from '../../locales/en/account.json'
import enAdmin from '../../locales/en/admin.json'
import urAccount from '../../locales/ur/account.json'
import urAdmin from '../../locales/ur/admin.json'
import balAccount from '../../locales/bal/account.json'
import balAdmin from '../../locales/bal/admin.json'
import enGfs from '../../locales/en/gfs.json'
import urGfs from '../../locales/ur/gfs.json'
import balGfs from '../../locales/bal/gfs.json'
import enLedger from '../../locales/en/ledger.json'
import urLedger from '../../locales/ur/ledger.json'
import balLedger from '../../locales/bal/ledger.json'
import enEmployment from '../../locales/en/employment.json'
import urEmployment from '../../locales/ur/employment.json'
import balEmployment from '../../locales/bal/employment.json'
import enData from '../../locales/en/data.json'
import urData from '../../locales/ur/data.json'
import balData from '../../locales/bal/data.json'
import type { Lang } from './locales'

/**
 * Every translation, bundled: the pages are rendered on the server, and the few kilobytes of JSON
 * are cheaper than a request per namespace. `common` is the layout and shared words, `domain` the
 * names of the things the ledger records, `pages` each public page's own text, `account` signing in
 * and one's own account, `admin` the screens of staff: users, the audit trail, the workspace,
 * `gfs` the names of the EITI / IMF GFS revenue streams by code, `ledger` the ledger's pages and forms, `employment` local hiring, `data` the open-data page and its data dictionary.
 */
export const NAMESPACES = ['common', 'domain', 'pages', 'account', 'admin', 'gfs', 'ledger', 'employment', 'data'] as const
export type Namespace = (typeof NAMESPACES)[number]

export const resources = {
  en: { common: enCommon, domain: enDomain, pages: enPages, account: enAccount, admin: enAdmin, gfs: enGfs, ledger: enLedger, employment: enEmployment, data: enData },
  ur: { common: urCommon, domain: urDomain, pages: urPages, account: urAccount, admin: urAdmin, gfs: urGfs, ledger: urLedger, employment: urEmployment, data: urData },
  bal: { common: balCommon, domain: balDomain, pages: balPages, account: balAccount, admin: balAdmin, gfs: balGfs, ledger: balLedger, employment: balEmployment, data: balData },
} satisfies Record<Lang, Record<Namespace, object>>
