import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import { fileURLToPath } from 'node:url'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig(({ isSsrBuild }) => ({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  // The server bundle opens the database with a top-level await (app/db.server.ts).
  build: { assetsInlineLimit: 0, target: isSsrBuild ? 'node20' : undefined },
  optimizeDeps: { exclude: ['better-sqlite3', 'pg', 'pg-cursor', 'kysely', '@node-rs/argon2'] },
  ssr: { external: ['better-sqlite3', 'pg', 'pg-cursor'] },
}))
