/**
 * Balochi (Arabic script) formatting data. Node's ICU has no Balochi and CLDR 48's Arabic-script
 * `bal` months are placeholders (M01…), so these come from the project's own sources, checked
 * against them by balochi.test.ts:
 * - month names: LaTeX babel's `babel-bal.ini` ([date.gregorian] months.wide.*);
 * - number symbols and the currency pattern `¤ #,##0.00`: CLDR 48 `bal/numbers.json`;
 * - the long date order `d MMMM، y`: babel's `[d] [MMMM], [y]`, written with the Arabic comma
 *   as Urdu is, since the date sits in right-to-left text.
 */
export const BALOCHI = {
  months: ['جنوری', 'پروری', 'مارچ', 'اپرێل', 'مئیی', 'جون', 'جۆلایی', 'اگست', 'ستمبر', 'اکتوبر', 'نئومبر', 'دسمبر'],
  decimal: '.',
  group: ',',
  minusSign: '-',
  currencySymbols: { PKR: 'Rs', USD: 'US$' },
  /** CLDR `bal` currencyFormats standard: symbol, no-break space, number. */
  currencySeparator: '\u00a0',
} as const
