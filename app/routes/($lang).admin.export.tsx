import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLocalePath } from '~/i18n/use-lang'

/** Auditors and admins: the complete ledger and audit trail as one signed bundle. */
export const handle: RouteHandle = { permission: 'export:complete' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requireUser(args, 'export:complete')
  return { title: await pageTitle(lang, 'admin:export.title') }
}

export default function CompleteExport() {
  const { t } = useTranslation('admin')
  const to = useLocalePath()
  return (
    <>
      <h1>{t('export.heading')}</h1>
      <p className="lede">{t('export.lede')}</p>
      <ul>
        {(['ledger', 'checkpoint', 'complete', 'audit', 'manifest'] as const).map((k) => (
          <li key={k}>{t(`export.contents.${k}`)}</li>
        ))}
      </ul>
      <p>{t('export.recorded')}</p>
      {/* A document POST to a resource route: the answer is the file itself. */}
      <Form method="post" action={to('/admin/export.zip')} reloadDocument className="form">
        <button type="submit" className="button">
          {t('export.button')}
        </button>
      </Form>
    </>
  )
}
