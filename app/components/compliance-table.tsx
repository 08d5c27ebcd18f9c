import { useTranslation } from 'react-i18next'
import type { ShareVerdict } from '~/domain/compliance'
import { formatBasisPoints, formatInteger, formatPercentTenths } from '~/i18n/format'
import { useLang } from '~/i18n/use-lang'
import type { PeriodCompliance } from '~/models/employment.server'
import { DateText } from './date-text'

function Verdict({ verdict, kind }: { verdict: ShareVerdict; kind: 'local' | 'women' }) {
  const { t } = useTranslation()
  const lang = useLang()
  if (verdict.met === null) return <span className="badge badge--none">{t('compliance.noStaff')}</span>
  const quota = <bdi className="num">{formatBasisPoints(lang, verdict.quotaBasisPoints)}</bdi>
  if (verdict.met) {
    return (
      <span className="badge badge--good">
        {t('compliance.met')} ({quota})
      </span>
    )
  }
  return (
    <>
      <span className="badge badge--bad">
        {t('compliance.notMet')} ({quota})
      </span>
      <div className="muted">
        {verdict.hiresNeeded === null
          ? t('compliance.cannotMeetByHiring')
          : t(kind === 'local' ? 'compliance.localHiresNeeded' : 'compliance.womenHiresNeeded', {
              count: verdict.hiresNeeded,
              n: formatInteger(lang, verdict.hiresNeeded),
            })}
      </div>
    </>
  )
}

/** One period's headcounts and the computed verdicts, per job category. */
export function ComplianceTable({ period }: { period: PeriodCompliance }) {
  const { t } = useTranslation()
  const lang = useLang()
  const share = (v: ShareVerdict) => (v.shareTenthsOfPercent === null ? '—' : <bdi className="num">{formatPercentTenths(lang, v.shareTenthsOfPercent)}</bdi>)
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption>
          {t('compliance.period')} <DateText iso={period.periodStart} /> – <DateText iso={period.periodEnd} />
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('compliance.category')}</th>
            <th scope="col" className="amount">{t('compliance.total')}</th>
            <th scope="col" className="amount">{t('compliance.localShare')}</th>
            <th scope="col">{t('compliance.localVerdict')}</th>
            <th scope="col" className="amount">{t('compliance.womenShare')}</th>
            <th scope="col">{t('compliance.womenVerdict')}</th>
          </tr>
        </thead>
        <tbody>
          {period.categories.map((c) => (
            <tr key={c.jobCategory}>
              <th scope="row">{t(`domain:jobCategory.${c.jobCategory}`)}</th>
              <td className="amount" data-label={t('compliance.total')}>
                <bdi className="num">{formatInteger(lang, c.headcount.total)}</bdi>
              </td>
              <td className="amount" data-label={t('compliance.localShare')}>{share(c.local)}</td>
              <td data-label={t('compliance.localVerdict')}>{c.quota ? <Verdict verdict={c.local} kind="local" /> : <span className="muted">{t('compliance.noQuota')}</span>}</td>
              <td className="amount" data-label={t('compliance.womenShare')}>{c.women ? share(c.women) : '—'}</td>
              <td data-label={t('compliance.womenVerdict')}>{c.women ? <Verdict verdict={c.women} kind="women" /> : <span className="muted">{t('compliance.noWomenQuota')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('compliance.roundingNote')}</p>
    </div>
  )
}
