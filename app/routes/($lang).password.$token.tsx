import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { NewPasswordSchema, PASSWORD_PROBLEM_MESSAGE } from '~/auth/forms'
import { requestMeta, requirePermission } from '~/auth/guard.server'
import { findValidPasswordToken, setPasswordWithToken } from '~/auth/password-tokens.server'
import type { RouteHandle } from '~/auth/permissions'
import { FormMessage } from '~/components/field'
import { NewPasswordFields } from '~/components/password-fields'
import { db } from '~/db.server'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'

/** Public, because the person has no password yet: the single-use token in the address is the permission. */
export const handle: RouteHandle = { permission: 'public' }

// No referrer meta here: with no-referrer, browsers send `Origin: null` on the form's POST, which the
// CSRF checks rightly refuse. Our Referrer-Policy already keeps the path (and token) from other sites.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requirePermission(args, 'public')
  const valid = await findValidPasswordToken(db, args.params.token ?? '', new Date())
  return data({ title: await pageTitle(lang, 'account:password.title'), valid: valid !== null }, { status: valid ? 200 : 410 })
}

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requirePermission(args, 'public')
  const submission = parseWithZod(await args.request.formData(), { schema: NewPasswordSchema })
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['newPassword', 'confirmPassword'] }), expired: false }, { status: 400 })
  const outcome = await setPasswordWithToken(db, args.params.token ?? '', submission.value.newPassword, new Date(), requestMeta(args))
  if (outcome === 'ok') throw redirect(`${localePath(lang, '/login')}?passwordSet`)
  if (outcome === 'invalid-token') return data({ result: submission.reply({ hideFields: ['newPassword', 'confirmPassword'] }), expired: true }, { status: 410 })
  return data(
    { result: submission.reply({ fieldErrors: { newPassword: [PASSWORD_PROBLEM_MESSAGE[outcome]] }, hideFields: ['newPassword', 'confirmPassword'] }), expired: false },
    { status: 400 },
  )
}

export default function ChoosePassword() {
  const { valid } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('account')
  const [form, fields] = useForm<z.input<typeof NewPasswordSchema>>({ lastResult: actionData?.result })
  if (!valid || actionData?.expired) {
    return (
      <>
        <h1>{t('password.heading')}</h1>
        <FormMessage>{t('password.invalidToken')}</FormMessage>
      </>
    )
  }
  return (
    <>
      <h1>{t('password.heading')}</h1>
      <Form method="post" className="form" {...getFormProps(form)}>
        <NewPasswordFields newPassword={fields.newPassword} confirmPassword={fields.confirmPassword} />
        <button type="submit" className="button">
          {t('password.submit')}
        </button>
      </Form>
    </>
  )
}
