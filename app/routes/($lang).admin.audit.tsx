import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { DateTimeText } from '~/components/date-text'
import { requireUser } from '~/auth/guard.server'
import { AuditDetailsList } from '~/components/audit-details'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { isIsoDate } from '~/domain/fiscal-year'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLocalePath } from '~/i18n/use-lang'
import { auditActions, listAuditEvents } from '~/models/audit.server'

export const handle: RouteHandle = { permission: 'read:audit' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

const isoDate = z.string().refine(isIsoDate)
/** Filters from the query string; a value that does not parse is simply not applied. */
const FilterSchema = z.object({
  action: z.string().max(80).optional().catch(undefined),
  actor: z.string().max(320).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
})

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requireUser(args, 'read:audit')
  const search = Object.fromEntries(new URL(args.request.url).searchParams)
  const filters = FilterSchema.parse(search)
  const [page, actions] = await Promise.all([
    listAuditEvents(db, { action: filters.action || undefined, actorEmail: filters.actor || undefined, from: filters.from, to: filters.to }, filters.before),
    auditActions(db),
  ])
  return { title: await pageTitle(lang, 'admin:audit.title'), ...page, actions, filters }
}

export default function AuditTrail() {
  const to = useLocalePath()
  const { events, nextBeforeId, actions, filters } = useLoaderData<typeof loader>()
  const { t } = useTranslation('admin')
  const location = useLocation()
  const older = new URLSearchParams(location.search)
  if (nextBeforeId !== null) older.set('before', String(nextBeforeId))
  // Every kind of event the code records has a name (tests/unit/audit-labels.test.ts); one recorded
  // by an older version without one is shown as it was recorded.
  const actionName = (action: string) => t(`actions.${action}`, { defaultValue: action })
  const targetName = (type: string) => t(`auditTargets.${type}`, { defaultValue: type })
  return (
    <>
      <h1>{t('audit.heading')}</h1>
      <p className="lede">{t('audit.lede')}</p>
      <p>
        <a href={to('/admin/export')}>{t('export.link')}</a>
      </p>
      <form method="get" className="filters">
        <label>
          {t('audit.filterAction')}
          <select name="action" defaultValue={filters.action ?? ''}>
            <option value="">{t('audit.any')}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {actionName(action)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.filterActor')}
          <input type="email" name="actor" defaultValue={filters.actor ?? ''} dir="ltr" />
        </label>
        <label>
          {t('audit.from')}
          <input type="date" name="from" defaultValue={filters.from ?? ''} />
        </label>
        <label>
          {t('audit.to')}
          <input type="date" name="to" defaultValue={filters.to ?? ''} />
        </label>
        <button type="submit" className="button">
          {t('audit.apply')}
        </button>
      </form>
      {events.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption>{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.address')}</th>
                <th scope="col">{t('audit.device')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td data-label={t('audit.when')}><DateTimeText iso={event.at} /></td>
                  <td data-label={t('audit.who')}>{event.actor ? <bdi dir="ltr">{event.actor.email}</bdi> : t('audit.system')}</td>
                  <td data-label={t('audit.action')}>{actionName(event.action)}</td>
                  <td data-label={t('audit.target')}>
                    {event.targetType ? (
                      <>
                        {targetName(event.targetType)} <bdi className="num">{event.targetId ?? ''}</bdi>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-label={t('audit.address')}>
                    <bdi className="num">{event.ip ?? '—'}</bdi>
                  </td>
                  <td data-label={t('audit.device')}>
                    <bdi dir="ltr">{event.userAgent ?? '—'}</bdi>
                  </td>
                  <td data-label={t('audit.details')}>{event.details ? <AuditDetailsList details={event.details} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBeforeId !== null ? (
        <p>
          <a href={`?${older.toString()}`}>{t('audit.older')}</a>
        </p>
      ) : null}
    </>
  )
}
