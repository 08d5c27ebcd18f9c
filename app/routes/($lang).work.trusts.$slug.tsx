import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { DateText } from '~/components/date-text'
import { Money } from '~/components/money'
import { db } from '~/db.server'
import { localName } from '~/i18n/local-name'
import { langFromParams, notFound } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang } from '~/i18n/use-lang'
import { findTrustBySlug } from '~/models/trusts.server'
import { pendingEntriesOfTrust } from '~/models/workspace.server'

export const handle: RouteHandle = { permission: 'read:non-public' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** A trust's entries that are not public yet; an officer of another trust is refused, and that is logged. */
export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const trust = await findTrustBySlug(db, args.params.slug ?? '')
  if (!trust) {
    await requireUser(args, 'read:non-public')
    notFound()
  }
  await requireUser(args, 'read:non-public', { trustId: trust.id })
  return {
    title: await pageTitle(lang, 'admin:work.trustTitle', { name: localName(trust.name, lang) }),
    trust,
    pending: await pendingEntriesOfTrust(db, trust.id),
  }
}

export default function TrustWork() {
  const { trust, pending } = useLoaderData<typeof loader>()
  const { t } = useTranslation('admin')
  const lang = useLang()
  return (
    <>
      <h1>{localName(trust.name, lang)}</h1>
      <h2>{t('work.pending')}</h2>
      {pending.length === 0 ? (
        <p className="muted">{t('work.noPending')}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption>{t('work.pendingCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common:disbursements.date')}</th>
                <th scope="col">{t('work.kind')}</th>
                <th scope="col">{t('common:disbursements.beneficiary')}</th>
                <th scope="col">{t('work.recordedBy')}</th>
                <th scope="col" className="amount">{t('common:disbursements.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((entry) => (
                <tr key={entry.id}>
                  <td data-label={t('common:disbursements.date')}>
                    <DateText iso={entry.valueDate} />
                  </td>
                  <td data-label={t('work.kind')}>{t(`domain:entryKind.${entry.kind}`)}</td>
                  <td data-label={t('common:disbursements.beneficiary')}>{localName(entry.counterparty, lang)}</td>
                  <td data-label={t('work.recordedBy')}>{entry.recordedBy ?? '—'}</td>
                  <td className="amount" data-label={t('common:disbursements.amount')}>
                    <Money amountMinor={entry.amountMinor} currency={entry.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
