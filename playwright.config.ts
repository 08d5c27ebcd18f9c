import { defineConfig } from '@playwright/test'

// E2E_PORT lets two checkouts run their journeys side by side.
const PORT = Number(process.env.E2E_PORT ?? 3210)
export const E2E_DATABASE = './data/e2e/hisaab.sqlite'

/**
 * End-to-end tests run against the production build (`npm run build` first), on a freshly seeded
 * database of their own, in Debian's Chromium.
 */
export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `rm -rf ./data/e2e && DATABASE_URL=${E2E_DATABASE} npx tsx scripts/seed.ts && DATABASE_URL=${E2E_DATABASE} PORT=${PORT} NODE_ENV=production node server.mjs`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
