import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requestMeta, requireUser } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { clearSessionCookieHeader } from '~/auth/session-cookie.server'
import { signOut } from '~/auth/sign-in.server'
import { db } from '~/db.server'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'

export const handle: RouteHandle = { permission: 'sign-in:finish' }

/** Signing out changes state, so it is a POST (from the header's button); a GET just goes home. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  throw redirect(localePath(langFromParams(params, request), '/'))
}

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'sign-in:finish')
  await signOut(db, user.sessionId, user.id, requestMeta(args))
  throw redirect(`${localePath(lang, '/login')}?signedOut`, { headers: { 'Set-Cookie': clearSessionCookieHeader(args.request) } })
}
