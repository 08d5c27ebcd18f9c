// The HTTP server: Express in front of Remix. In development Vite serves and rebuilds the app;
// in production (`npm start`) it serves the build, with long-lived caching for hashed assets.
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const production = process.env.NODE_ENV === 'production'
const port = Number(process.env.PORT ?? 3000)

const viteDevServer = production
  ? undefined
  : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

const app = express()
app.disable('x-powered-by')
app.use(compression())

if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  app.use(express.static('build/client', { maxAge: '1h' }))
}

// Importing the build opens the database and applies pending migrations before the first request.
const build = viteDevServer ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') : await import('./build/server/index.js')
app.all('*', createRequestHandler({ build }))

app.listen(port, () => console.log(`Hisaab is serving at http://localhost:${port}`))
