import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { localName } from '~/i18n/local-name'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { listTrusts } from '~/models/trusts.server'

export const handle: RouteHandle = { permission: 'public' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = langFromParams(params, request)
  return { title: await pageTitle(lang, 'trusts.title'), trusts: await listTrusts(db) }
}

export default function Trusts() {
  const { trusts } = useLoaderData<typeof loader>()
  const { t } = useTranslation('pages')
  const lang = useLang()
  const to = useLocalePath()
  return (
    <>
      <h1>{t('trusts.heading')}</h1>
      <p className="lede">{t('trusts.lede')}</p>
      <ul className="cards">
        {trusts.map((trust) => (
          <li className="card" key={trust.id}>
            <h2>
              <a href={to(`/trusts/${trust.slug}`)}>{localName(trust.name, lang)}</a>
            </h2>
            <p className="muted">{trust.projects.map((p) => localName(p.name, lang)).join(t('common:listSeparator'))}</p>
          </li>
        ))}
      </ul>
    </>
  )
}
