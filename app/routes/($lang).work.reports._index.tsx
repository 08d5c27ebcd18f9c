import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta, requireUser } from '~/auth/guard.server'
import { allows, type RouteHandle } from '~/auth/permissions'
import { DateText } from '~/components/date-text'
import { DecisionForms } from '~/components/decision-forms'
import { FormMessage } from '~/components/field'
import { db } from '~/db.server'
import { formatInteger } from '~/i18n/format'
import { localName } from '~/i18n/local-name'
import { localePath } from '~/i18n/locales'
import { langFromParams, notFound } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { refusedRejection, rejectionFormSchema } from '~/models/decision-forms'
import { approveReport, EmploymentRuleError, rejectReport, reportHistory, reportQueue, reportScope } from '~/models/employment.server'
import { listProjects } from '~/models/projects.server'

export const handle: RouteHandle = { permission: 'approve:records' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'approve:records')
  const url = new URL(args.request.url)
  // The history of the projects this person may file for: approved reports can be amended from here.
  const projects = (await listProjects(db)).filter((p) => allows(user, 'write:records', { projectId: p.id }))
  const history = (await Promise.all(projects.map((p) => reportHistory(db, p.id)))).flat()
  return {
    title: await pageTitle(lang, 'employment:queue.title'),
    reports: await reportQueue(db, user),
    history,
    canFile: allows(user, 'write:records'),
    notice: url.searchParams.has('filed') ? 'filed' : url.searchParams.has('approved') ? 'approved' : url.searchParams.has('rejected') ? 'rejected' : null,
  }
}

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const form = await args.request.formData()
  const reportId = Number(form.get('reportId'))
  const scope = Number.isSafeInteger(reportId) && reportId > 0 ? await reportScope(db, reportId) : null
  if (!scope) {
    await requireUser(args, 'approve:records')
    notFound()
  }
  const user = await requireUser(args, 'approve:records', { projectId: scope.projectId })
  try {
    if (form.get('intent') === 'reject') {
      const submission = parseWithZod(form, { schema: rejectionFormSchema })
      if (submission.status !== 'success') return data({ problem: null, reportId, refused: refusedRejection(form, submission.error?.reason) }, { status: 400 })
      await rejectReport(db, user.id, reportId, submission.value.reason, new Date(), requestMeta(args))
      throw redirect(`${localePath(lang, '/work/reports')}?rejected`)
    }
    await approveReport(db, user.id, reportId, new Date(), requestMeta(args))
    throw redirect(`${localePath(lang, '/work/reports')}?approved`)
  } catch (error) {
    if (!(error instanceof EmploymentRuleError)) throw error
    if (error.code === 'reason_required') return data({ problem: null, reportId, refused: refusedRejection(form, undefined) }, { status: 400 })
    return data({ problem: error.code, reportId, refused: undefined }, { status: 409 })
  }
}

export default function ReportQueue() {
  const { reports, history, canFile, notice } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('employment')
  const lang = useLang()
  const to = useLocalePath()
  return (
    <>
      <h1>{t('queue.heading')}</h1>
      {notice === 'filed' ? <FormMessage tone="success">{t('report.recorded')}</FormMessage> : null}
      {notice === 'approved' ? <FormMessage tone="success">{t('queue.approved')}</FormMessage> : null}
      {notice === 'rejected' ? <FormMessage tone="success">{t('queue.rejected')}</FormMessage> : null}
      {actionData?.problem ? <FormMessage>{t(actionData.problem === 'own_report' ? 'queue.own' : 'ledger:queue.notPending')}</FormMessage> : null}
      {canFile ? (
        <p>
          <a className="button" href={to('/work/reports/new')}>
            {t('nav.fileReport')}
          </a>
        </p>
      ) : null}
      {reports.length === 0 ? <p>{t('queue.none')}</p> : null}
      <ul className="cards">
        {reports.map((report) => (
          <li className="card" key={report.id} data-report={report.id}>
            <h2>{localName(report.project.name, lang)}</h2>
            <p>
              <DateText iso={report.periodStart} /> – <DateText iso={report.periodEnd} />
            </p>
            {report.supersedesReportId ? <p className="muted">{t('report.amends')}</p> : null}
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('report.category')}</th>
                  <th scope="col" className="amount">{t('report.total')}</th>
                  <th scope="col" className="amount">{t('report.local')}</th>
                  <th scope="col" className="amount">{t('report.women')}</th>
                </tr>
              </thead>
              <tbody>
                {report.lines.map((line) => (
                  <tr key={line.jobCategory}>
                    <th scope="row">{t(`domain:jobCategory.${line.jobCategory}`)}</th>
                    <td className="amount"><bdi className="num">{formatInteger(lang, line.total)}</bdi></td>
                    <td className="amount"><bdi className="num">{formatInteger(lang, line.local)}</bdi></td>
                    <td className="amount"><bdi className="num">{formatInteger(lang, line.women)}</bdi></td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">
              {t('queue.filedBy')}: {report.createdBy?.name ?? '—'}
            </p>
            <DecisionForms field="reportId" id={report.id} refused={actionData?.reportId === report.id ? actionData.refused : undefined} />
          </li>
        ))}
      </ul>
      {history.length > 0 ? (
        <>
          <h2>{t('queue.history')}</h2>
          <div className="table-wrap">
            <table className="stack">
              <caption>{t('queue.historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.project')}</th>
                  <th scope="col">{t('trend.period')}</th>
                  <th scope="col">{t('report.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('report.amend')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {history.map((report) => (
                  <tr key={report.id}>
                    <th scope="row">{localName(report.project.name, lang)}</th>
                    <td data-label={t('trend.period')}>
                      <DateText iso={report.periodStart} /> – <DateText iso={report.periodEnd} />
                    </td>
                    <td data-label={t('report.status')}>
                      {t(`ledger:entry.statuses.${report.status}`)}
                      {report.supersededByReportId ? ` · ${t('report.superseded')}` : null}
                    </td>
                    <td>
                      {report.status === 'approved' && !report.supersededByReportId && canFile ? (
                        <a href={to(`/work/reports/new?amend=${report.id}`)}>{t('report.amend')}</a>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  )
}
