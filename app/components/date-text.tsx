import { useTranslation } from 'react-i18next'
import { formatDate, formatDateTime } from '~/i18n/format'
import { useLang } from '~/i18n/use-lang'

/** A calendar date with the month named in the reader's language. */
export function DateText({ iso }: { iso: string }) {
  return <time dateTime={iso.slice(0, 10)}>{formatDate(useLang(), iso)}</time>
}

/** A moment (stored in UTC) as the date and time in Pakistan, saying so in the reader's language. */
export function DateTimeText({ iso }: { iso: string }) {
  const { t } = useTranslation()
  return <time dateTime={iso}>{formatDateTime(useLang(), iso, t('common:time.zone'))}</time>
}
