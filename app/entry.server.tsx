import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { createInstance } from 'i18next'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { NonceContext } from './components/nonce'
import { i18nOptions } from './i18n/i18n'
import { splitLangPath } from './i18n/locales'

const ABORT_DELAY = 5_000

/**
 * Scripts run only with this request's nonce; nothing may frame us, change our base URL or load
 * plugins. Styles come from our own stylesheet only (no inline style attributes anywhere).
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce
  // One i18next instance per request, fixed to the language in the URL.
  const { lang } = splitLangPath(new URL(request.url).pathname)
  const i18n = createInstance()
  await i18n.use(initReactI18next).init({ ...i18nOptions, lng: lang })

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    // Public pages are not hydrated, so there is nothing to gain from streaming a partial shell:
    // wait for everything and send one complete document.
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        onAllReady() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce))
          // Pages seen signed in may show what the public must not: never keep them in any cache.
          if (remixContext.staticHandlerContext.loaderData.root?.user) responseHeaders.set('Cache-Control', 'no-store')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}
