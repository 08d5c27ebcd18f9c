import { useTranslation } from 'react-i18next'
import { formatBasisPoints } from '~/i18n/format'
import { localName } from '~/i18n/local-name'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import type { SharingGapRow } from '~/models/sharing.server'
import { FiscalYear } from './fiscal-year'
import { Money } from './money'

/** Expected vs actual transfers under the revenue-sharing rules (EITI 5.2), shortfalls flagged. */
export function SharingTable({ rows }: { rows: SharingGapRow[] }) {
  const { t } = useTranslation('ledger')
  const lang = useLang()
  const to = useLocalePath()
  if (rows.length === 0) return <p className="muted">{t('sharing.none')}</p>
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption>{t('sharing.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.fiscalYear')}</th>
            <th scope="col">{t('sharing.trust')}</th>
            <th scope="col">{t('sharing.share')}</th>
            <th scope="col" className="amount">{t('sharing.expected')}</th>
            <th scope="col" className="amount">{t('sharing.transferred')}</th>
            <th scope="col" className="amount">{t('sharing.gap')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.trust.id}-${row.fiscalYear}`}>
              <th scope="row">
                <FiscalYear year={row.fiscalYear} />
              </th>
              <td data-label={t('sharing.trust')}>
                <a href={to(`/trusts/${row.trust.slug}`)}>{localName(row.trust.name, lang)}</a>
              </td>
              <td data-label={t('sharing.share')}>
                {row.rules.map((rule) => (
                  <bdi key={rule.id} className="num block">
                    {formatBasisPoints(lang, rule.shareBasisPoints)}
                  </bdi>
                ))}
              </td>
              <td className="amount" data-label={t('sharing.expected')}>
                <Money amountMinor={row.expectedMinor} currency="PKR" />
              </td>
              <td className="amount" data-label={t('sharing.transferred')}>
                <Money amountMinor={row.transferredMinor} currency="PKR" />
              </td>
              <td className="amount" data-label={t('sharing.gap')}>
                <span>
                  {row.shortfall ? (
                    <>
                      <span className="badge badge--bad">{t('sharing.short')}</span> <Money amountMinor={row.gapMinor} currency="PKR" />
                    </>
                  ) : (
                    <span className="badge badge--good">{t('sharing.ok')}</span>
                  )}
                  {row.explanations.map((e) => (
                    <span key={e.id} className="muted block">
                      {t('sharing.explanation')}: <bdi>{e.explanation}</bdi>
                    </span>
                  ))}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
