import { z } from 'zod'
import { TEXT_LIMITS, tooLong } from './form-text'

const limited = (max: number) => z.string().max(max, { error: tooLong(max) }).optional()

/**
 * How much each typed field of the quota form takes, in the page (maxLength) and on the server;
 * what the text means (a percentage, a date) is checked by the action.
 */
export const QuotaTextSchema = z.object({
  districts: limited(TEXT_LIMITS.districts),
  minLocal: limited(TEXT_LIMITS.number),
  minWomen: limited(TEXT_LIMITS.number),
  validFrom: limited(TEXT_LIMITS.number),
})
