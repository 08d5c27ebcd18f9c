import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FlowBars, FlowsTable } from '~/components/flows-table'
import { Money } from '~/components/money'
import { db } from '~/db.server'
import type { RouteHandle } from '~/auth/permissions'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLocalePath } from '~/i18n/use-lang'
import { flowsByFiscalYear, totalFlows } from '~/models/flows.server'
import { listProjects } from '~/models/projects.server'
import { listTrusts } from '~/models/trusts.server'

export const handle: RouteHandle = { permission: 'public' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = langFromParams(params, request)
  const [years, projects, trusts] = await Promise.all([flowsByFiscalYear(db), listProjects(db), listTrusts(db)])
  return { title: await pageTitle(lang, 'home.title'), years, total: totalFlows(years), projectCount: projects.length, trustCount: trusts.length }
}

export default function Home() {
  const { years, total, projectCount, trustCount } = useLoaderData<typeof loader>()
  const { t } = useTranslation('pages')
  const to = useLocalePath()
  return (
    <>
      <h1>{t('home.heading')}</h1>
      <p className="lede">{t('home.lede')}</p>
      <ul className="cards">
        <li className="card">
          <p className="stat-label">{t('common:flows.paid')}</p>
          <p className="stat">
            <Money amountMinor={total.paidMinor} currency="PKR" />
          </p>
        </li>
        <li className="card">
          <p className="stat-label">{t('common:flows.reachedTrusts')}</p>
          <p className="stat">
            <Money amountMinor={total.transferredMinor + total.contributedMinor} currency="PKR" />
          </p>
        </li>
        <li className="card">
          <p className="stat-label">{t('common:flows.disbursed')}</p>
          <p className="stat">
            <Money amountMinor={total.disbursedMinor} currency="PKR" />
          </p>
        </li>
      </ul>
      <FlowBars flows={total} />
      <h2>{t('home.byYear')}</h2>
      <FlowsTable years={years} total={total} caption={t('home.byYearCaption')} />
      <h2>{t('home.explore')}</h2>
      <ul>
        <li>
          <a href={to('/projects')}>{t('home.projectsLink', { count: projectCount })}</a>
        </li>
        <li>
          <a href={to('/trusts')}>{t('home.trustsLink', { count: trustCount })}</a>
        </li>
      </ul>
    </>
  )
}
