import { formatDate, formatMoney } from '../i18n/format'
import { fixedT } from '../i18n/i18next.server'
import { localName } from '../i18n/local-name'
import { localePath, type Lang } from '../i18n/locales'
import type { FeedEntry } from '../models/feed.server'
import { atomFeed } from './atom'

/** An Atom feed of newly published entries in the reader's language: site-wide, or one project's. */
export async function ledgerFeed(options: { lang: Lang; origin: string; selfPath: string; pagePath: string; project?: { name: Parameters<typeof localName>[0] }; entries: FeedEntry[] }): Promise<string> {
  const { lang, origin } = options
  const t = fixedT(lang, ['ledger', 'domain'])
  const entries = options.entries.map((e) => {
    const summary = t('feed.summary', { seq: e.seq, date: formatDate(lang, e.valueDate) })
    return {
      // The entry's address is its permanent identity: it never changes once published.
      id: `${origin}/ledger/${e.id}`,
      url: `${origin}${localePath(lang, `/ledger/${e.id}`)}`,
      title: t('feed.entryTitle', {
        kind: t(`domain:entryKind.${e.kind}`),
        amount: formatMoney(lang, { amountMinor: e.amountMinor, currency: e.currency }),
        from: localName(e.from.name, lang),
        to: localName(e.to.name, lang),
        interpolation: { escapeValue: false },
      }),
      updated: e.approvedAt,
      summary: e.description ? `${summary} ${e.description}` : summary,
    }
  })
  return atomFeed({
    id: `${origin}${options.selfPath}`,
    title: options.project ? t('feed.projectTitle', { project: localName(options.project.name, lang), interpolation: { escapeValue: false } }) : t('feed.title'),
    lang,
    selfUrl: `${origin}${options.selfPath}`,
    pageUrl: `${origin}${options.pagePath}`,
    // An empty feed is as old as the Unix epoch rather than "now", so that its ETag holds still.
    updated: options.entries[0]?.approvedAt ?? '1970-01-01T00:00:00.000Z',
    entries,
  })
}
