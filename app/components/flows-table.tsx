import { useTranslation } from 'react-i18next'
import type { FiscalYearFlows } from '~/models/flows.server'
import { FiscalYear } from './fiscal-year'
import { Money } from './money'

type Flows = Omit<FiscalYearFlows, 'fiscalYear'>

/**
 * Paid → transferred → disbursed per fiscal year, as a table (the figures) with CSS bars beside
 * them (the proportions). Bars are drawn from the same numbers, relative to the year's payments.
 */
export function FlowsTable({ years, total, caption }: { years: FiscalYearFlows[]; total: Flows; caption: string }) {
  const { t } = useTranslation()
  if (years.length === 0) return <p className="muted">{t('flows.none')}</p>
  const pkr = (amountMinor: bigint) => <Money amountMinor={amountMinor} currency="PKR" />
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('flows.fiscalYear')}</th>
            <th scope="col" className="amount">{t('flows.paid')}</th>
            <th scope="col" className="amount">{t('flows.transferred')}</th>
            <th scope="col" className="amount">{t('flows.contributed')}</th>
            <th scope="col" className="amount">{t('flows.disbursed')}</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.fiscalYear}>
              <th scope="row">
                <FiscalYear year={y.fiscalYear} />
              </th>
              <td className="amount" data-label={t('flows.paid')}>{pkr(y.paidMinor)}</td>
              <td className="amount" data-label={t('flows.transferred')}>{pkr(y.transferredMinor)}</td>
              <td className="amount" data-label={t('flows.contributed')}>{pkr(y.contributedMinor)}</td>
              <td className="amount" data-label={t('flows.disbursed')}>{pkr(y.disbursedMinor)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('flows.total')}</th>
            <td className="amount" data-label={t('flows.paid')}>{pkr(total.paidMinor)}</td>
            <td className="amount" data-label={t('flows.transferred')}>{pkr(total.transferredMinor)}</td>
            <td className="amount" data-label={t('flows.contributed')}>{pkr(total.contributedMinor)}</td>
            <td className="amount" data-label={t('flows.disbursed')}>{pkr(total.disbursedMinor)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="muted">{t('flows.pkrNote')}</p>
    </div>
  )
}

/**
 * Proportional bars for one set of flows; decorative, since the table carries the figures. Drawn
 * as SVG (attributes, not inline styles, which the Content-Security-Policy forbids) and mirrored
 * for right-to-left pages in the stylesheet.
 */
export function FlowBars({ flows }: { flows: Flows }) {
  const { t } = useTranslation()
  const largest = [flows.paidMinor, flows.transferredMinor + flows.contributedMinor, flows.disbursedMinor].reduce((a, b) => (b > a ? b : a), 1n)
  const percent = (value: bigint) => Number(((value > 0n ? value : 0n) * 1000n) / largest) / 10
  const bars = [
    { key: 'paid', label: t('flows.paid'), value: flows.paidMinor },
    { key: 'transferred', label: t('flows.reachedTrusts'), value: flows.transferredMinor + flows.contributedMinor },
    { key: 'disbursed', label: t('flows.disbursed'), value: flows.disbursedMinor },
  ]
  return (
    <ul className="bars" aria-hidden="true">
      {bars.map((bar) => (
        <li className="bar" key={bar.key}>
          <span>{bar.label}</span>
          <svg className="bar__track" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
            <rect className={`bar__fill bar__fill--${bar.key}`} width={percent(bar.value)} height="10" />
          </svg>
        </li>
      ))}
    </ul>
  )
}
