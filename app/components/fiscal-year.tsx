import { useTranslation } from 'react-i18next'
import { fiscalYearLabel } from '~/domain/fiscal-year'

/** "FY 2024-25", "مالی سال 2024-25": the words translated, the digits kept left to right. */
export function FiscalYear({ year }: { year: number }) {
  const { t } = useTranslation()
  return (
    <span className="fiscal-year">
      {t('fiscalYear.prefix')}{' '}
      <bdi className="num" dir="ltr">
        {fiscalYearLabel(year)}
      </bdi>
    </span>
  )
}
