import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteError, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { readSignIn } from './auth/guard.server'
import { allows } from './auth/permissions'
import { useNonce } from './components/nonce'
import { SiteHeader } from './components/site-header'
import { localePath } from './i18n/locales'
import { useLocale, useLocalePath } from './i18n/use-lang'
import { isDemoDataLoaded } from './models/settings.server'
import { db } from './db.server'
import styles from './styles/app.css?url'

export const links = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const signIn = await readSignIn(request)
  const user = signIn?.unfinishedStep === null ? signIn.user : null
  return {
    demoData: await isDemoDataLoaded(db),
    // What the header may offer; every page checks again on the server.
    user: user
      ? {
          name: user.name,
          canWork: allows(user, 'read:workspace'),
          canManageUsers: allows(user, 'manage:users'),
          canReadAudit: allows(user, 'read:audit'),
          canExport: allows(user, 'export:complete'),
          canRecord: allows(user, 'write:records'),
          canManageQuotas: allows(user, 'manage:quotas'),
          canApprove: allows(user, 'approve:records'),
        }
      : null,
    // Half signed in is not signed in: no name, no staff links, only the way on and the way out.
    unfinishedStep: signIn?.unfinishedStep ?? null,
  }
}

/** Routes opt in to JavaScript with `handle: { hydrate: true }`; public pages work without it and ship none. */
function useShouldHydrate(): boolean {
  return useMatches().some((match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate === true)
}

/** Which of the error texts in common:errors fits the error being shown. */
function errorKind(error: unknown): 'notFound' | 'badRequest' | 'forbidden' | 'tooLarge' | 'unavailable' | 'serverError' {
  if (isRouteErrorResponse(error) && error.status === 404) return 'notFound'
  if (isRouteErrorResponse(error) && error.status === 403) return 'forbidden'
  if (isRouteErrorResponse(error) && error.status === 400) return 'badRequest'
  if (isRouteErrorResponse(error) && error.status === 413) return 'tooLarge'
  if (isRouteErrorResponse(error) && error.status === 503) return 'unavailable'
  return 'serverError'
}

export function Layout({ children }: { children: ReactNode }) {
  const locale = useLocale()
  const { t } = useTranslation()
  const data = useRouteLoaderData<typeof loader>('root')
  const hydrate = useShouldHydrate()
  const error = useRouteError()
  const nonce = useNonce()
  return (
    <html lang={locale.code} dir={locale.dir} className={locale.fontClass}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {error ? <title>{`${t(`errors.${errorKind(error)}.title`)} · ${t('layout.siteName')}`}</title> : null}
        <Links />
      </head>
      <body>
        <SiteHeader demoData={data?.demoData ?? false} user={data?.user ?? null} unfinishedStep={data?.unfinishedStep ?? null} />
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>{t('layout.footer')}</p>
          {data?.user || data?.unfinishedStep ? null : (
            <p>
              <a href={localePath(locale.code, '/login')}>{t('layout.staffSignIn')}</a>
            </p>
          )}
        </footer>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const to = useLocalePath()
  if (!isRouteErrorResponse(error)) console.error(error)
  const key = errorKind(error)
  return (
    <div className="error-page">
      <h1>{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      <p>
        <a href={to('/')}>{t('errors.goHome')}</a>
      </p>
    </div>
  )
}
