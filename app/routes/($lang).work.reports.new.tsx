import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta, requireUser } from '~/auth/guard.server'
import { allows, type RouteHandle } from '~/auth/permissions'
import { FormMessage } from '~/components/field'
import { SelectField } from '~/components/select-field'
import { db } from '~/db.server'
import { addDays, JOB_CATEGORIES, monthOf, quarterOf, type JobCategory, type LineProblems, type ReportProblems } from '~/domain/employment'
import { formatDate } from '~/i18n/format'
import { pakistanDateOf } from '~/domain/fiscal-year'
import { localName } from '~/i18n/local-name'
import { translateMessage } from '~/i18n/message'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang } from '~/i18n/use-lang'
import { formConstraint } from '~/models/form-text'
import { createReport, EmploymentRuleError, findReport } from '~/models/employment.server'
import { listProjects } from '~/models/projects.server'
import { overlongReportFields, parseReportForm, reportFormTextSchema } from '~/models/report-form'

export const handle: RouteHandle = { permission: 'write:records' }

const limits = formConstraint(reportFormTextSchema)

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/**
 * The periods an officer is likely to report: the last eight finished quarters, or the last twelve
 * finished months. The one under way is not offered (and createReport refuses it): its figures are not final.
 */
function recentPeriods(kind: 'quarter' | 'month', today: string) {
  const periods = []
  const current = kind === 'quarter' ? quarterOf(today) : monthOf(today)
  let period = kind === 'quarter' ? quarterOf(addDays(current.start, -1)) : monthOf(addDays(current.start, -1))
  for (let i = 0; i < (kind === 'quarter' ? 8 : 12); i++) {
    periods.push(period)
    const previousDay = addDays(period.start, -1)
    period = kind === 'quarter' ? quarterOf(previousDay) : monthOf(previousDay)
  }
  return periods
}

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'write:records')
  const url = new URL(args.request.url)
  const amend = Number(url.searchParams.get('amend'))
  const amended = Number.isSafeInteger(amend) && amend > 0 ? await findReport(db, amend) : null
  const kind = amended?.periodKind ?? (url.searchParams.get('kind') === 'month' ? 'month' : 'quarter')
  const projects = await listProjects(db)
  return {
    title: await pageTitle(lang, 'employment:report.title'),
    kind,
    periods: recentPeriods(kind, pakistanDateOf(new Date())).map((p) => ({ start: p.start, label: `${formatDate(lang, p.start)} – ${formatDate(lang, p.end)}` })),
    projects: projects.filter((p) => allows(user, 'write:records', { projectId: p.id })).map(({ id, name }) => ({ id, name })),
    amended: amended && allows(user, 'write:records', { projectId: amended.project.id }) && amended.status === 'approved' ? amended : null,
    idempotencyKey: crypto.randomUUID(),
  }
}

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requireUser(args, 'write:records')
  const form = await args.request.formData()
  const parsed = parseReportForm(form)
  const typed = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>
  const overlong = overlongReportFields(form)
  if (Object.keys(overlong).length > 0) return data({ typed, problems: {} as ReportProblems, overlong, error: 'invalid_lines' as const }, { status: 400 })
  if (parsed.projectId === null) return data({ typed, problems: {} as ReportProblems, overlong, error: 'choose' as const }, { status: 400 })
  // The project in scope is checked against the database record, whatever the form says.
  const user = await requireUser(args, 'write:records', { projectId: parsed.projectId })
  try {
    await createReport(db, user.id, { ...parsed, projectId: parsed.projectId }, new Date(), requestMeta(args))
  } catch (error) {
    if (!(error instanceof EmploymentRuleError)) throw error
    return data({ typed, problems: error.problems, overlong, error: error.code }, { status: 400 })
  }
  throw redirect(`${localePath(lang, '/work/reports')}?filed`)
}

/** What the page says when the whole report is refused (a field's own problems are shown beside it). */
const FORM_ERROR_KEYS: Partial<Record<string, string>> = {
  period_taken: 'report.errors.period_taken',
  invalid_period: 'report.errors.period',
  period_not_over: 'report.errors.period_not_over',
}

export default function FileReport() {
  const { kind, periods, projects, amended, idempotencyKey } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('employment')
  const lang = useLang()
  const typed = actionData?.typed ?? {}
  const problems = (actionData?.problems ?? {}) as ReportProblems
  const overlong: Record<string, string> = actionData?.overlong ?? {}
  // Text too long for its field first: nothing else about it was judged.
  const problemText = (category: JobCategory, field: keyof LineProblems) => {
    const tooLong = overlong[`${category}_${field}`]
    const code = problems[category]?.[field]
    return tooLong ? translateMessage(t, tooLong) : code ? t(`report.errors.${code}`) : undefined
  }
  const valueOf = (name: string, fallback?: string | number) => typed[name] ?? (fallback === undefined ? '' : String(fallback))
  const formError = actionData?.error && actionData.error !== 'invalid_lines' ? actionData.error : null
  return (
    <>
      <h1>{t('report.heading')}</h1>
      <p className="lede">{t('report.lede')}</p>
      {amended ? <FormMessage tone="success">{t('report.amends')}</FormMessage> : null}
      {formError ? (
        <FormMessage>{t(FORM_ERROR_KEYS[formError] ?? 'ledger:form.errors.choose')}</FormMessage>
      ) : null}
      {amended ? null : (
        <ul className="tabs">
          {(['quarter', 'month'] as const).map((k) => (
            <li key={k}>
              <a href={`?kind=${k}`} aria-current={k === kind ? 'page' : undefined}>
                {t(`report.${k}`)}
              </a>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="form">
        <input type="hidden" name="idempotencyKey" value={typed.idempotencyKey ?? idempotencyKey} />
        <input type="hidden" name="periodKind" value={kind} />
        {amended ? <input type="hidden" name="supersedesReportId" value={amended.id} /> : null}
        <SelectField name="projectId" label={t('report.project')} value={valueOf('projectId', amended?.project.id)} options={projects.map((p) => ({ value: p.id, label: localName(p.name, lang) }))} />
        <SelectField
          name="periodStart"
          label={t(kind === 'quarter' ? 'report.quarter' : 'report.month')}
          value={valueOf('periodStart', amended?.periodStart)}
          required
          options={periods.map((p) => ({ value: p.start, label: p.label }))}
        />
        {JOB_CATEGORIES.map((category) => {
          const previous = amended?.lines.find((l) => l.jobCategory === category)
          const districtsError = problemText(category, 'districts')
          return (
            <fieldset key={category} className="checkboxes">
              <legend>{t(`domain:jobCategory.${category}`)}</legend>
              {(['total', 'local', 'women'] as const).map((field) => {
                const name = `${category}_${field}`
                const error = problemText(category, field)
                return (
                  <div className="field" key={field}>
                    <label htmlFor={name}>{t(`report.${field}`)}</label>
                    <input
                      id={name}
                      name={name}
                      inputMode="numeric"
                      dir="ltr"
                      maxLength={limits[name]?.maxLength}
                      defaultValue={valueOf(name, previous?.[field])}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${name}-error` : undefined}
                    />
                    {error ? (
                      <p id={`${name}-error`} className="field-error" role="alert">
                        {error}
                      </p>
                    ) : null}
                  </div>
                )
              })}
              <div className="field">
                <label htmlFor={`${category}_districts`}>{t('report.districts')}</label>
                <p className="field-hint">{t('report.districtsHint')}</p>
                <input
                  id={`${category}_districts`}
                  name={`${category}_districts`}
                  defaultValue={valueOf(`${category}_districts`, previous?.districts?.map((d) => `${d.district}: ${d.local}`).join(', '))}
                  maxLength={limits[`${category}_districts`]?.maxLength}
                  aria-invalid={districtsError ? true : undefined}
                  aria-describedby={districtsError ? `${category}_districts-error` : undefined}
                />
                {districtsError ? (
                  <p id={`${category}_districts-error`} className="field-error" role="alert">
                    {districtsError}
                  </p>
                ) : null}
              </div>
            </fieldset>
          )
        })}
        <button type="submit" className="button">
          {t('report.submit')}
        </button>
      </Form>
    </>
  )
}
