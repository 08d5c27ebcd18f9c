import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requestMeta, requireUser, unfinishedSignInStep, type CurrentUser } from '~/auth/guard.server'
import { ROLES_REQUIRING_TOTP, type RouteHandle } from '~/auth/permissions'
import { sessionCookieHeader } from '~/auth/session-cookie.server'
import { replaceWithVerifiedSession } from '~/auth/sessions.server'
import { enableTotp, newTotpSecret, totpQrSvg, totpUri } from '~/auth/totp.server'
import { Field, FormMessage } from '~/components/field'
import { db } from '~/db.server'
import { localePath, type Lang } from '~/i18n/locales'
import { useLocalePath } from '~/i18n/use-lang'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { decodeBase32IgnorePadding } from '@oslojs/encoding'

export const handle: RouteHandle = { permission: 'sign-in:finish' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

const EnrolSchema = z.object({
  secret: z.string().regex(/^[A-Z2-7]{32}$/i),
  code: z.string({ error: 'account:fields.required' }).trim().regex(/^\d{6}$/, { error: 'account:fields.code' }),
})

function enrolment(email: string, secretBase32?: string) {
  const secret = secretBase32 ? { base32: secretBase32, bytes: decodeBase32IgnorePadding(secretBase32.toUpperCase()) } : newTotpSecret()
  return { secret: secret.base32, qrSvg: totpQrSvg(totpUri(secret.bytes, email)) }
}

/**
 * The signed-in user, or one whose sign-in waits for exactly this step; a session that owes its
 * code is sent to the code step instead, since with a second factor on there is nothing to enrol.
 */
async function requireEnrolling(args: LoaderFunctionArgs | ActionFunctionArgs, lang: Lang): Promise<CurrentUser> {
  const user = await requireUser(args, 'sign-in:finish')
  const step = unfinishedSignInStep(user)
  if (step !== null && step !== '/account/codes') throw redirect(localePath(lang, step))
  return user
}

/**
 * Enrolling a second factor: a new secret as a QR code and as text; the first code from the app
 * proves it was stored. Admins and auditors are sent here until they have done it.
 */
export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireEnrolling(args, lang)
  return {
    title: await pageTitle(lang, 'account:enrol.title'),
    enabled: user.totpEnabled,
    required: ROLES_REQUIRING_TOTP.includes(user.role),
    ...(user.totpEnabled ? { secret: null, qrSvg: null } : enrolment(user.email)),
  }
}

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireEnrolling(args, lang)
  if (user.totpEnabled) return data({ result: null, recoveryCodes: null, enrolment: null }, { status: 409 })
  const submission = parseWithZod(await args.request.formData(), { schema: EnrolSchema })
  if (submission.status !== 'success') {
    const secret = typeof submission.payload.secret === 'string' && /^[A-Z2-7]{32}$/i.test(submission.payload.secret) ? submission.payload.secret : undefined
    return data({ result: submission.reply(), recoveryCodes: null, enrolment: enrolment(user.email, secret) }, { status: 400 })
  }
  const { secret, code } = submission.value
  const enabled = await enableTotp(db, user.id, secret, code, new Date(), requestMeta(args))
  if (!enabled) {
    return data(
      { result: submission.reply({ formErrors: ['account:enrol.invalid'], resetForm: false }), recoveryCodes: null, enrolment: enrolment(user.email, secret) },
      { status: 400 },
    )
  }
  const verified = await replaceWithVerifiedSession(db, user.sessionId, requestMeta(args), new Date())
  if (!verified) throw redirect(localePath(lang, '/login'))
  return data({ result: null, recoveryCodes: enabled.recoveryCodes, enrolment: null }, { headers: { 'Set-Cookie': sessionCookieHeader(args.request, verified.token) } })
}

export default function EnrolCodes() {
  const loaded = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('account')
  const to = useLocalePath()
  const [form, fields] = useForm<z.input<typeof EnrolSchema>>({ lastResult: actionData?.result })
  const current = actionData?.enrolment ?? (loaded.secret ? { secret: loaded.secret, qrSvg: loaded.qrSvg! } : null)

  if (actionData?.recoveryCodes) {
    return (
      <>
        <h1>{t('enrol.heading')}</h1>
        <FormMessage tone="success">{t('enrol.done')}</FormMessage>
        <ul className="recovery-codes">
          {actionData.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <a className="button" href={to('/work')}>
            {t('enrol.continue')}
          </a>
        </p>
      </>
    )
  }
  if (loaded.enabled || !current) {
    return (
      <>
        <h1>{t('enrol.heading')}</h1>
        <p>{t('enrol.alreadyOn')}</p>
      </>
    )
  }
  return (
    <>
      <h1>{t('enrol.heading')}</h1>
      <p className="lede">{t(loaded.required ? 'enrol.required' : 'enrol.optional')}</p>
      {form.errors?.length ? <FormMessage>{form.errors.map((e) => t(e)).join(' ')}</FormMessage> : null}
      <p>{t('enrol.scan')}</p>
      {/* The SVG is drawn on our server from the key URI; it holds no user input. */}
      <div className="qr" dangerouslySetInnerHTML={{ __html: current.qrSvg }} />
      <p className="secret-key">
        <bdi dir="ltr">{current.secret.replace(/(.{4})/g, '$1 ').trim()}</bdi>
      </p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="secret" value={current.secret} />
        <Field label={t('enrol.code')} field={fields.code} autoComplete="one-time-code" inputMode="numeric" dir="ltr" required />
        <button type="submit" className="button">
          {t('enrol.submit')}
        </button>
      </Form>
    </>
  )
}
