import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import type { ReactElement } from 'react'
// Not react-dom/server: in React 18 its Node renderer (renderToPipeableStream) copies text into
// 2 KB buffers and, when the next multi-byte character does not fit, sends the whole buffer, its
// unused last byte or two still zero (react issues 24985 and 31134, fixed only in React 19): Urdu
// and Balochi pages carried NUL bytes every few kilobytes. The web-streams renderer encodes each
// piece of text whole and then copies bytes, so it never leaves a gap.
import { renderToReadableStream, renderToString } from 'react-dom/server.browser'
import { I18nextProvider } from 'react-i18next'
import { NonceContext } from './components/nonce'
import { i18nFor } from './i18n/i18next.server'
import { splitLangPath } from './i18n/locales'

const ABORT_DELAY = 5_000

/**
 * Scripts run only with this request's nonce; nothing may frame us, change our base URL or load
 * plugins. Styles come from our own stylesheet only (no inline style attributes anywhere).
 */
/**
 * Hydrated (staff) pages run only scripts carrying this request's nonce; every other page ships no
 * script at all (ADR 4), so it allows none and carries no nonce — which is what lets the same bytes
 * be served to every anonymous reader from the public page cache.
 */
function contentSecurityPolicy(nonce: string | null): string {
  return [
    "default-src 'self'",
    nonce === null ? "script-src 'none'" : `script-src 'nonce-${nonce}' 'strict-dynamic'`,
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

/**
 * Renders the whole document before anything is sent, as one body whose length is known. Public
 * pages are not hydrated, so a streamed shell would gain them nothing and its late parts would need
 * inline scripts; signed-in pages still get Remix's hydration data, which React waits for here.
 * `onError` hears of every error React meets; an error in the shell also rejects, and Remix logs it.
 */
async function renderDocument(element: ReactElement, nonce: string, onError: (error: unknown) => void): Promise<ArrayBuffer> {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(new Error(`The page took longer than ${ABORT_DELAY} ms to render`)), ABORT_DELAY)
  let shellRendered = false
  try {
    const stream = await renderToReadableStream(element, {
      nonce,
      signal: timeout.signal,
      onError(error) {
        onError(error)
        if (shellRendered) console.error(error)
      },
    })
    shellRendered = true
    // Read only once everything is ready: reading earlier flushes the shell and streams the rest.
    await stream.allReady
    return await new Response(stream).arrayBuffer()
  } finally {
    clearTimeout(timer)
  }
}

/**
 * A page that ships no script (ADR 4) has nothing to wait for and nothing to stream: React's string
 * renderer makes it whole, and it is encoded once. The stream renderer encodes every piece of text
 * separately, which was a fifth of a public page's cost. (Remix's streamed hydration data renders
 * nothing when <Scripts> is not rendered, so nothing here suspends.) The string renderer builds
 * JavaScript strings, never byte buffers, so it cannot leave the gaps described above.
 */
function renderStaticDocument(element: ReactElement): ArrayBuffer {
  const bytes = Buffer.from(`<!DOCTYPE html>${renderToString(element)}`, 'utf8')
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

// server.mjs asks the build which errors are database outages, to answer them with 503 (see there).
export { isDatabaseUnavailable } from '../db/client'
// …and for the cache of public pages it serves before Remix is reached.
export { createPublicPageCache } from './http/public-page-cache.server'
const OUTAGE_RETRY_AFTER_SECONDS = '10'

/** Whether the page ships React (a route's handle says hydrate: true), as root.tsx decides. */
function hydrates(remixContext: EntryContext): boolean {
  return remixContext.staticHandlerContext.matches.some((match) => (remixContext.routeModules[match.route.id]?.handle as { hydrate?: boolean } | undefined)?.hydrate === true)
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce
  // The language in the URL picks one of the shared instances (app/i18n/i18next.server.ts).
  const i18n = i18nFor(splitLangPath(new URL(request.url).pathname).lang)

  const hydrated = hydrates(remixContext)
  const document = (
    <NonceContext.Provider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </I18nextProvider>
    </NonceContext.Provider>
  )
  const body = hydrated
    ? await renderDocument(document, nonce, () => {
        responseStatusCode = 500
      })
    : renderStaticDocument(document)
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  responseHeaders.set('Content-Length', String(body.byteLength))
  responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(hydrated ? nonce : null))
  // Pages seen signed in may show what the public must not: never keep them in any cache.
  if (remixContext.staticHandlerContext.loaderData.root?.user) responseHeaders.set('Cache-Control', 'no-store')
  // A database outage (server.mjs): the page says to try again shortly, and so does the header.
  if (responseStatusCode === 503) {
    responseHeaders.set('Retry-After', OUTAGE_RETRY_AFTER_SECONDS)
    responseHeaders.set('Cache-Control', 'no-store')
  }
  return new Response(body, { headers: responseHeaders, status: responseStatusCode })
}
