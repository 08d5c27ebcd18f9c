/**
 * Reading amounts and exchange rates as people type them, into exact integers (see ADR 1).
 *
 * Accepted: Western digits, Urdu/Persian (۰–۹) and Arabic-Indic (٠–٩) digits, in any mix; the
 * Arabic decimal and thousands separators (٫ ٬) as well as `.` and `,`; thousands grouped the
 * Western way (125,000) or the South Asian way (1,25,000); surrounding spaces, no-break spaces and
 * the invisible direction marks that copying out of right-to-left text brings along.
 *
 * Refused: currency symbols or codes (the currency is its own field, and "Rs 5" typed into a USD
 * entry must not be quietly read as 5 dollars), signs, exponents, spaces inside the number, and
 * commas anywhere a grouping would not put them — `1,2,3` or `125000,50` could mean several
 * different amounts, so we ask rather than guess. For the same reason three decimals are refused
 * even when the last is zero: `1.500` is one and a half to some readers and fifteen hundred to others.
 */

export type AmountError = 'empty' | 'invalid' | 'too_many_decimals' | 'not_positive' | 'too_large'

export type AmountResult = { ok: true; amountMinor: bigint } | { ok: false; error: AmountError }
export type ExchangeRateResult = { ok: true; rateMicros: bigint } | { ok: false; error: AmountError }

/**
 * The largest amount accepted, in minor units: 90 trillion rupees. A round figure just below
 * MAX_STORED_MINOR (2^53 − 1, what the SQLite driver returns exactly), so anything typed can be stored.
 */
export const MAX_AMOUNT_MINOR = 9_000_000_000_000_000n

/** Rates are read back through the same driver, so the same 2^53 bound holds for them. */
export const MAX_RATE_MICROS = BigInt(Number.MAX_SAFE_INTEGER)

export const AMOUNT_DECIMALS = 2
export const RATE_DECIMALS = 6

export function parseAmount(text: string): AmountResult {
  const result = parseDecimal(text, AMOUNT_DECIMALS, MAX_AMOUNT_MINOR)
  return result.ok ? { ok: true, amountMinor: result.units } : result
}

/** PKR per one unit of the foreign currency, as micros (× 1,000,000), the way the ledger stores it. */
export function parseExchangeRate(text: string): ExchangeRateResult {
  const result = parseDecimal(text, RATE_DECIMALS, MAX_RATE_MICROS)
  return result.ok ? { ok: true, rateMicros: result.units } : result
}

// U+061C ARABIC LETTER MARK, LRM/RLM, the embeddings/overrides and the isolates.
const DIRECTION_MARKS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const URDU_ZERO = 0x06f0
const ARABIC_ZERO = 0x0660

const WESTERN_GROUPS = /^[1-9]\d{0,2}(?:,\d{3})+$/
// Lakh and crore: the last group has three digits, every group before it two.
const SOUTH_ASIAN_GROUPS = /^[1-9]\d?(?:,\d{2})*,\d{3}$/
const SHAPE = /^([\d,]*)(?:\.(\d*))?$/

function normalise(text: string): string {
  let out = ''
  for (const ch of text.replace(DIRECTION_MARKS, '').trim()) {
    const code = ch.charCodeAt(0)
    if (code >= URDU_ZERO && code <= URDU_ZERO + 9) out += String(code - URDU_ZERO)
    else if (code >= ARABIC_ZERO && code <= ARABIC_ZERO + 9) out += String(code - ARABIC_ZERO)
    else if (ch === '\u066b') out += '.'
    else if (ch === '\u066c') out += ','
    else if (ch === '\u2212') out += '-'
    else out += ch
  }
  return out
}

function parseDecimal(text: string, decimals: number, max: bigint): { ok: true; units: bigint } | { ok: false; error: AmountError } {
  const normalised = normalise(text)
  if (normalised === '') return { ok: false, error: 'empty' }
  const negative = normalised.startsWith('-')
  const match = SHAPE.exec(negative ? normalised.slice(1) : normalised)
  if (!match) return { ok: false, error: 'invalid' }
  const whole = match[1] ?? ''
  const fraction = match[2] ?? ''
  if (whole === '' && fraction === '') return { ok: false, error: 'invalid' }
  if (whole.includes(',') && !WESTERN_GROUPS.test(whole) && !SOUTH_ASIAN_GROUPS.test(whole)) return { ok: false, error: 'invalid' }
  // A minus in front of an otherwise good number says something different from a typo.
  if (negative) return { ok: false, error: 'not_positive' }
  if (fraction.length > decimals) return { ok: false, error: 'too_many_decimals' }
  const units = BigInt(whole.replaceAll(',', '') || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0')
  if (units === 0n) return { ok: false, error: 'not_positive' }
  if (units > max) return { ok: false, error: 'too_large' }
  return { ok: true, units }
}
