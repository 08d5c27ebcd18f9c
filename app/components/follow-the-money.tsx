import { useTranslation } from 'react-i18next'
import type { Purpose } from '~/domain/ledger'
import { Money } from './money'

interface Step {
  key: string
  label: string
  amountMinor: bigint
  tone: 'paid' | 'transferred' | 'disbursed'
  indent: boolean
}

/**
 * Paid → reached the trusts → spent, by purpose, for one project: bars drawn in SVG (mirrored for
 * right-to-left in the stylesheet, labels left as text so they never mirror), and the same figures
 * in a table beside them for screen readers and for anyone who wants the numbers.
 */
export function FollowTheMoney({ paidMinor, reachedMinor, purposes }: { paidMinor: bigint; reachedMinor: bigint; purposes: Array<{ purpose: Purpose; disbursedMinor: bigint }> }) {
  const { t } = useTranslation('ledger')
  const steps: Step[] = [
    { key: 'paid', label: t('follow.paid'), amountMinor: paidMinor, tone: 'paid', indent: false },
    { key: 'reached', label: t('follow.transferred'), amountMinor: reachedMinor, tone: 'transferred', indent: false },
    ...purposes.map((p) => ({
      key: p.purpose,
      label: t('follow.disbursedAs', { purpose: t(`domain:purpose.${p.purpose}`) }),
      amountMinor: p.disbursedMinor,
      tone: 'disbursed' as const,
      indent: true,
    })),
  ]
  const largest = steps.reduce((max, s) => (s.amountMinor > max ? s.amountMinor : max), 1n)
  const percent = (value: bigint) => Number(((value > 0n ? value : 0n) * 1000n) / largest) / 10
  return (
    <figure className="follow">
      <ul className="bars" aria-hidden="true">
        {steps.map((step) => (
          <li className={`bar${step.indent ? ' bar--indent' : ''}`} key={step.key}>
            <span>{step.label}</span>
            <svg className="bar__track" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
              <rect className={`bar__fill bar__fill--${step.tone}`} width={percent(step.amountMinor)} height="10" />
            </svg>
          </li>
        ))}
      </ul>
      <div className="table-wrap">
        <table className="stack">
          <caption>{t('follow.caption')}</caption>
          <tbody>
            {steps.map((step) => (
              <tr key={step.key}>
                <th scope="row">{step.label}</th>
                <td className="amount" data-label={t('list.pkr')}>
                  <Money amountMinor={step.amountMinor} currency="PKR" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
