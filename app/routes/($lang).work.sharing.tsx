import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requestMeta, requireUser } from '~/auth/guard.server'
import { allows, type RouteHandle } from '~/auth/permissions'
import { FormMessage } from '~/components/field'
import { SelectField } from '~/components/select-field'
import { SharingTable } from '~/components/sharing-table'
import { db } from '~/db.server'
import { isIsoDate } from '~/domain/fiscal-year'
import { percentToBasisPoints } from '~/domain/percent'
import { localName } from '~/i18n/local-name'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang } from '~/i18n/use-lang'
import { listProjects } from '~/models/projects.server'
import { explainGap, setSharingRule, SharingRuleError, sharingGaps } from '~/models/sharing.server'
import { listTrusts } from '~/models/trusts.server'

/** Staff's view of every project's sharing gaps: admins set the rules, auditors explain gaps. */
export const handle: RouteHandle = { permission: 'read:workspace' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'read:workspace')
  const [gaps, projects, trusts] = await Promise.all([sharingGaps(db), listProjects(db), listTrusts(db)])
  return {
    title: await pageTitle(lang, 'ledger:sharing.rulesTitle'),
    gaps,
    projects: projects.map(({ id, name }) => ({ id, name })),
    trusts: trusts.map(({ id, name }) => ({ id, name })),
    canSetRules: allows(user, 'manage:sharing-rules'),
    canExplain: allows(user, 'explain:gaps'),
    saved: new URL(args.request.url).searchParams.has('saved'),
  }
}

const id = z.coerce.number().int().positive()
const RuleSchema = z.object({
  projectId: id,
  trustId: id,
  share: z
    .string()
    .transform((v) => percentToBasisPoints(v) ?? 0)
    .refine((bp) => bp >= 1),
  validFrom: z.string().refine(isIsoDate),
})
const ExplainSchema = z.object({ projectId: id, trustId: id, fiscalYear: id, explanation: z.string().trim().min(1).max(4000) })

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const form = Object.fromEntries(await args.request.formData())
  try {
    if (form.intent === 'explain') {
      const user = await requireUser(args, 'explain:gaps')
      const parsed = ExplainSchema.safeParse(form)
      if (!parsed.success) return data({ problem: 'invalid' as const }, { status: 400 })
      await explainGap(db, user.id, parsed.data, new Date(), requestMeta(args))
    } else {
      const user = await requireUser(args, 'manage:sharing-rules')
      const parsed = RuleSchema.safeParse(form)
      if (!parsed.success) return data({ problem: 'invalid' as const }, { status: 400 })
      const { projectId, trustId, share, validFrom } = parsed.data
      await setSharingRule(db, user.id, { projectId, trustId, gfsCode: '1415E1', shareBasisPoints: share, validFrom }, new Date(), requestMeta(args))
    }
  } catch (error) {
    if (error instanceof SharingRuleError) return data({ problem: 'invalid' as const }, { status: 400 })
    throw error
  }
  throw redirect(`${localePath(lang, '/work/sharing')}?saved`)
}

export default function SharingRules() {
  const { gaps, projects, trusts, canSetRules, canExplain, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('ledger')
  const lang = useLang()
  return (
    <>
      <h1>{t('sharing.rulesTitle')}</h1>
      <p className="lede">{t('sharing.lede')}</p>
      {saved ? <FormMessage tone="success">{t('sharing.ruleSaved')}</FormMessage> : null}
      {actionData?.problem ? <FormMessage>{t('common:errors.badRequest.body')}</FormMessage> : null}
      {canSetRules ? (
        <section aria-labelledby="set-rule">
          <h2 id="set-rule">{t('sharing.setRule')}</h2>
          <Form method="post" className="form">
            <SelectField name="projectId" label={t('list.project')} required options={projects.map((p) => ({ value: p.id, label: localName(p.name, lang) }))} />
            <SelectField name="trustId" label={t('sharing.trust')} required options={trusts.map((p) => ({ value: p.id, label: localName(p.name, lang) }))} />
            <div className="field">
              <label htmlFor="share">{t('sharing.share')}</label>
              <p className="field-hint">{t('sharing.basisPointsHint')}</p>
              <input id="share" name="share" inputMode="decimal" dir="ltr" required />
            </div>
            <div className="field">
              <label htmlFor="validFrom">{t('sharing.validFrom')}</label>
              <input id="validFrom" name="validFrom" type="date" required />
            </div>
            <button type="submit" className="button" name="intent" value="rule">
              {t('sharing.saveRule')}
            </button>
          </Form>
        </section>
      ) : null}
      <SharingTable rows={gaps} />
      {canExplain
        ? gaps
            .filter((g) => g.shortfall)
            .map((g) => (
              <Form method="post" className="form" key={`${g.project.id}-${g.trust.id}-${g.fiscalYear}`}>
                <input type="hidden" name="projectId" value={g.project.id} />
                <input type="hidden" name="trustId" value={g.trust.id} />
                <input type="hidden" name="fiscalYear" value={g.fiscalYear} />
                <div className="field">
                  <label htmlFor={`explain-${g.project.id}-${g.trust.id}-${g.fiscalYear}`}>
                    {t('sharing.explain')}: {localName(g.project.name, lang)} · {localName(g.trust.name, lang)} · {g.fiscalYear}
                  </label>
                  <textarea id={`explain-${g.project.id}-${g.trust.id}-${g.fiscalYear}`} name="explanation" rows={2} maxLength={4000} required />
                </div>
                <button type="submit" className="button button--quiet" name="intent" value="explain">
                  {t('sharing.explainSubmit')}
                </button>
              </Form>
            ))
        : null}
    </>
  )
}
