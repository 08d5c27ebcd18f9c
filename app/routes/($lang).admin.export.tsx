import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta, requireUser } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { auditorBundle } from '~/exports/auditor-bundle.server'
import { downloadResponse } from '~/exports/download.server'
import { langFromParams, notFound } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { ledgerSigner } from '~/ledger-signer.server'
import { recordAuditEvent } from '~/models/audit.server'
import { latestCheckpoint } from '~/models/ledger-tree.server'

/** Auditors and admins: the complete ledger and audit trail as one signed bundle. */
export const handle: RouteHandle = { permission: 'export:complete' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requireUser(args, 'export:complete')
  return { title: await pageTitle(lang, 'admin:export.title') }
}

/** A POST, not a link: the download is recorded in the audit trail before a byte is sent. */
export async function action(args: ActionFunctionArgs) {
  langFromParams(args.params, args.request)
  const user = await requireUser(args, 'export:complete')
  const checkpoint = await latestCheckpoint(db)
  if (!checkpoint) notFound()
  const now = new Date()
  await recordAuditEvent(db, { actorUserId: user.id, action: 'export.complete', targetType: 'ledger', targetId: checkpoint.size, ...requestMeta(args), details: { checkpointSize: checkpoint.size } }, now)
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
  const bundle = auditorBundle(db, ledgerSigner, checkpoint, { id: user.id, name: user.name }, now)
  const headers = { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="hisaab-complete-${stamp}.zip"`, 'Cache-Control': 'no-store' }
  return downloadResponse(args.request, args.context, bundle, headers, { compress: false })
}

export default function CompleteExport() {
  const { t } = useTranslation('admin')
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
      <Form method="post" reloadDocument className="form">
        <button type="submit" className="button">
          {t('export.button')}
        </button>
      </Form>
    </>
  )
}
