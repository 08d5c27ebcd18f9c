import { useTranslation } from 'react-i18next'
import type { JobCategory } from '../../db/schema'
import { formatPercentTenths } from '~/i18n/format'
import { useLang } from '~/i18n/use-lang'
import type { PeriodCompliance } from '~/models/employment.server'
import { DateText } from './date-text'

/**
 * Local share per period for each job category: SVG bars with the quota as a line (mirrored for
 * right-to-left, so time runs the reader's way), and a table with the same figures beside it.
 */
export function ComplianceTrend({ periods }: { periods: PeriodCompliance[] }) {
  const { t } = useTranslation('employment')
  const lang = useLang()
  if (periods.length < 2) return <p className="muted">{t('trend.none')}</p>
  const categories = [...new Set(periods.flatMap((p) => p.categories.map((c) => c.jobCategory)))] as JobCategory[]
  const width = periods.length * 10
  return (
    <>
      <ul className="trend">
        {categories.map((category) => (
          <li key={category}>
            <span>{t(`domain:jobCategory.${category}`)}</span>
            <svg className="trend__chart" viewBox={`0 0 ${width} 100`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
              {periods.map((period, i) => {
                const line = period.categories.find((c) => c.jobCategory === category)
                const share = line?.local.shareTenthsOfPercent ?? 0
                const tone = line?.quota ? (line.local.met ? 'good' : 'bad') : 'none'
                return <rect key={period.periodStart} className={`trend__bar trend__bar--${tone}`} x={i * 10 + 1.5} width={7} y={100 - share / 10} height={share / 10} />
              })}
              {periods.map((period, i) => {
                const line = period.categories.find((c) => c.jobCategory === category)
                if (!line?.quota) return null
                const y = 100 - line.local.quotaBasisPoints / 100
                return <line key={`q-${period.periodStart}`} className="trend__quota" x1={i * 10} x2={i * 10 + 10} y1={y} y2={y} />
              })}
            </svg>
          </li>
        ))}
      </ul>
      <div className="table-wrap">
        <table className="stack">
          <caption>{t('trend.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trend.period')}</th>
              {categories.map((category) => (
                <th scope="col" key={category} className="amount">
                  {t(`domain:jobCategory.${category}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => (
              <tr key={period.periodStart}>
                <th scope="row">
                  <DateText iso={period.periodStart} /> – <DateText iso={period.periodEnd} />
                </th>
                {categories.map((category) => {
                  const line = period.categories.find((c) => c.jobCategory === category)
                  const share = line?.local.shareTenthsOfPercent
                  return (
                    <td key={category} className="amount" data-label={t(`domain:jobCategory.${category}`)}>
                      {share === null || share === undefined ? '—' : <bdi className="num">{formatPercentTenths(lang, share)}</bdi>}
                      {line?.quota && line.local.met !== null ? ` ${line.local.met ? '✓' : '✗'}` : null}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
