import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/guard.server'
import { allows, type RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { localName } from '~/i18n/local-name'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { listProjects } from '~/models/projects.server'
import { listTrusts } from '~/models/trusts.server'
import { pendingCountsByTrust } from '~/models/workspace.server'

export const handle: RouteHandle = { permission: 'read:workspace' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** The trusts and projects a person works for: an officer's own, everything for admins and auditors. */
export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'read:workspace')
  const [trusts, projects, pending] = await Promise.all([listTrusts(db), listProjects(db), pendingCountsByTrust(db)])
  return {
    title: await pageTitle(lang, 'admin:work.title'),
    trusts: trusts.filter((trust) => allows(user, 'read:workspace', { trustId: trust.id })).map((trust) => ({ ...trust, pending: pending.get(trust.id) ?? 0 })),
    projects: projects.filter((project) => allows(user, 'read:workspace', { projectId: project.id })),
  }
}

export default function Work() {
  const { trusts, projects } = useLoaderData<typeof loader>()
  const { t } = useTranslation('admin')
  const lang = useLang()
  const to = useLocalePath()
  return (
    <>
      <h1>{t('work.heading')}</h1>
      <p className="lede">{t('work.lede')}</p>
      {trusts.length === 0 && projects.length === 0 ? <p>{t('work.none')}</p> : null}
      {trusts.length > 0 ? (
        <>
          <h2>{t('work.trusts')}</h2>
          <ul className="cards">
            {trusts.map((trust) => (
              <li className="card" key={trust.id}>
                <h3>
                  <a href={to(`/work/trusts/${trust.slug}`)}>{localName(trust.name, lang)}</a>
                </h3>
                <p>
                  {t('work.pending')}: <bdi className="num">{trust.pending}</bdi>
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {projects.length > 0 ? (
        <>
          <h2>{t('work.projects')}</h2>
          <ul>
            {projects.map((project) => (
              <li key={project.id}>
                <a href={to(`/projects/${project.slug}`)}>{localName(project.name, lang)}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  )
}
