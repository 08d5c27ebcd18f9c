import { pakistanDateTimeOf } from '../domain/fiscal-year'
import { minorToDecimalString, type Money } from '../domain/money'
import { BALOCHI } from './balochi'
import { LOCALES, type Lang } from './locales'

/**
 * Formatting of numbers, money and dates for each language. English and Urdu use Node's ICU;
 * Balochi, which ICU lacks, uses app/i18n/balochi.ts. All three use Western digits, as CLDR's
 * default numbering system for ur and bal does.
 */

const numberFormats = new Map<string, Intl.NumberFormat>()
function cachedNumberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, options)
    numberFormats.set(key, format)
  }
  return format
}

/** Groups the digits of a whole or decimal string in threes, Balochi style. */
function groupBalochi(decimal: string): string {
  const negative = decimal.startsWith('-')
  const [whole = '', fraction] = (negative ? decimal.slice(1) : decimal).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, BALOCHI.group)
  return `${negative ? BALOCHI.minusSign : ''}${grouped}${fraction === undefined ? '' : BALOCHI.decimal + fraction}`
}

export function formatInteger(lang: Lang, value: number | bigint): string {
  const locale = LOCALES[lang].intlLocale
  if (locale === null) return groupBalochi(value.toString())
  return cachedNumberFormat(locale, { maximumFractionDigits: 0 }).format(value)
}

/**
 * Money with its paisa, always two decimals, exact to the last digit however large: the amount
 * reaches ICU as a decimal string, never as a float. CLDR gives the rupee no decimals; we override.
 */
export function formatMoney(lang: Lang, money: Money): string {
  const decimal = minorToDecimalString(money.amountMinor)
  const locale = LOCALES[lang].intlLocale
  if (locale === null) {
    const negative = decimal.startsWith('-')
    const amount = groupBalochi(negative ? decimal.slice(1) : decimal)
    return `${negative ? BALOCHI.minusSign : ''}${BALOCHI.currencySymbols[money.currency]}${BALOCHI.currencySeparator}${amount}`
  }
  const format = cachedNumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
  // ES2023 Intl.NumberFormat formats a decimal string exactly; the type declarations lag behind.
  return format.format(decimal as unknown as number)
}

/**
 * A moment (ISO timestamp, UTC as stored) as the date and time in Pakistan, where readers and staff
 * live, followed by `zone`, the translation that says so (common:time.zone; DateTimeText passes
 * it): "28 November 2026, 19:05 PKT".
 */
export function formatDateTime(lang: Lang, isoTimestamp: string, zone: string): string {
  const separator = LOCALES[lang].dir === 'rtl' ? '، ' : ', '
  const { date, time } = pakistanDateTimeOf(new Date(isoTimestamp))
  return `${formatDate(lang, date)}${separator}${time} ${zone}`
}

/** A share given in tenths of a percent (699 → "69.9%"). */
export function formatPercentTenths(lang: Lang, tenths: number): string {
  const text = `${Math.trunc(tenths / 10)}.${Math.abs(tenths % 10)}`
  const locale = LOCALES[lang].intlLocale
  if (locale === null) return `${text}%`
  return cachedNumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    `${text}E-2` as unknown as number,
  )
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** A calendar date (`YYYY-MM-DD`) written out with the month's name: "1 July 2024", "1 جولائی، 2024". */
export function formatDate(lang: Lang, isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number]
  const locale = LOCALES[lang].intlLocale
  if (locale === null) return `${day} ${BALOCHI.months[month - 1]}، ${year}`
  let format = dateFormats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })
    dateFormats.set(locale, format)
  }
  return format.format(Date.UTC(year, month - 1, day))
}

/** A quota in basis points, exactly: 7000 → "70%", 6995 → "69.95%". */
export function formatBasisPoints(lang: Lang, basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100)
  const fraction = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '')
  const text = fraction ? `${whole}.${fraction}` : String(whole)
  const locale = LOCALES[lang].intlLocale
  if (locale === null) return `${text}%`
  return cachedNumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(`${text}E-2` as unknown as number)
}
