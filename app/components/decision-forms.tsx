import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * Approve, or reject with a reason: two small forms naming the record by a hidden field. The
 * server decides what the record is and whether this person may decide it; the form only asks.
 */
export function DecisionForms({ field, id }: { field: 'entryId' | 'reportId'; id: number }) {
  const { t } = useTranslation('ledger')
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
          <label htmlFor={`reason-${id}`}>{t('queue.rejectReason')}</label>
          <input id={`reason-${id}`} name="reason" maxLength={1000} />
        </div>
        <button type="submit" name="intent" value="reject" className="button button--quiet">
          {t('queue.reject')}
        </button>
      </Form>
    </div>
  )
}
