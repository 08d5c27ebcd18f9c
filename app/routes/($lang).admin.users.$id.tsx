import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { endAllSessionsOf, issuePasswordLink } from '~/auth/account.server'
import { requestMeta, requireUser } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { listUserSessions } from '~/auth/sessions.server'
import { UserFormSchema } from '~/auth/user-form'
import { DateTimeText } from '~/components/date-text'
import { FormMessage } from '~/components/field'
import { UserFormFields } from '~/components/user-form-fields'
import { db } from '~/db.server'
import { localePath } from '~/i18n/locales'
import { langFromParams, notFound } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLocalePath } from '~/i18n/use-lang'
import { formConstraint } from '~/models/form-text'
import { listProjects } from '~/models/projects.server'
import { listTrusts } from '~/models/trusts.server'
import { findUserById, setUserActive, updateUser, UserRuleError } from '~/models/users.server'

export const handle: RouteHandle = { permission: 'manage:users' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

async function userOr404(id: string | undefined) {
  const user = /^\d+$/.test(id ?? '') ? await findUserById(db, Number(id)) : null
  if (!user) notFound()
  return user
}

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requireUser(args, 'manage:users')
  const user = await userOr404(args.params.id)
  const [trusts, projects, sessions] = await Promise.all([listTrusts(db), listProjects(db), listUserSessions(db, user.id, new Date())])
  return {
    title: await pageTitle(lang, 'admin:user.title', { name: user.name }),
    user,
    sessions,
    trusts: trusts.map(({ id, name }) => ({ id, name })),
    projects: projects.map(({ id, name }) => ({ id, name })),
  }
}

type Notice = 'saved' | 'deactivated' | 'reactivated' | 'sessionsEnded' | 'resetIssued' | 'cannotDeactivateSelf'

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, 'manage:users')
  const user = await userOr404(args.params.id)
  const meta = requestMeta(args)
  const form = await args.request.formData()
  const reply = (notice: Notice, extra: { link?: string } = {}, status = 200) => data({ result: null, notice, link: extra.link ?? null }, { status })

  switch (form.get('intent')) {
    case 'deactivate':
      if (user.id === admin.id) return reply('cannotDeactivateSelf', {}, 400)
      await setUserActive(db, admin.id, user.id, false, new Date(), meta)
      return reply('deactivated')
    case 'reactivate':
      await setUserActive(db, admin.id, user.id, true, new Date(), meta)
      return reply('reactivated')
    case 'end-sessions':
      await endAllSessionsOf(db, admin, user.id, meta)
      return reply('sessionsEnded')
    case 'reset-link': {
      const token = await issuePasswordLink(db, admin, user.id, 'reset', meta)
      return reply('resetIssued', { link: new URL(localePath(user.preferredLang, `/password/${token}`), args.request.url).toString() })
    }
  }

  const submission = parseWithZod(form, { schema: UserFormSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), notice: null, link: null }, { status: 400 })
  const { name, role, preferredLang, trustIds, projectIds } = submission.value
  try {
    await updateUser(db, admin.id, user.id, { name, role, preferredLang, scope: { trustIds, projectIds } }, new Date(), meta)
  } catch (error) {
    if (!(error instanceof UserRuleError)) throw error
    return data({ result: submission.reply({ formErrors: ['common:errors.badRequest.body'] }), notice: null, link: null }, { status: 400 })
  }
  return { result: submission.reply(), notice: 'saved' as Notice, link: null }
}

const NOTICE_KEY: Record<Notice, string> = {
  saved: 'user.saved',
  deactivated: 'user.deactivated',
  reactivated: 'user.reactivated',
  sessionsEnded: 'user.sessionsEnded',
  resetIssued: 'user.resetIssued',
  cannotDeactivateSelf: 'user.cannotDeactivateSelf',
}

export default function EditUser() {
  const { user, sessions, trusts, projects } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('admin')
  const to = useLocalePath()
  const [form, fields] = useForm<z.input<typeof UserFormSchema>>({
    lastResult: actionData?.result,
    constraint: formConstraint(UserFormSchema),
    defaultValue: { name: user.name, role: user.role, preferredLang: user.preferredLang, trustIds: user.scope.trustIds.map(String), projectIds: user.scope.projectIds.map(String) },
  })
  const notice = actionData?.notice
  return (
    <>
      <p className="muted">
        <a href={to('/admin/users')}>{t('users.heading')}</a>
      </p>
      <h1>{user.name}</h1>
      <p>
        <bdi dir="ltr">{user.email}</bdi> · {user.isActive ? t('users.active') : t('users.inactive')}
      </p>
      {notice ? (
        <FormMessage tone={notice === 'cannotDeactivateSelf' ? 'error' : 'success'}>
          {t(NOTICE_KEY[notice])}{' '}
          {actionData?.link ? (
            <bdi dir="ltr" className="secret-key">
              {actionData.link}
            </bdi>
          ) : null}
        </FormMessage>
      ) : null}
      {form.errors?.length ? <FormMessage>{form.errors.map((e) => t(e)).join(' ')}</FormMessage> : null}

      <Form method="post" className="form" {...getFormProps(form)}>
        <UserFormFields fields={fields} trusts={trusts} projects={projects} />
        <button type="submit" className="button">
          {t('user.save')}
        </button>
      </Form>

      <h2>{t('user.sessions')}</h2>
      {sessions.length === 0 ? (
        <p className="muted">{t('user.noSessions')}</p>
      ) : (
        <ul>
          {sessions.map((session) => (
            <li key={session.id}>
              <DateTimeText iso={session.lastSeenAt} /> · <bdi className="num">{session.ip ?? '—'}</bdi>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="user-menu">
        <button type="submit" name="intent" value="reset-link" className="button button--quiet">
          {t('user.resetLink')}
        </button>
        {sessions.length > 0 ? (
          <button type="submit" name="intent" value="end-sessions" className="button button--quiet">
            {t('user.endSessions')}
          </button>
        ) : null}
        <button type="submit" name="intent" value={user.isActive ? 'deactivate' : 'reactivate'} className="button button--quiet">
          {t(user.isActive ? 'user.deactivate' : 'user.reactivate')}
        </button>
      </Form>
    </>
  )
}
