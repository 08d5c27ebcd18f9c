import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { issuePasswordLink } from '~/auth/account.server'
import { requestMeta, requireUser } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { NewUserFormSchema } from '~/auth/user-form'
import { FormMessage } from '~/components/field'
import { UserFormFields } from '~/components/user-form-fields'
import { db } from '~/db.server'
import { localName } from '~/i18n/local-name'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { formConstraint } from '~/models/form-text'
import { listProjects } from '~/models/projects.server'
import { listTrusts } from '~/models/trusts.server'
import { createUser, listUsers, UserRuleError } from '~/models/users.server'

export const handle: RouteHandle = { permission: 'manage:users' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

async function choices() {
  const [trusts, projects] = await Promise.all([listTrusts(db), listProjects(db)])
  return { trusts: trusts.map(({ id, name }) => ({ id, name })), projects: projects.map(({ id, name }) => ({ id, name })) }
}

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requireUser(args, 'manage:users')
  const [users, { trusts, projects }] = await Promise.all([listUsers(db), choices()])
  return { title: await pageTitle(lang, 'admin:users.title'), users, trusts, projects }
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, 'manage:users')
  const submission = parseWithZod(await args.request.formData(), { schema: NewUserFormSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), link: null }, { status: 400 })
  const { name, email, role, preferredLang, trustIds, projectIds } = submission.value
  try {
    const meta = requestMeta(args)
    const user = await createUser(db, admin.id, { name, email, role, preferredLang, scope: { trustIds, projectIds } }, new Date(), meta)
    const token = await issuePasswordLink(db, admin, user.id, 'invite', meta)
    const link = new URL(localePath(preferredLang, `/password/${token}`), args.request.url).toString()
    return { result: submission.reply({ resetForm: true }), link }
  } catch (error) {
    if (error instanceof UserRuleError && error.code === 'email_taken') {
      return data({ result: submission.reply({ fieldErrors: { email: ['admin:users.emailTaken'] } }), link: null }, { status: 400 })
    }
    if (error instanceof UserRuleError) return data({ result: submission.reply({ formErrors: ['common:errors.badRequest.body'] }), link: null }, { status: 400 })
    throw error
  }
}

export default function Users() {
  const { users, trusts, projects } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('admin')
  const lang = useLang()
  const to = useLocalePath()
  const [form, fields] = useForm<z.input<typeof NewUserFormSchema>>({ lastResult: actionData?.result, constraint: formConstraint(NewUserFormSchema), defaultValue: { role: 'officer', preferredLang: 'ur' } })
  const scopeNames = (scope: { trustIds: number[]; projectIds: number[] }) =>
    [...trusts.filter((x) => scope.trustIds.includes(x.id)), ...projects.filter((x) => scope.projectIds.includes(x.id))].map((x) => localName(x.name, lang)).join(t('common:listSeparator'))
  return (
    <>
      <h1>{t('users.heading')}</h1>
      <div className="table-wrap">
        <table className="stack">
          <caption>{t('users.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.scope')}</th>
              <th scope="col">{t('users.status')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">
                  <a href={to(`/admin/users/${user.id}`)}>{user.name}</a>
                </th>
                <td data-label={t('users.email')}>
                  <bdi dir="ltr">{user.email}</bdi>
                </td>
                <td data-label={t('users.role')}>{t(`account:roles.${user.role}`)}</td>
                <td data-label={t('users.scope')}>{user.role === 'officer' ? scopeNames(user.scope) : t('account:account.allRecords')}</td>
                <td data-label={t('users.status')}>
                  {user.isActive ? t('users.active') : t('users.inactive')}
                  {user.hasPassword ? null : <span className="muted block">{t('users.noPassword')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="new-user">{t('users.create')}</h2>
      {actionData?.link ? (
        <FormMessage tone="success">
          {t('users.created')}{' '}
          <bdi dir="ltr" className="secret-key">
            {actionData.link}
          </bdi>
        </FormMessage>
      ) : null}
      {form.errors?.length ? <FormMessage>{form.errors.map((e) => t(e)).join(' ')}</FormMessage> : null}
      <Form method="post" className="form" aria-labelledby="new-user" {...getFormProps(form)}>
        <UserFormFields fields={fields} trusts={trusts} projects={projects} />
        <button type="submit" className="button">
          {t('users.createSubmit')}
        </button>
      </Form>
    </>
  )
}
