import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Province } from '../../db/schema'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { DateText } from '~/components/date-text'
import { db } from '~/db.server'
import { formatInteger, formatPercentTenths } from '~/i18n/format'
import { localName } from '~/i18n/local-name'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { provinceRanking } from '~/models/employment.server'
import { projectFacets } from '~/models/projects.server'

export const handle: RouteHandle = { permission: 'public' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requirePermission(args, 'public')
  const { provinces } = await projectFacets(db)
  const asked = new URL(args.request.url).searchParams.get('province')
  // An unknown province is not an error: the first one with projects is shown instead.
  const province = (provinces.includes(asked as Province) ? asked : provinces[0]) as Province | undefined
  return {
    title: await pageTitle(lang, 'employment:ranking.title'),
    provinces,
    province: province ?? null,
    ranking: province ? await provinceRanking(db, province) : [],
  }
}

export default function EmploymentRanking() {
  const { provinces, province, ranking } = useLoaderData<typeof loader>()
  const { t } = useTranslation('employment')
  const lang = useLang()
  const to = useLocalePath()
  return (
    <>
      <h1>{t('ranking.heading')}</h1>
      <p className="lede">{t('ranking.lede')}</p>
      <form method="get" className="filters">
        <label>
          {t('ranking.province')}
          <select name="province" defaultValue={province ?? ''}>
            {provinces.map((p) => (
              <option key={p} value={p}>
                {t(`domain:province.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          {t('ranking.show')}
        </button>
      </form>
      {province ? (
        <div className="table-wrap">
          <table className="stack">
            <caption>{t('ranking.caption', { province: t(`domain:province.${province}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ranking.rank')}</th>
                <th scope="col">{t('ranking.project')}</th>
                <th scope="col" className="amount">{t('ranking.categoriesMet')}</th>
                <th scope="col" className="amount">{t('ranking.localShare')}</th>
                <th scope="col">{t('ranking.latest')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.map((row, i) => (
                <tr key={row.project.id}>
                  <td data-label={t('ranking.rank')}>
                    <bdi className="num">{formatInteger(lang, i + 1)}</bdi>
                  </td>
                  <th scope="row">
                    <a href={to(`/projects/${row.project.slug}`)}>{localName(row.project.name, lang)}</a>
                  </th>
                  <td className="amount" data-label={t('ranking.categoriesMet')}>
                    {row.latest ? (
                      <bdi className="num">
                        {formatInteger(lang, row.latest.categoriesMet)} / {formatInteger(lang, row.latest.categoriesJudged)}
                      </bdi>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="amount" data-label={t('ranking.localShare')}>
                    {row.latest?.localShareTenthsOfPercent != null ? <bdi className="num">{formatPercentTenths(lang, row.latest.localShareTenthsOfPercent)}</bdi> : '—'}
                  </td>
                  <td data-label={t('ranking.latest')}>
                    {row.latest ? (
                      <>
                        <DateText iso={row.latest.periodStart} /> – <DateText iso={row.latest.periodEnd} />
                      </>
                    ) : (
                      t('ranking.noReports')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2>{t('ranking.downloads')}</h2>
      <ul>
        {(['quotas', 'reports', 'compliance'] as const).flatMap((name) =>
          (['csv', 'json'] as const).map((format) => (
            <li key={`${name}.${format}`}>
              <a href={`/downloads/employment/${name}.${format}`} download>
                {t(`ranking.${name}${format === 'csv' ? 'Csv' : 'Json'}`)}
              </a>
            </li>
          )),
        )}
      </ul>
      <p className="muted">{t('ranking.licence')}</p>
    </>
  )
}
