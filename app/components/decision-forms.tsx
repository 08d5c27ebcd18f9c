import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { translateMessage } from '~/i18n/message'
import { formConstraint } from '~/models/form-text'
import { rejectionFormSchema, reversalFormSchema, type RefusedRejection } from '~/models/decision-forms'

const rejectionConstraint = formConstraint(rejectionFormSchema)

/**
 * Approve, or reject with a reason: two small forms naming the record by a hidden field. The
 * server decides what the record is and whether this person may decide it; the form only asks.
 * The reason's limits come from the schema the server checks it with.
 */
export function DecisionForms({ field, id, refused }: { field: 'entryId' | 'reportId'; id: number; refused?: RefusedRejection }) {
  const { t } = useTranslation('ledger')
  const reasonId = `reason-${id}`
  return (
    <div className="decision">
      <Form method="post">
        <input type="hidden" name={field} value={id} />
        <button type="submit" name="intent" value="approve" className="button">
          {t('queue.approve')}
        </button>
      </Form>
      <Form method="post" className="form">
        <input type="hidden" name={field} value={id} />
        <div className="field">
          <label htmlFor={reasonId}>{t('queue.rejectReason')}</label>
          <textarea
            id={reasonId}
            name="reason"
            rows={2}
            maxLength={rejectionConstraint.reason?.maxLength}
            required={rejectionConstraint.reason?.required}
            defaultValue={refused?.reason}
            aria-invalid={refused ? true : undefined}
            aria-describedby={refused ? `${reasonId}-error` : undefined}
          />
          {refused ? (
            <p id={`${reasonId}-error`} className="field-error" role="alert">
              {translateMessage(t, refused.error)}
            </p>
          ) : null}
        </div>
        <button type="submit" name="intent" value="reject" className="button button--quiet">
          {t('queue.reject')}
        </button>
      </Form>
    </div>
  )
}

/**
 * An approved entry's reversal: why it is wrong. Works without JavaScript; a refused reason comes
 * back beside the field with what was typed, and the same idempotency key, so a resend records one.
 */
export function ReversalForm({ idempotencyKey, lastResult }: { idempotencyKey: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('ledger')
  const [form, fields] = useForm<z.input<typeof reversalFormSchema>>({ id: 'reversal', lastResult, constraint: formConstraint(reversalFormSchema) })
  const { key, ...reasonProps } = getTextareaProps(fields.reason, { ariaAttributes: true })
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="idempotencyKey" value={String(fields.idempotencyKey.initialValue ?? idempotencyKey)} />
      <div className="field">
        <label htmlFor={fields.reason.id}>{t('entry.reverseReason')}</label>
        <textarea key={key} {...reasonProps} rows={3} />
        {fields.reason.errors?.length ? (
          <p id={fields.reason.errorId} className="field-error" role="alert">
            {fields.reason.errors.map((error) => translateMessage(t, error)).join(' ')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button">
        {t('entry.reverseSubmit')}
      </button>
    </Form>
  )
}
