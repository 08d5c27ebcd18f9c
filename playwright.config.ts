import { defineConfig } from '@playwright/test'
import { E2E_DATA_DIR, E2E_DATABASE_URL, E2E_ENGINE, E2E_PORT } from './tests/e2e/database'

/**
 * End-to-end tests run against the production build (`npm run build` first), on a freshly seeded
 * database of their own, in Debian's Chromium: SQLite by default, PostgreSQL with
 * E2E_DATABASE=postgres (`npm run test:e2e:pg`). E2E_PORT lets two checkouts run side by side.
 * Specs under tests/e2e/postgres/ run only in the PostgreSQL run; crash.spec.ts only in the SQLite one.
 */
const fresh = E2E_ENGINE === 'postgres' ? `rm -rf ${E2E_DATA_DIR} && npx tsx tests/e2e/fresh-postgres.ts` : `rm -rf ${E2E_DATA_DIR}`

export default defineConfig({
  testDir: './tests/e2e',
  // The crash spec starts its own SQLite servers whatever the engine: once, in the SQLite run.
  testIgnore: E2E_ENGINE === 'postgres' ? ['crash.spec.ts'] : ['postgres/**'],
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `${fresh} && npx tsx scripts/seed.ts && PORT=${E2E_PORT} NODE_ENV=production node server.mjs`,
    // The key and the prebuilt downloads are placed explicitly, so that neither depends on where the
    // app puts them by default (beside a SQLite file; nowhere obvious for a PostgreSQL URL).
    env: {
      DATABASE_URL: E2E_DATABASE_URL,
      HISAAB_LEDGER_KEY_FILE: `${E2E_DATA_DIR}/ledger-signing-key`,
      HISAAB_EXPORT_DIR: `${E2E_DATA_DIR}/exports`,
    },
    url: `http://localhost:${E2E_PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
