/** Exchange rates are kept as PKR per one unit of the currency, times 1,000,000 (micros). */
export const RATE_SCALE = 1_000_000n

/**
 * The PKR equivalent, in paisa, of `amountMinor` (cents for USD) at `rateMicros`, rounded to the
 * nearest paisa, halves away from zero. Both currencies have two minor digits, so no other scaling.
 */
export function pkrEquivalentMinor(amountMinor: bigint, rateMicros: bigint): bigint {
  if (rateMicros <= 0n) throw new RangeError('An exchange rate must be positive')
  const product = amountMinor * rateMicros
  const magnitude = product < 0n ? -product : product
  const rounded = (magnitude + RATE_SCALE / 2n) / RATE_SCALE
  return product < 0n ? -rounded : rounded
}
