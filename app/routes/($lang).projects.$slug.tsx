import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { RouteHandle } from '~/auth/permissions'
import { ComplianceTable } from '~/components/compliance-table'
import { DisbursementTable } from '~/components/disbursement-table'
import { FlowsTable } from '~/components/flows-table'
import { FollowTheMoney } from '~/components/follow-the-money'
import { db } from '~/db.server'
import { localName } from '~/i18n/local-name'
import { localePath } from '~/i18n/locales'
import { langFromParams, notFound } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { complianceSeries } from '~/models/employment.server'
import { ComplianceTrend } from '~/components/compliance-trend'
import { disbursedByPurpose, flowsByFiscalYear, latestDisbursements, totalFlows } from '~/models/flows.server'
import { findProjectBySlug, trustsOfProject } from '~/models/projects.server'
import { sharingGaps } from '~/models/sharing.server'
import { SharingTable } from '~/components/sharing-table'

export const handle: RouteHandle = { permission: 'public' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  ...(data ? [{ tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: data.feedPath }] : []),
]

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = langFromParams(params, request)
  const project = await findProjectBySlug(db, params.slug ?? '')
  if (!project) notFound()
  const scope = { projectId: project.id }
  const [years, purposes, disbursements, series, trusts, sharing] = await Promise.all([
    flowsByFiscalYear(db, scope),
    disbursedByPurpose(db, scope),
    latestDisbursements(db, scope, 10),
    complianceSeries(db, project.id),
    trustsOfProject(db, project.id),
    sharingGaps(db, { projectId: project.id }),
  ])
  return {
    title: await pageTitle(lang, 'project.title', { name: localName(project.name, lang) }),
    feedPath: localePath(lang, `/projects/${project.slug}/feed.atom`),
    project,
    years,
    total: totalFlows(years),
    purposes,
    disbursements,
    compliance: series.at(-1) ?? null,
    series,
    trusts,
    sharing,
  }
}

export default function ProjectPage() {
  const { project, years, total, purposes, disbursements, compliance, series, trusts, sharing } = useLoaderData<typeof loader>()
  const { t } = useTranslation('pages')
  const lang = useLang()
  const to = useLocalePath()
  const mineral = (m: string) => t(`domain:mineral.${m}`, { defaultValue: m })
  return (
    <>
      <p className="muted">
        <a href={to('/projects')}>{t('project.back')}</a>
      </p>
      <h1>{localName(project.name, lang)}</h1>
      <p className="muted">
        <a href={to(`/projects/${project.slug}/feed.atom`)} type="application/atom+xml">
          {t('ledger:feed.link')}
        </a>
      </p>
      <dl className="facts">
        <dt>{t('project.operator')}</dt>
        <dd>{localName(project.operator, lang)}</dd>
        <dt>{t('project.minerals')}</dt>
        <dd>{project.minerals.map(mineral).join(t('common:listSeparator'))}</dd>
        <dt>{t('project.district')}</dt>
        <dd>
          {t(`domain:district.${project.district}`, { defaultValue: project.district })}
          {t('common:listSeparator')}
          {t(`domain:province.${project.province}`)}
        </dd>
        <dt>{t('project.status')}</dt>
        <dd>{t(`domain:projectStatus.${project.status}`)}</dd>
        <dt>{t('project.licence')}</dt>
        <dd>
          <bdi className="num">{project.licenceRef}</bdi>
        </dd>
        <dt>{t('project.trusts')}</dt>
        <dd>
          {trusts.length === 0
            ? t('project.noTrusts')
            : trusts.map((trust, i) => (
                <span key={trust.id}>
                  {i > 0 ? t('common:listSeparator') : null}
                  <a href={to(`/trusts/${trust.slug}`)}>{localName(trust.name, lang)}</a>
                </span>
              ))}
        </dd>
      </dl>

      <h2>{t('ledger:follow.heading')}</h2>
      <p className="lede">{t('ledger:follow.lede')}</p>
      <FollowTheMoney paidMinor={total.paidMinor} reachedMinor={total.transferredMinor + total.contributedMinor} purposes={purposes} />
      <p>
        <a href={to(`/ledger?project=${project.id}`)}>{t('ledger:list.heading')}</a>
      </p>

      <h2>{t('project.money')}</h2>
      <FlowsTable years={years} total={total} caption={t('project.moneyCaption', { name: localName(project.name, lang) })} />

      <h2>{t('ledger:sharing.heading')}</h2>
      <p className="lede">{t('ledger:sharing.lede')}</p>
      <SharingTable rows={sharing} />

      <h2>{t('project.latestDisbursements')}</h2>
      <DisbursementTable rows={disbursements} caption={t('project.latestDisbursementsCaption')} showTrust />

      <h2>{t('project.localHiring')}</h2>
      {compliance ? <ComplianceTable period={compliance} /> : <p className="muted">{t('project.noReports')}</p>}
      <h3>{t('employment:trend.heading')}</h3>
      <ComplianceTrend periods={series} />
      <p>
        <a href={to(`/employment?province=${project.province}`)}>{t('employment:ranking.heading')}</a>
      </p>
    </>
  )
}
