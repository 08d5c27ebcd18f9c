// The HTTP server: Express in front of Remix. In development Vite serves and rebuilds the app;
// in production (`npm start`) it serves the build, with long-lived caching for hashed assets.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { createRequestHandler } from '@remix-run/express'
import { createRequestHandler as createFetchHandler } from '@remix-run/node'
import compression from 'compression'
import express from 'express'

const production = process.env.NODE_ENV === 'production'
const port = Number(process.env.PORT ?? 3000)
const LANG_PREFIX = /^\/(ur|bal)(?=\/|$)/

const viteDevServer = production
  ? undefined
  : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

const app = express()
app.disable('x-powered-by')
// Behind a TLS-terminating proxy the original scheme arrives in X-Forwarded-Proto.
app.set('trust proxy', 'loopback')
app.use(compression())

/** What every answer carries, the cache's included: nothing may sniff, frame or over-share it. */
function setSecurityHeaders(req, res) {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.setHeader('X-Frame-Options', 'DENY')
  if (production && requestOrigin(req).startsWith('https:')) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
}

app.use((req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64')
  setSecurityHeaders(req, res)
  next()
})

// Importing the build opens the database and applies pending migrations before the first request.
const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build').then(answeringOutagesWith503)
  : answeringOutagesWith503(await importBuild())

/**
 * Public pages for anonymous readers, from the cache of rendered pages (app/http/page-cache.server.ts),
 * answered by Node's own server before Express is reached, with the security headers set here: a
 * hit costs a version read and a copy of bytes. Anything the cache does not answer — signed in, not
 * a public page, its database unreachable — goes on to Express and Remix as before. Production
 * only: in development pages change with the code.
 */
const pageCache = viteDevServer ? null : build.entry.module.createPublicPageCache(renderAnonymously(build), build.assets.version)

function answerFromCacheOr(app) {
  if (!pageCache) return app
  return (req, res) => {
    pageCache.respond({ method: req.method, url: req.url, origin: requestOrigin(req), headers: req.headers }).then(
      (answer) => {
        if (!answer) return app(req, res)
        setSecurityHeaders(req, res)
        res.writeHead(answer.status, answer.headers)
        res.end(answer.body)
      },
      (error) => {
        console.error('The public page cache could not answer; Remix does instead.', error)
        app(req, res)
      },
    )
  }
}

/**
 * The scheme and host the reader asked for, as Express's req.protocol and Host would say (trust
 * proxy 'loopback': X-Forwarded-Proto counts only from a proxy on this machine), without Express.
 */
function requestOrigin(req) {
  const fromLoopback = /^(127\.|::1$|::ffff:127\.)/.test(req.socket.remoteAddress ?? '')
  const forwardedProto = fromLoopback ? req.headers['x-forwarded-proto']?.split(',')[0]?.trim() : undefined
  const scheme = req.socket.encrypted ? 'https' : forwardedProto || 'http'
  const forwardedHost = req.headers['x-forwarded-host']
  return `${scheme}://${(typeof forwardedHost === 'string' && forwardedHost.split(',')[0]?.trim()) || req.headers.host}`
}

/** Renders a page as an anonymous reader gets it: no cookie, no nonce (public pages ship no script). */
function renderAnonymously(build) {
  const handle = createFetchHandler(build, 'production')
  return (url) => handle(new Request(url, { headers: { Accept: 'text/html' } }), { cspNonce: '', clientAddress: null, waitForDrain: () => Promise.resolve() })
}

/**
 * Cross-site request forgery: a request that can change anything must come from our own pages.
 * Browsers say so in Sec-Fetch-Site; older ones send only Origin. Neither, or a foreign one:
 * refused, with a page in the reader's language (the request is handed to Remix as a GET of
 * /request-refused).
 */
app.use((req, res, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next()
  if (!comesFromOurPages(req)) handOverAsRefusal(req, 'request-refused')
  next()
})

/**
 * Turns a refused request into a GET of one of Remix's refusal pages, in the language of the
 * address, and as data when a hydrated page asked for data (single fetch's `.data` addresses).
 */
function handOverAsRefusal(req, page) {
  const lang = LANG_PREFIX.exec(req.path)?.[0] ?? ''
  const asData = req.path.endsWith('.data') ? '.data' : ''
  req.method = 'GET'
  // The Remix adapter builds its Request from originalUrl.
  req.url = req.originalUrl = `${lang}/${page}${asData}`
}

/**
 * Sec-Fetch-Site, when sent, must say same-origin; Origin, when sent, must be ours. Remix checks
 * Origin again before any action, against X-Forwarded-Host (trusted or not) or else Host, and
 * answers a mismatch with a bare 500; so "ours" is judged here by the same host, and whatever
 * passes here passes there. Browsers cannot set X-Forwarded-Host, so it gives a forger nothing.
 */
function comesFromOurPages(req) {
  const site = req.get('sec-fetch-site')
  const origin = req.get('origin')
  if (site !== undefined && site !== 'same-origin') return false
  if (origin === undefined) return site === 'same-origin'
  const host = req.get('x-forwarded-host')?.split(',')[0]?.trim() || req.get('host')
  let parsed
  try {
    parsed = new URL(origin)
  } catch {
    return false
  }
  return parsed.origin === origin && parsed.protocol === `${req.protocol}:` && parsed.host === host
}

/**
 * A cap on request bodies, so that no one can make the server hold megabytes per request: our
 * largest form (a 4,000-character explanation, in Urdu and percent-encoded) is about 24 KB.
 * A body that declares a larger Content-Length is refused before a byte of it is read, with a
 * 413 page in the reader's language (handed to Remix as a GET of /request-too-large; Node then
 * discards the body as it arrives). A body of undeclared length (chunked) is counted as the
 * action reads it; past the cap the read fails with the same 413, which the action passes on.
 */
const MAX_BODY_BYTES = 64 * 1024

app.use((req, res, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next()
  if (Number(req.get('content-length') ?? 0) > MAX_BODY_BYTES) handOverAsRefusal(req, 'request-too-large')
  else if (req.get('transfer-encoding') !== undefined) countBodyAsItIsRead(req)
  next()
})

/**
 * Watches the chunks the Remix adapter reads from `req` without reading any itself: the stream is
 * paused again at once, so nothing flows until the action asks for the body.
 */
function countBodyAsItIsRead(req) {
  let received = 0
  const count = (chunk) => {
    received += chunk.length
    if (received <= MAX_BODY_BYTES) return
    req.off('data', count)
    // The adapter's body stream fails with this Response, so request.formData() throws it and the
    // action answers 413 — Remix renders it like any other error status.
    if (req.listenerCount('error') > 0) req.emit('error', new Response(null, { status: 413, statusText: 'Content Too Large' }))
    // The rest of the body is read and dropped, never kept.
    req.resume()
  }
  req.on('data', count)
  req.pause()
}

if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  app.use(express.static('build/client', { maxAge: '1h' }))
}

// Importing the build opens the database and applies pending migrations before the first request.

app.all(
  '*',
  createRequestHandler({
    build,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      clientAddress: req.ip ?? null,
      waitForDrain: () => (res.writableNeedDrain && !res.destroyed ? drained(res) : Promise.resolve()),
    }),
  }),
)

/**
 * A database outage (PostgreSQL unreachable, a connection cut mid-request, SQLite locked past its
 * timeout) is not a fault of the page: it answers 503 with Retry-After, and the root error page
 * says in the reader's language that nothing was half-saved and a form can be sent again (it
 * carries its idempotency key). Every loader and action of the build is wrapped to turn such an
 * error into a thrown 503 response, which Remix renders with the root error boundary, or sends as
 * it is from a resource route. The next request takes a fresh connection from the pool.
 */
function answeringOutagesWith503(build) {
  const { isDatabaseUnavailable } = build.entry.module
  const guard = (handler) =>
    handler &&
    (async (args) => {
      try {
        return await handler(args)
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error
        console.error(`Database unavailable during ${args.request.method} ${new URL(args.request.url).pathname}: ${error?.message ?? error}`)
        throw new Response(null, { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': '10' } })
      }
    })
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => [id, { ...route, module: { ...route.module, loader: guard(route.module.loader), action: guard(route.module.action) } }]),
  )
  return { ...build, routes }
}

/** Resolves when the response can take more, or is gone; leaves no listener behind either way. */
function drained(res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

createServer(answerFromCacheOr(app)).listen(port, () => console.log(`Hisaab is serving at http://localhost:${port}`))

/** The production build; a database that cannot be reached, or a signing key that did not sign its ledger, stops the start with one clear line. */
async function importBuild() {
  try {
    return await import('./build/server/index.js')
  } catch (error) {
    if (!['DatabaseUnreachableError', 'SigningKeyMismatchError'].includes(error?.name)) throw error
    console.error(error.message)
    process.exit(1)
  }
}
