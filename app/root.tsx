import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteError, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SiteHeader } from './components/site-header'
import { useLocale, useLocalePath } from './i18n/use-lang'
import { isDemoDataLoaded } from './models/settings.server'
import { db } from './db.server'
import styles from './styles/app.css?url'

export const links = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader() {
  return { demoData: await isDemoDataLoaded(db) }
}

/** Routes opt in to JavaScript with `handle: { hydrate: true }`; public pages work without it and ship none. */
function useShouldHydrate(): boolean {
  return useMatches().some((match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate === true)
}

/** Which of the error texts in common:errors fits the error being shown. */
function errorKind(error: unknown): 'notFound' | 'badRequest' | 'serverError' {
  if (isRouteErrorResponse(error) && error.status === 404) return 'notFound'
  if (isRouteErrorResponse(error) && error.status === 400) return 'badRequest'
  return 'serverError'
}

export function Layout({ children }: { children: ReactNode }) {
  const locale = useLocale()
  const { t } = useTranslation()
  const data = useRouteLoaderData<typeof loader>('root')
  const hydrate = useShouldHydrate()
  const error = useRouteError()
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
        <SiteHeader demoData={data?.demoData ?? false} />
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>{t('layout.footer')}</p>
        </footer>
        {hydrate ? (
          <>
            <ScrollRestoration />
            <Scripts />
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
