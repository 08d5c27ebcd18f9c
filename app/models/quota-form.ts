import { z } from 'zod'
import { hasHiddenCharacters } from '../domain/hidden-characters'
import { HIDDEN_CHARACTERS, TEXT_LIMITS, tooLong } from './form-text'

const limited = (max: number) => z.string().max(max, { error: tooLong(max) }).refine((text) => !hasHiddenCharacters(text), { error: HIDDEN_CHARACTERS }).optional()

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
