import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { SignInSchema } from '~/auth/forms'
import { readSignIn, requestMeta, requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { afterSignInPath, safeRedirectPath } from '~/auth/return-path'
import { sessionCookieHeader } from '~/auth/session-cookie.server'
import { attemptSignIn } from '~/auth/sign-in.server'
import { Field, FormMessage } from '~/components/field'
import { db } from '~/db.server'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'

export const handle: RouteHandle = { permission: 'public' }

/** A throttled sign-in tells the browser when to try again, on the rendered page too. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  // Half signed in counts as anonymous here too: the form starts sign-in again, replacing that session.
  const user = await requirePermission(args, 'public')
  const url = new URL(args.request.url)
  const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'), args.request.url, '/work')
  if (user) throw redirect(afterSignInPath(lang, redirectTo))
  return { title: await pageTitle(lang, 'account:signIn.title'), redirectTo, signedOut: url.searchParams.has('signedOut'), passwordSet: url.searchParams.has('passwordSet') }
}

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requirePermission(args, 'public')
  const submission = parseWithZod(await args.request.formData(), { schema: SignInSchema })
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }), problem: null }, { status: 400 })

  const { email, password, redirectTo } = submission.value
  // Where to go is settled before the session is made, so nothing after it can fail.
  const destinations = {
    done: afterSignInPath(lang, safeRedirectPath(redirectTo, args.request.url, '/work')),
    totp: localePath(lang, '/login/code'),
    'enrol-totp': localePath(lang, '/account/codes'),
    'set-password': localePath(lang, '/account/password'),
  }
  const previous = await readSignIn(args.request)
  const outcome = await attemptSignIn(db, { email, password, ...requestMeta(args), replacesSessionId: previous?.user.sessionId }, new Date())
  if (outcome.status === 'throttled') {
    return data(
      { result: submission.reply({ hideFields: ['password'] }), problem: { key: 'throttled' as const, minutes: Math.ceil(outcome.retryAfterSeconds / 60) } },
      { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } },
    )
  }
  if (outcome.status === 'invalid') {
    return data({ result: submission.reply({ hideFields: ['password'] }), problem: { key: 'invalid' as const, minutes: 0 } }, { status: 400 })
  }
  throw redirect(destinations[outcome.next], { headers: { 'Set-Cookie': sessionCookieHeader(args.request, outcome.token) } })
}

export default function SignIn() {
  const { redirectTo, signedOut, passwordSet } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('account')
  const [form, fields] = useForm<z.input<typeof SignInSchema>>({ lastResult: actionData?.result, shouldValidate: 'onBlur' })
  const problem = actionData?.problem
  return (
    <>
      <h1>{t('signIn.heading')}</h1>
      <p className="lede">{t('signIn.lede')}</p>
      {signedOut ? <FormMessage tone="success">{t('signIn.signedOut')}</FormMessage> : null}
      {passwordSet ? <FormMessage tone="success">{t('password.setDone')}</FormMessage> : null}
      {problem ? <FormMessage>{t(`signIn.${problem.key}`, { minutes: problem.minutes })}</FormMessage> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label={t('signIn.email')} field={fields.email} type="email" autoComplete="username" dir="ltr" required />
        <Field label={t('signIn.password')} field={fields.password} type="password" autoComplete="current-password" required />
        <button type="submit" className="button">
          {t('signIn.submit')}
        </button>
      </Form>
    </>
  )
}
