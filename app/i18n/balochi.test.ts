import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { BALOCHI } from './balochi'

const l10n = (file: string) => fileURLToPath(new URL(`../../../shared/testdata/l10n/${file}`, import.meta.url))

describe('Balochi data matches its sources in shared/testdata', () => {
  test('month names are babel-bal.ini months.wide.1–12', () => {
    const ini = readFileSync(l10n('babel-bal.ini'), 'utf8')
    const section = ini.split('\n[date.gregorian]\n')[1]!.split(/^\[/m)[0]!
    const months = Array.from({ length: 12 }, (_, i) => new RegExp(`^months\\.wide\\.${i + 1}\\s*=\\s*(.+)$`, 'm').exec(section)![1]!.trim())
    expect(BALOCHI.months).toEqual(months)
  })

  test('number symbols and the currency pattern are CLDR 48 bal', () => {
    const numbers = JSON.parse(readFileSync(l10n('cldr-48/bal/numbers.json'), 'utf8')).main.bal.numbers
    const symbols = numbers['symbols-numberSystem-latn']
    expect(BALOCHI.decimal).toBe(symbols.decimal)
    expect(BALOCHI.group).toBe(symbols.group)
    expect(BALOCHI.minusSign).toBe(symbols.minusSign)
    const pattern: string = numbers['currencyFormats-numberSystem-latn'].standard
    expect(pattern).toBe(`¤${BALOCHI.currencySeparator}#,##0.00`)
    const currencies = JSON.parse(readFileSync(l10n('cldr-48/bal/currencies.json'), 'utf8')).main.bal.numbers.currencies
    expect(BALOCHI.currencySymbols.PKR).toBe(currencies.PKR['symbol-alt-narrow'])
    expect(BALOCHI.currencySymbols.USD).toBe(currencies.USD.symbol)
  })

  test('Arabic-script CLDR months really are placeholders, which is why we keep our own', () => {
    const gregorian = JSON.parse(readFileSync(l10n('cldr-48/bal/ca-gregorian.json'), 'utf8'))
    expect(gregorian.main.bal.dates.calendars.gregorian.months.format.wide['1']).toBe('M01')
  })
})
