import { formatDate } from '~/i18n/format'
import { useLang } from '~/i18n/use-lang'

/** A calendar date with the month named in the reader's language. */
export function DateText({ iso }: { iso: string }) {
  return <time dateTime={iso.slice(0, 10)}>{formatDate(useLang(), iso)}</time>
}
