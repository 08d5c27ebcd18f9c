import { z } from 'zod'
import { isIsoDate } from '../domain/fiscal-year'
import { percentToBasisPoints } from '../domain/percent'
import { requiredText, TEXT_LIMITS, tooLong } from './form-text'

const id = z.coerce.number().int().positive()
const shortText = z.string().max(TEXT_LIMITS.number, { error: tooLong(TEXT_LIMITS.number) })

/** An admin's revenue-sharing rule: a trust's share of a project's royalties from a date. */
export const RuleSchema = z.object({
  projectId: id,
  trustId: id,
  share: shortText.transform((v) => percentToBasisPoints(v) ?? 0).refine((bp) => bp >= 1),
  validFrom: shortText.refine(isIsoDate),
})

/** An auditor's explanation of one sharing gap. */
export const ExplainSchema = z.object({ projectId: id, trustId: id, fiscalYear: id, explanation: requiredText(TEXT_LIMITS.explanation) })
