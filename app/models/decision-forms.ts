import { z } from 'zod'
import { idempotencyKeyField, requiredText, TEXT_LIMITS } from './form-text'

/** Why an entry is reversed, or an entry or report rejected: required, and as long as a reason needs. */
const reason = requiredText(TEXT_LIMITS.reason, 'ledger:queue.reasonNeeded')

/** The reversal form on an approved entry's page. */
export const reversalFormSchema = z.object({
  reason,
  idempotencyKey: idempotencyKeyField(),
})

/** The reason half of an approval queue's reject form (the record it names is read separately). */
export const rejectionFormSchema = z.object({ reason })

/** A refused rejection, sent back to the card it came from: what was typed, and why it was refused. */
export interface RefusedRejection {
  reason: string
  error: string
}

export function refusedRejection(form: FormData, errors: string[] | null | undefined): RefusedRejection {
  const typed = form.get('reason')
  return { reason: typeof typed === 'string' ? typed : '', error: errors?.[0] ?? 'ledger:queue.reasonNeeded' }
}
