import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { ChangePasswordSchema, PASSWORD_PROBLEM_MESSAGE } from '~/auth/forms'
import { requestMeta, requireUser } from '~/auth/guard.server'
import { changePassword } from '~/auth/password-tokens.server'
import type { RouteHandle } from '~/auth/permissions'
import { checkCurrentPassword } from '~/auth/sign-in.server'
import { Field, FormMessage } from '~/components/field'
import { NewPasswordFields } from '~/components/password-fields'
import { db } from '~/db.server'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'

export const handle: RouteHandle = { permission: 'account' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** Too many wrong guesses at the current password: the browser is told when to try again. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requireUser(args, 'account')
  return { title: await pageTitle(lang, 'account:password.changeTitle') }
}

const HIDDEN = ['currentPassword', 'newPassword', 'confirmPassword']

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, 'account')
  const submission = parseWithZod(await args.request.formData(), { schema: ChangePasswordSchema })
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: HIDDEN }), changed: false, waitMinutes: null }, { status: 400 })
  const current = await checkCurrentPassword(db, user, submission.value.currentPassword, requestMeta(args), new Date())
  if (current.status === 'throttled') {
    return data(
      { result: submission.reply({ hideFields: HIDDEN }), changed: false, waitMinutes: Math.ceil(current.retryAfterSeconds / 60) },
      { status: 429, headers: { 'Retry-After': String(current.retryAfterSeconds) } },
    )
  }
  if (current.status === 'invalid') {
    return data({ result: submission.reply({ fieldErrors: { currentPassword: ['account:password.wrongCurrent'] }, hideFields: HIDDEN }), changed: false, waitMinutes: null }, { status: 400 })
  }
  const outcome = await changePassword(db, user.id, submission.value.newPassword, new Date(), { ...requestMeta(args), keepSessionId: user.sessionId })
  if (outcome !== 'ok') {
    return data({ result: submission.reply({ fieldErrors: { newPassword: [PASSWORD_PROBLEM_MESSAGE[outcome]] }, hideFields: HIDDEN }), changed: false, waitMinutes: null }, { status: 400 })
  }
  return { result: submission.reply({ resetForm: true }), changed: true, waitMinutes: null }
}

export default function ChangePassword() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('account')
  const [form, fields] = useForm<z.input<typeof ChangePasswordSchema>>({ lastResult: actionData?.result })
  return (
    <>
      <h1>{t('password.changeTitle')}</h1>
      {actionData?.changed ? <FormMessage tone="success">{t('password.changed')}</FormMessage> : null}
      {actionData?.waitMinutes ? <FormMessage>{t('signIn.throttled', { minutes: actionData.waitMinutes })}</FormMessage> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <Field label={t('password.current')} field={fields.currentPassword} type="password" autoComplete="current-password" required />
        <NewPasswordFields newPassword={fields.newPassword} confirmPassword={fields.confirmPassword} />
        <button type="submit" className="button">
          {t('password.submit')}
        </button>
      </Form>
    </>
  )
}
