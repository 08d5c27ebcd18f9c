import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta, requireUser } from '~/auth/guard.server'
import { allows, type RouteHandle } from '~/auth/permissions'
import { DateText } from '~/components/date-text'
import { FormMessage, PlainField } from '~/components/field'
import { SelectField } from '~/components/select-field'
import { db } from '~/db.server'
import { JOB_CATEGORIES, type JobCategory } from '~/domain/employment'
import { isIsoDate } from '~/domain/fiscal-year'
import { percentToBasisPoints } from '~/domain/percent'
import { formatBasisPoints } from '~/i18n/format'
import { localName } from '~/i18n/local-name'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang } from '~/i18n/use-lang'
import { formConstraint } from '~/models/form-text'
import { EmploymentRuleError, quotaHistory, setQuota } from '~/models/employment.server'
import { QuotaTextSchema } from '~/models/quota-form'
import { listProjects } from '~/models/projects.server'

/** Every project's quota history for staff; admins set new quotas here. */
export const handle: RouteHandle = { permission: 'read:workspace' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'read:workspace')
  const projects = await listProjects(db)
  const asked = Number(new URL(args.request.url).searchParams.get('project'))
  const project = projects.find((p) => p.id === asked) ?? projects[0]
  return {
    title: await pageTitle(lang, 'employment:quotas.title'),
    projects: projects.map(({ id, name, district }) => ({ id, name, district })),
    projectId: project?.id ?? null,
    history: project ? await quotaHistory(db, project.id) : [],
    canSet: allows(user, 'manage:quotas'),
    saved: new URL(args.request.url).searchParams.has('saved'),
  }
}

const limits = formConstraint(QuotaTextSchema)

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'manage:quotas')
  const form = await args.request.formData()
  const typed = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>
  const lengths = QuotaTextSchema.safeParse(typed)
  if (!lengths.success) {
    const overlong = Object.fromEntries(lengths.error.issues.map((issue) => [String(issue.path[0]), issue.message]))
    return data({ problem: 'invalid' as const, overlong, typed }, { status: 400 })
  }
  const text = (name: string) => String(form.get(name) ?? '').trim()
  const projectId = Number(text('projectId'))
  const jobCategory = text('jobCategory') as JobCategory
  const minLocal = percentToBasisPoints(text('minLocal'))
  const minWomen = text('minWomen') === '' ? null : percentToBasisPoints(text('minWomen'))
  const validFrom = text('validFrom')
  const localScope = text('localScope') === 'province' ? 'province' : 'district'
  const invalid = !Number.isSafeInteger(projectId) || !JOB_CATEGORIES.includes(jobCategory) || minLocal === null || (text('minWomen') !== '' && minWomen === null) || !isIsoDate(validFrom)
  if (invalid) return data({ problem: 'invalid' as const, overlong: {}, typed }, { status: 400 })
  try {
    await setQuota(
      db,
      user.id,
      { projectId, jobCategory, localScope, localDistricts: text('districts').split(/[,،]/).map((d) => d.trim()).filter(Boolean), minLocalBasisPoints: minLocal, minWomenBasisPoints: minWomen, validFrom },
      new Date(),
      requestMeta(args),
    )
  } catch (error) {
    if (error instanceof EmploymentRuleError) return data({ problem: 'invalid' as const, overlong: {}, typed }, { status: 400 })
    throw error
  }
  throw redirect(`${localePath(lang, '/work/quotas')}?project=${projectId}&saved`)
}

export default function Quotas() {
  const { projects, projectId, history, canSet, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('employment')
  const lang = useLang()
  const current = projects.find((p) => p.id === projectId)
  // A refused form comes back with what was typed, and a message beside any field that was too long.
  const typed: Record<string, string> = actionData?.typed ?? {}
  const overlong: Record<string, string> = actionData?.overlong ?? {}
  return (
    <>
      <h1>{t('quotas.heading')}</h1>
      <p className="lede">{t('quotas.lede')}</p>
      {saved ? <FormMessage tone="success">{t('quotas.saved')}</FormMessage> : null}
      {actionData?.problem && Object.keys(actionData.overlong).length === 0 ? <FormMessage>{t('common:errors.badRequest.body')}</FormMessage> : null}
      <form method="get" className="filters">
        <label>
          {t('report.project')}
          <select name="project" defaultValue={projectId ?? ''}>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {localName(p.name, lang)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          {t('ranking.show')}
        </button>
      </form>
      <h2>{t('quotas.history')}</h2>
      <div className="table-wrap">
        <table className="stack">
          <caption>{current ? localName(current.name, lang) : ''}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.category')}</th>
              <th scope="col">{t('quotas.minLocal')}</th>
              <th scope="col">{t('quotas.minWomen')}</th>
              <th scope="col">{t('quotas.localScope')}</th>
              <th scope="col">{t('quotas.validFrom')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((q) => (
              <tr key={q.id}>
                <th scope="row">{t(`domain:jobCategory.${q.jobCategory}`)}</th>
                <td data-label={t('quotas.minLocal')}>
                  <bdi className="num">{formatBasisPoints(lang, q.minLocalBasisPoints)}</bdi>
                </td>
                <td data-label={t('quotas.minWomen')}>{q.minWomenBasisPoints === null ? '—' : <bdi className="num">{formatBasisPoints(lang, q.minWomenBasisPoints)}</bdi>}</td>
                <td data-label={t('quotas.localScope')}>
                  {q.localScope === 'province' ? t('quotas.provinceScope') : q.localDistricts.map((d) => t(`domain:district.${d}`, { defaultValue: d })).join(t('common:listSeparator'))}
                </td>
                <td data-label={t('quotas.validFrom')}>
                  <DateText iso={q.validFrom} /> {q.validTo ? <>{t('quotas.until')} <DateText iso={q.validTo} /></> : `(${t('quotas.open')})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canSet && current ? (
        <Form method="post" className="form">
          <input type="hidden" name="projectId" value={current.id} />
          <SelectField name="jobCategory" label={t('report.category')} required value={typed.jobCategory} options={JOB_CATEGORIES.map((c) => ({ value: c, label: t(`domain:jobCategory.${c}`) }))} />
          <SelectField name="localScope" label={t('quotas.localScope')} required value={typed.localScope} options={[{ value: 'district', label: t('quotas.district') }, { value: 'province', label: t('quotas.provinceScope') }]} />
          <PlainField name="districts" maxLength={limits.districts?.maxLength} label={t('quotas.districts')} defaultValue={typed.districts ?? current.district} error={overlong.districts} />
          <PlainField name="minLocal" maxLength={limits.minLocal?.maxLength} label={t('quotas.minLocal')} defaultValue={typed.minLocal} error={overlong.minLocal} inputMode="decimal" dir="ltr" required />
          <PlainField name="minWomen" maxLength={limits.minWomen?.maxLength} label={t('quotas.minWomen')} defaultValue={typed.minWomen} error={overlong.minWomen} inputMode="decimal" dir="ltr" />
          <PlainField name="validFrom" maxLength={limits.validFrom?.maxLength} label={t('quotas.validFrom')} defaultValue={typed.validFrom} error={overlong.validFrom} type="date" required />
          <button type="submit" className="button">
            {t('quotas.save')}
          </button>
        </Form>
      ) : null}
    </>
  )
}
