import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { CodeSchema } from '~/auth/forms'
import { requestMeta, requireUser, unfinishedSignInStep } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { sessionCookieHeader } from '~/auth/session-cookie.server'
import { replaceWithVerifiedSession } from '~/auth/sessions.server'
import { verifySecondFactor } from '~/auth/totp.server'
import { Field, FormMessage } from '~/components/field'
import { db } from '~/db.server'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'

export const handle: RouteHandle = { permission: 'sign-in:finish' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'sign-in:finish')
  if (unfinishedSignInStep(user) !== '/login/code') throw redirect(localePath(lang, '/work'))
  return { title: await pageTitle(lang, 'account:totp.title') }
}

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'sign-in:finish')
  if (unfinishedSignInStep(user) !== '/login/code') throw redirect(localePath(lang, '/work'))
  const submission = parseWithZod(await args.request.formData(), { schema: CodeSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), problem: null }, { status: 400 })
  const outcome = await verifySecondFactor(db, user.id, submission.value.code, new Date(), requestMeta(args))
  if (outcome === 'ok') {
    const verified = await replaceWithVerifiedSession(db, user.sessionId, requestMeta(args), new Date())
    if (!verified) throw redirect(localePath(lang, '/login'))
    throw redirect(localePath(lang, '/work'), { headers: { 'Set-Cookie': sessionCookieHeader(args.request, verified.token) } })
  }
  const status = outcome === 'throttled' ? 429 : 400
  return data({ result: submission.reply({ resetForm: true }), problem: outcome }, { status })
}

export default function SecondStep() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('account')
  const [form, fields] = useForm<z.input<typeof CodeSchema>>({ lastResult: actionData?.result })
  const problem = actionData?.problem
  return (
    <>
      <h1>{t('totp.heading')}</h1>
      <p className="lede">{t('totp.lede')}</p>
      {problem === 'invalid' || problem === 'replayed' ? <FormMessage>{t(`totp.${problem}`)}</FormMessage> : null}
      {problem === 'throttled' ? <FormMessage>{t('signIn.throttled', { minutes: 15 })}</FormMessage> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <Field label={t('totp.code')} field={fields.code} autoComplete="one-time-code" inputMode="text" dir="ltr" required />
        <button type="submit" className="button">
          {t('totp.submit')}
        </button>
      </Form>
    </>
  )
}
