import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { ledgerFeed } from '~/exports/ledger-feed.server'
import { conditionalResponse } from '~/http/conditional.server'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'
import { newestPublished } from '~/models/feed.server'

export const handle: RouteHandle = { permission: 'public' }

/** Newly published ledger entries, site-wide, as Atom, in the language of the address. */
export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requirePermission(args, 'public')
  const origin = new URL(args.request.url).origin
  const body = await ledgerFeed({ lang, origin, selfPath: localePath(lang, '/ledger/feed.atom'), pagePath: localePath(lang, '/ledger'), entries: await newestPublished(db) })
  return conditionalResponse(args.request, body, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'no-cache' })
}
