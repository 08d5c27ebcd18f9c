import type { Money as MoneyValue } from '~/domain/money'
import { formatMoney } from '~/i18n/format'
import { useLang } from '~/i18n/use-lang'

/** An amount, exact to the paisa, kept left to right inside right-to-left text. */
export function Money({ amountMinor, currency }: MoneyValue) {
  return (
    <bdi className="num" dir="ltr">
      {formatMoney(useLang(), { amountMinor, currency })}
    </bdi>
  )
}
