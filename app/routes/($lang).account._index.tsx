import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta, requireUser } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { endOwnSession, endOwnOtherSessions } from '~/auth/account.server'
import { listUserSessions } from '~/auth/sessions.server'
import { DateTimeText } from '~/components/date-text'
import { FormMessage } from '~/components/field'
import { db } from '~/db.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { listTrusts } from '~/models/trusts.server'
import { listProjects } from '~/models/projects.server'
import { localName } from '~/i18n/local-name'

export const handle: RouteHandle = { permission: 'account' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'account')
  const [sessions, trusts, projects] = await Promise.all([listUserSessions(db, user.id, new Date()), listTrusts(db), listProjects(db)])
  return {
    title: await pageTitle(lang, 'account:account.title'),
    user: { name: user.name, email: user.email, role: user.role, totpEnabled: user.totpEnabled, scoped: user.role === 'officer' },
    scope: {
      trusts: trusts.filter((trust) => user.scope.trustIds.includes(trust.id)).map((trust) => trust.name),
      projects: projects.filter((project) => user.scope.projectIds.includes(project.id)).map((project) => project.name),
    },
    currentSessionId: user.sessionId,
    sessions,
  }
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, 'account')
  const form = await args.request.formData()
  if (form.get('intent') === 'end-others') {
    await endOwnOtherSessions(db, user, requestMeta(args))
    return { ended: true }
  }
  const sessionId = form.get('sessionId')
  if (typeof sessionId !== 'string' || sessionId === '') return data({ ended: false }, { status: 400 })
  // Only one's own sessions, and not the one in use (that is signing out).
  const ended = sessionId !== user.sessionId && (await endOwnSession(db, user, sessionId, requestMeta(args)))
  return data({ ended }, { status: ended ? 200 : 404 })
}

export default function Account() {
  const { user, scope, sessions, currentSessionId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('account')
  const lang = useLang()
  const to = useLocalePath()
  const names = [...scope.trusts, ...scope.projects].map((n) => localName(n, lang))
  return (
    <>
      <h1>{t('account.heading')}</h1>
      {actionData?.ended ? <FormMessage tone="success">{t('account.ended')}</FormMessage> : null}
      <dl className="facts">
        <dt>{t('signIn.email')}</dt>
        <dd>
          <bdi dir="ltr">{user.email}</bdi>
        </dd>
        <dt>{t('account.role')}</dt>
        <dd>{t(`roles.${user.role}`)}</dd>
        <dt>{t('account.scope')}</dt>
        <dd>{user.scoped ? names.join(t('common:listSeparator')) : t('account.allRecords')}</dd>
        <dt>{t('account.secondFactor')}</dt>
        <dd>{user.totpEnabled ? t('account.secondFactorOn') : <a href={to('/account/codes')}>{t('account.secondFactorOff')}</a>}</dd>
      </dl>
      <p>
        <a href={to('/account/password')}>{t('account.changePassword')}</a>
      </p>

      <h2>{t('account.sessions')}</h2>
      <p className="muted">{t('account.timeouts')}</p>
      <div className="table-wrap">
        <table className="stack">
          <caption>{t('account.sessionsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.started')}</th>
              <th scope="col">{t('account.lastSeen')}</th>
              <th scope="col">{t('account.address')}</th>
              <th scope="col">{t('account.device')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('account.end')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td data-label={t('account.started')}><DateTimeText iso={session.createdAt} /></td>
                <td data-label={t('account.lastSeen')}><DateTimeText iso={session.lastSeenAt} /></td>
                <td data-label={t('account.address')}>
                  <bdi className="num">{session.ip ?? '—'}</bdi>
                </td>
                <td data-label={t('account.device')}>
                  <bdi dir="ltr">{session.userAgent ?? '—'}</bdi>
                </td>
                <td>
                  {session.id === currentSessionId ? (
                    <strong>{t('account.thisSession')}</strong>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="sessionId" value={session.id} />
                      <button type="submit" className="button button--quiet">
                        {t('account.end')}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sessions.length > 1 ? (
        <Form method="post">
          <button type="submit" name="intent" value="end-others" className="button button--quiet">
            {t('account.endOthers')}
          </button>
        </Form>
      ) : null}
    </>
  )
}
