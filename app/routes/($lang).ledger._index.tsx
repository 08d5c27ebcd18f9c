import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { DateText } from '~/components/date-text'
import { FiscalYear } from '~/components/fiscal-year'
import { Money } from '~/components/money'
import { db } from '~/db.server'
import { ENTRY_KINDS, PURPOSES } from '~/domain/ledger'
import { localName } from '~/i18n/local-name'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { ledgerFiltersToQuery, parseLedgerFilters, parseLedgerPage } from '~/models/ledger-filters'
import { ledgerFiscalYears, listLedger } from '~/models/ledger-list.server'
import { listRevenueStreams } from '~/models/parties.server'
import { listProjects } from '~/models/projects.server'
import { listTrusts } from '~/models/trusts.server'

export const handle: RouteHandle = { permission: 'public' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  ...(data ? [{ tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: data.feedPath }] : []),
]

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requirePermission(args, 'public')
  const search = new URL(args.request.url).searchParams
  const { filters, ignored } = parseLedgerFilters(search)
  const [page, projects, trusts, streams, fiscalYears] = await Promise.all([
    listLedger(db, filters, parseLedgerPage(search)),
    listProjects(db),
    listTrusts(db),
    listRevenueStreams(db),
    ledgerFiscalYears(db),
  ])
  return {
    title: await pageTitle(lang, 'ledger:list.title'),
    feedPath: localePath(lang, '/ledger/feed.atom'),
    page,
    filters,
    exportQuery: new URLSearchParams(ledgerFiltersToQuery(filters)).toString(),
    ignored,
    projects: projects.map(({ id, name }) => ({ id, name })),
    trusts: trusts.map(({ id, name }) => ({ id, name })),
    streams: streams.map((s) => s.code),
    fiscalYears,
  }
}

function Select({ name, label, value, options }: { name: string; label: string; value: string | number | undefined; options: Array<{ value: string | number; label: string }> }) {
  const { t } = useTranslation('ledger')
  return (
    <label>
      {label}
      <select name={name} defaultValue={value === undefined ? '' : String(value)}>
        <option value="">{t('list.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  )
}

export default function Ledger() {
  const { page, filters, exportQuery, ignored, projects, trusts, streams, fiscalYears } = useLoaderData<typeof loader>()
  const { t } = useTranslation('ledger')
  const lang = useLang()
  const to = useLocalePath()
  const location = useLocation()
  const next = new URLSearchParams(location.search)
  if (page.nextCursor) next.set('after', page.nextCursor)
  const first = new URLSearchParams(location.search)
  first.delete('after')
  // Each row repeats its column's name (data-label, for the stacked layout on a phone): translated once.
  const column = { date: t('list.date'), what: t('list.what'), fromParty: t('list.fromParty'), toParty: t('list.toParty'), amount: t('list.amount') }
  return (
    <>
      <h1>{t('list.heading')}</h1>
      <p className="lede">{t('list.lede')}</p>
      <form method="get" className="filters" aria-label={t('list.filters')}>
        <Select name="project" label={t('list.project')} value={filters.projectId} options={projects.map((p) => ({ value: p.id, label: localName(p.name, lang) }))} />
        <Select name="trust" label={t('list.trust')} value={filters.trustId} options={trusts.map((p) => ({ value: p.id, label: localName(p.name, lang) }))} />
        <Select name="kind" label={t('list.kind')} value={filters.kind} options={ENTRY_KINDS.map((k) => ({ value: k, label: t(`domain:entryKind.${k}`) }))} />
        <Select name="gfs" label={t('list.stream')} value={filters.gfsCode} options={streams.map((code) => ({ value: code, label: t(`gfs:${code}`) }))} />
        <Select name="purpose" label={t('list.purpose')} value={filters.purpose} options={PURPOSES.map((p) => ({ value: p, label: t(`domain:purpose.${p}`) }))} />
        <Select name="fy" label={t('list.fiscalYear')} value={filters.fiscalYear} options={fiscalYears.map((fy) => ({ value: fy, label: `${t('common:fiscalYear.prefix')} ${fy}-${String((fy + 1) % 100).padStart(2, '0')}` }))} />
        <label>
          {t('list.from')}
          <input type="date" name="from" defaultValue={filters.dateFrom ?? ''} />
        </label>
        <label>
          {t('list.to')}
          <input type="date" name="to" defaultValue={filters.dateTo ?? ''} />
        </label>
        <label>
          {t('list.text')}
          <input type="search" name="q" defaultValue={filters.text ?? ''} maxLength={200} />
        </label>
        <label>
          {t('list.sort')}
          <select name="order" defaultValue={filters.order ?? 'desc'}>
            <option value="desc">{t('list.newest')}</option>
            <option value="asc">{t('list.oldest')}</option>
          </select>
        </label>
        <button type="submit" className="button">
          {t('list.apply')}
        </button>
        <a className="button button--quiet" href={to('/ledger')}>
          {t('list.clear')}
        </a>
      </form>
      {ignored.length > 0 ? (
        <p role="status" className="demo-banner">
          {t('list.ignored')}
        </p>
      ) : null}

      <h2>{t('list.totals')}</h2>
      <dl className="facts">
        {ENTRY_KINDS.map((kind) => (
          <div key={kind} className="contents">
            <dt>{t(`domain:entryKind.${kind}`)}</dt>
            <dd>
              <Money amountMinor={page.totals[kind]} currency="PKR" />
            </dd>
          </div>
        ))}
      </dl>
      <p className="downloads-inline">
        <bdi>{t('data:exportThis')}</bdi>{' '}
        <span dir="ltr">
          <a href={`/downloads/ledger/entries.csv${exportQuery ? `?${exportQuery}` : ''}`}>CSV</a> · <a href={`/downloads/ledger/entries.json${exportQuery ? `?${exportQuery}` : ''}`}>JSON</a> ·{' '}
          <a href={`/downloads/ledger/entries.ndjson${exportQuery ? `?${exportQuery}` : ''}`}>NDJSON</a>
        </span>
      </p>
      <p className="downloads-inline">
        <a href={to('/data')}>{t('data:nav')}</a> ·{' '}
        <a href={to('/ledger/feed.atom')} type="application/atom+xml">
          {t('feed.link')}
        </a>
      </p>

      {page.rows.length === 0 ? (
        <p>{t('list.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption>{t('list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{column.date}</th>
                <th scope="col">{column.what}</th>
                <th scope="col">{column.fromParty}</th>
                <th scope="col">{column.toParty}</th>
                <th scope="col" className="amount">{column.amount}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className={row.reversedBy ? 'reversed-row' : undefined}>
                  <td data-label={column.date}>
                    <a href={to(`/ledger/${row.id}`)}>
                      <DateText iso={row.valueDate} />
                    </a>
                  </td>
                  <td data-label={column.what}>
                    <span>
                      {t(`domain:entryKind.${row.kind}`)}
                      <span className="muted block">
                        {row.gfsCode ? t(`gfs:${row.gfsCode}`) : row.purpose ? t(`domain:purpose.${row.purpose}`) : null}
                        {row.reversesEntryId ? ` · ${t('list.reversal', { id: row.reversesEntryId })}` : null}
                        {row.reversedBy ? ` · ${t('list.reversed')}` : null}
                      </span>
                      <span className="muted block">
                        <FiscalYear year={row.fiscalYear} /> · <bdi>{localName(row.project.name, lang)}</bdi>
                      </span>
                    </span>
                  </td>
                  <td data-label={column.fromParty}>{localName(row.from.name, lang)}</td>
                  <td data-label={column.toParty}>{localName(row.to.name, lang)}</td>
                  <td className="amount" data-label={column.amount}>
                    <span>
                      <Money amountMinor={row.amountMinor} currency={row.currency} />
                      {row.currency !== 'PKR' ? (
                        <span className="muted block">
                          <Money amountMinor={row.pkrAmountMinor} currency="PKR" />
                        </span>
                      ) : null}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager">
        {location.search.includes('after=') ? <a href={`?${first.toString()}`}>{t('list.first')}</a> : null}
        {page.nextCursor ? (
          <a href={`?${next.toString()}`} rel="next">
            {t('list.next')}
          </a>
        ) : null}
      </nav>
    </>
  )
}
