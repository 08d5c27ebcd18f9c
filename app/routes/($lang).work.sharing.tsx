import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requestMeta, requireUser } from '~/auth/guard.server'
import { allows, type RouteHandle } from '~/auth/permissions'
import { FormMessage, PlainField } from '~/components/field'
import { SelectField } from '~/components/select-field'
import { SharingTable } from '~/components/sharing-table'
import { db } from '~/db.server'
import { localName } from '~/i18n/local-name'
import { translateMessage } from '~/i18n/message'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang } from '~/i18n/use-lang'
import { formConstraint, isTooLong } from '~/models/form-text'
import { ExplainSchema, RuleSchema } from '~/models/sharing-forms'
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

// The page's limits are the server's: both come from the schemas above.
const ruleLimits = formConstraint(RuleSchema)
const explanationLimits = formConstraint(ExplainSchema)

/** Which form on the page was sent: the rule form, or the explanation of one gap. */
const formKeyOf = (form: Record<string, unknown>) => (form.intent === 'explain' ? `explain-${String(form.projectId)}-${String(form.trustId)}-${String(form.fiscalYear)}` : 'rule')

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const form = Object.fromEntries(await args.request.formData())
  // A refused form comes back with what was typed, and a message beside any field that was too long.
  const refuse = (issues: z.core.$ZodIssue[] = []) => {
    const overlong = Object.fromEntries(issues.filter((i) => isTooLong(i.message)).map((i) => [String(i.path[0]), i.message]))
    const typed = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string')) as Record<string, string>
    return data({ problem: 'invalid' as const, formKey: formKeyOf(form), overlong, typed }, { status: 400 })
  }
  try {
    if (form.intent === 'explain') {
      const user = await requireUser(args, 'explain:gaps')
      const parsed = ExplainSchema.safeParse(form)
      if (!parsed.success) return refuse(parsed.error.issues)
      await explainGap(db, user.id, parsed.data, new Date(), requestMeta(args))
    } else {
      const user = await requireUser(args, 'manage:sharing-rules')
      const parsed = RuleSchema.safeParse(form)
      if (!parsed.success) return refuse(parsed.error.issues)
      const { projectId, trustId, share, validFrom } = parsed.data
      await setSharingRule(db, user.id, { projectId, trustId, gfsCode: '1415E1', shareBasisPoints: share, validFrom }, new Date(), requestMeta(args))
    }
  } catch (error) {
    if (error instanceof SharingRuleError) return refuse()
    throw error
  }
  throw redirect(`${localePath(lang, '/work/sharing')}?saved`)
}

export default function SharingRules() {
  const { gaps, projects, trusts, canSetRules, canExplain, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('ledger')
  const lang = useLang()
  // What was typed into the form that was refused, and its fields that were too long; nothing for the others.
  const sentForm = (key: string) => (actionData?.formKey === key ? actionData : { typed: {} as Record<string, string>, overlong: {} as Record<string, string> })
  const rule = sentForm('rule')
  return (
    <>
      <h1>{t('sharing.rulesTitle')}</h1>
      <p className="lede">{t('sharing.lede')}</p>
      {saved ? <FormMessage tone="success">{t('sharing.ruleSaved')}</FormMessage> : null}
      {actionData?.problem && Object.keys(actionData.overlong).length === 0 ? <FormMessage>{t('common:errors.badRequest.body')}</FormMessage> : null}
      {canSetRules ? (
        <section aria-labelledby="set-rule">
          <h2 id="set-rule">{t('sharing.setRule')}</h2>
          <Form method="post" className="form">
            <SelectField name="projectId" label={t('list.project')} required value={rule.typed.projectId} options={projects.map((p) => ({ value: p.id, label: localName(p.name, lang) }))} />
            <SelectField name="trustId" label={t('sharing.trust')} required value={rule.typed.trustId} options={trusts.map((p) => ({ value: p.id, label: localName(p.name, lang) }))} />
            <PlainField
              name="share"
              label={t('sharing.share')}
              hint={t('sharing.basisPointsHint')}
              inputMode="decimal"
              dir="ltr"
              required
              maxLength={ruleLimits.share?.maxLength}
              defaultValue={rule.typed.share}
              error={rule.overlong.share}
            />
            <PlainField name="validFrom" label={t('sharing.validFrom')} type="date" required maxLength={ruleLimits.validFrom?.maxLength} defaultValue={rule.typed.validFrom} error={rule.overlong.validFrom} />
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
            .map((g) => {
              const key = `explain-${g.project.id}-${g.trust.id}-${g.fiscalYear}`
              const sent = sentForm(key)
              return (
              <Form method="post" className="form" key={key}>
                <input type="hidden" name="projectId" value={g.project.id} />
                <input type="hidden" name="trustId" value={g.trust.id} />
                <input type="hidden" name="fiscalYear" value={g.fiscalYear} />
                <div className="field">
                  <label htmlFor={key}>
                    {t('sharing.explain')}: {localName(g.project.name, lang)} · {localName(g.trust.name, lang)} · {g.fiscalYear}
                  </label>
                  <textarea
                    id={key}
                    name="explanation"
                    rows={2}
                    maxLength={explanationLimits.explanation?.maxLength}
                    required
                    defaultValue={sent.typed.explanation}
                    aria-invalid={sent.overlong.explanation ? true : undefined}
                    aria-describedby={sent.overlong.explanation ? `${key}-error` : undefined}
                  />
                  {sent.overlong.explanation ? (
                    <p id={`${key}-error`} className="field-error" role="alert">
                      {translateMessage(t, sent.overlong.explanation)}
                    </p>
                  ) : null}
                </div>
                <button type="submit" className="button button--quiet" name="intent" value="explain">
                  {t('sharing.explainSubmit')}
                </button>
              </Form>
              )
            })
        : null}
    </>
  )
}
