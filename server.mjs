// The HTTP server: Express in front of Remix. In development Vite serves and rebuilds the app;
// in production (`npm start`) it serves the build, with long-lived caching for hashed assets.
import { randomBytes } from 'node:crypto'
import { createRequestHandler } from '@remix-run/express'
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

app.use((req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.setHeader('X-Frame-Options', 'DENY')
  if (production && req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  next()
})

/**
 * Cross-site request forgery: a request that can change anything must come from our own pages.
 * Browsers say so in Sec-Fetch-Site; older ones send Origin. Neither, or a foreign one: refused,
 * with a page in the reader's language (the request is handed to Remix as a GET of /request-refused).
 */
app.use((req, res, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next()
  const site = req.get('sec-fetch-site')
  const origin = req.get('origin')
  const ownOrigin = `${req.protocol}://${req.get('host')}`
  if (site === 'same-origin' || (site === undefined && origin === ownOrigin)) return next()
  const lang = LANG_PREFIX.exec(req.path)?.[0] ?? ''
  req.method = 'GET'
  // The Remix adapter builds its Request from originalUrl.
  req.url = req.originalUrl = `${lang}/request-refused`
  next()
})

if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  app.use(express.static('build/client', { maxAge: '1h' }))
}

// Importing the build opens the database and applies pending migrations before the first request.
const build = viteDevServer ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') : await importBuild()
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

app.listen(port, () => console.log(`Hisaab is serving at http://localhost:${port}`))

/** The production build; a database that cannot be reached stops the start with one clear line. */
async function importBuild() {
  try {
    return await import('./build/server/index.js')
  } catch (error) {
    if (error?.name !== 'DatabaseUnreachableError') throw error
    console.error(error.message)
    process.exit(1)
  }
}
