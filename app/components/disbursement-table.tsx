import { useTranslation } from 'react-i18next'
import { localName } from '~/i18n/local-name'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import type { DisbursementRow } from '~/models/flows.server'
import { DateText } from './date-text'
import { Money } from './money'

export function DisbursementTable({ rows, caption, showTrust }: { rows: DisbursementRow[]; caption: string; showTrust: boolean }) {
  const { t } = useTranslation()
  const lang = useLang()
  const to = useLocalePath()
  if (rows.length === 0) return <p className="muted">{t('disbursements.none')}</p>
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('disbursements.date')}</th>
            <th scope="col">{t('disbursements.beneficiary')}</th>
            <th scope="col">{t('disbursements.purpose')}</th>
            {showTrust ? <th scope="col">{t('disbursements.trust')}</th> : null}
            <th scope="col" className="amount">{t('disbursements.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label={t('disbursements.date')}>
                <DateText iso={row.valueDate} />
              </td>
              <td data-label={t('disbursements.beneficiary')}>
                <span>
                  {localName(row.beneficiary, lang)}
                  {row.locality ? <span className="muted block">{localName(row.locality, lang)}</span> : null}
                </span>
              </td>
              <td data-label={t('disbursements.purpose')}>{t(`domain:purpose.${row.purpose}`)}</td>
              {showTrust ? (
                <td data-label={t('disbursements.trust')}>
                  <a href={to(`/trusts/${row.trustSlug}`)}>{localName(row.trust, lang)}</a>
                </td>
              ) : null}
              <td className="amount" data-label={t('disbursements.amount')}>
                <Money amountMinor={row.amountMinor} currency={row.currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
