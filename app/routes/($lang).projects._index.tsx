import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { localName } from '~/i18n/local-name'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { parseProjectFilters } from '~/models/project-filters'
import { listProjects, projectFacets } from '~/models/projects.server'

export const handle: RouteHandle = { permission: 'public' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = langFromParams(params, request)
  const { filters, ignored } = parseProjectFilters(new URL(request.url).searchParams)
  const [projects, facets] = await Promise.all([listProjects(db, filters), projectFacets(db)])
  return { title: await pageTitle(lang, 'projects.title'), projects, facets, filters, ignored }
}

export default function Projects() {
  const { projects, facets, filters, ignored } = useLoaderData<typeof loader>()
  const { t } = useTranslation('pages')
  const lang = useLang()
  const to = useLocalePath()
  return (
    <>
      <h1>{t('projects.heading')}</h1>
      <form method="get" className="filters" aria-label={t('projects.filterLabel')}>
        <label>
          {t('projects.province')}
          <select name="province" defaultValue={filters.province ?? ''}>
            <option value="">{t('projects.any')}</option>
            {facets.provinces.map((p) => (
              <option key={p} value={p}>
                {t(`domain:province.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('projects.mineral')}
          <select name="mineral" defaultValue={filters.mineral ?? ''}>
            <option value="">{t('projects.any')}</option>
            {facets.minerals.map((m) => (
              <option key={m} value={m}>
                {t(`domain:mineral.${m}`, { defaultValue: m })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('projects.status')}
          <select name="status" defaultValue={filters.status ?? ''}>
            <option value="">{t('projects.any')}</option>
            {facets.statuses.map((s) => (
              <option key={s} value={s}>
                {t(`domain:projectStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          {t('projects.apply')}
        </button>
        <a className="button button--quiet" href={to('/projects')}>
          {t('projects.clear')}
        </a>
      </form>
      {ignored.length > 0 ? (
        <p role="status" className="demo-banner">
          {t('projects.ignoredFilters')}
        </p>
      ) : null}
      <p role="status">{t('projects.count', { count: projects.length })}</p>
      <ul className="cards">
        {projects.map((p) => (
          <li className="card" key={p.id}>
            <h2>
              <a href={to(`/projects/${p.slug}`)}>{localName(p.name, lang)}</a>
            </h2>
            <p>{localName(p.operator, lang)}</p>
            <p className="muted">
              {t(`domain:district.${p.district}`, { defaultValue: p.district })}
              {t('common:listSeparator')}
              {t(`domain:province.${p.province}`)}
            </p>
            <p>
              <span className="badge badge--none">{t(`domain:projectStatus.${p.status}`)}</span>{' '}
              {p.minerals.map((m) => t(`domain:mineral.${m}`, { defaultValue: m })).join(t('common:listSeparator'))}
            </p>
          </li>
        ))}
      </ul>
    </>
  )
}
