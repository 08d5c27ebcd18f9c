import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { RouteHandle } from '~/auth/permissions'
import { DisbursementTable } from '~/components/disbursement-table'
import { FlowsTable } from '~/components/flows-table'
import { Money } from '~/components/money'
import { db } from '~/db.server'
import { localName } from '~/i18n/local-name'
import { langFromParams, notFound } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { disbursedByPurpose, flowsByFiscalYear, latestDisbursements, totalFlows, trustBalances } from '~/models/flows.server'
import { findTrustBySlug } from '~/models/trusts.server'

export const handle: RouteHandle = { permission: 'public' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = langFromParams(params, request)
  const trust = await findTrustBySlug(db, params.slug ?? '')
  if (!trust) notFound()
  const scope = { trustPartyId: trust.id }
  const [years, balances, purposes, disbursements] = await Promise.all([
    flowsByFiscalYear(db, scope),
    trustBalances(db, trust.id),
    disbursedByPurpose(db, scope),
    latestDisbursements(db, scope, 15),
  ])
  return {
    title: await pageTitle(lang, 'trust.title', { name: localName(trust.name, lang) }),
    trust,
    years,
    total: totalFlows(years),
    balances,
    purposes,
    disbursements,
  }
}

export default function TrustPage() {
  const { trust, years, total, balances, purposes, disbursements } = useLoaderData<typeof loader>()
  const { t } = useTranslation('pages')
  const lang = useLang()
  const to = useLocalePath()
  return (
    <>
      <p className="muted">
        <a href={to('/trusts')}>{t('trust.back')}</a>
      </p>
      <h1>{localName(trust.name, lang)}</h1>
      <dl className="facts">
        <dt>{t('trust.projects')}</dt>
        <dd>
          {trust.projects.map((p, i) => (
            <span key={p.slug}>
              {i > 0 ? t('common:listSeparator') : null}
              <a href={to(`/projects/${p.slug}`)}>{localName(p.name, lang)}</a>
            </span>
          ))}
        </dd>
        {trust.district ? (
          <>
            <dt>{t('trust.district')}</dt>
            <dd>{t(`domain:district.${trust.district}`, { defaultValue: trust.district })}</dd>
          </>
        ) : null}
      </dl>

      <h2>{t('trust.balance')}</h2>
      <div className="table-wrap">
        <table className="stack">
          <caption>{t('trust.balanceCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trust.currency')}</th>
              <th scope="col" className="amount">{t('trust.received')}</th>
              <th scope="col" className="amount">{t('trust.disbursed')}</th>
              <th scope="col" className="amount">{t('trust.remaining')}</th>
            </tr>
          </thead>
          <tbody>
            {balances.map((b) => (
              <tr key={b.currency}>
                <th scope="row">
                  <bdi className="num">{b.currency}</bdi>
                </th>
                <td className="amount" data-label={t('trust.received')}><Money amountMinor={b.receivedMinor} currency={b.currency} /></td>
                <td className="amount" data-label={t('trust.disbursed')}><Money amountMinor={b.disbursedMinor} currency={b.currency} /></td>
                <td className="amount" data-label={t('trust.remaining')}><Money amountMinor={b.balanceMinor} currency={b.currency} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('trust.byYear')}</h2>
      <FlowsTable years={years} total={total} caption={t('trust.byYearCaption')} />

      <h2>{t('trust.byPurpose')}</h2>
      {purposes.length === 0 ? (
        <p className="muted">{t('common:disbursements.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t('trust.byPurposeCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common:disbursements.purpose')}</th>
                <th scope="col" className="amount">{t('trust.disbursed')}</th>
              </tr>
            </thead>
            <tbody>
              {purposes.map((p) => (
                <tr key={p.purpose}>
                  <th scope="row">{t(`domain:purpose.${p.purpose}`)}</th>
                  <td className="amount"><Money amountMinor={p.disbursedMinor} currency="PKR" /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('trust.latestDisbursements')}</h2>
      <DisbursementTable rows={disbursements} caption={t('trust.latestDisbursementsCaption')} showTrust={false} />
    </>
  )
}
