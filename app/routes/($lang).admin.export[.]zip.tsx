import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requestMeta, requireUser } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { downloadResponse } from '~/exports/download.server'
import { byteStream } from '~/exports/ledger-formats'
import { exportFromWorker } from '~/exports/export-workers.server'
import { env } from '~/env.server'
import { localePath } from '~/i18n/locales'
import { langFromParams, notFound } from '~/i18n/params'
import { ledgerSigner } from '~/ledger-signer.server'
import { recordAuditEvent } from '~/models/audit.server'
import { latestCheckpoint } from '~/models/ledger-tree.server'

/** The auditor's signed bundle itself (the page that offers it is /admin/export). */
export const handle: RouteHandle = { permission: 'export:complete' }

/** A GET (a bookmark, a reload) goes to the page: only a POST makes, and records, an export. */
export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requireUser(args, 'export:complete')
  throw redirect(localePath(lang, '/admin/export'))
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
  // Made in the export worker: a bundle of a million entries would otherwise occupy this thread.
  const bundle = exportFromWorker({ kind: 'auditor-bundle', databaseUrl: env.DATABASE_URL, gzip: false, checkpoint, madeBy: { id: user.id, name: user.name }, madeAt: now.toISOString(), signer: ledgerSigner })
  const headers = { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="hisaab-complete-${stamp}.zip"`, 'Cache-Control': 'no-store' }
  return downloadResponse(args.request, args.context, byteStream(bundle), headers, { compress: false })
}

