import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

// Kept apart from vite.config.ts: the Remix plugin must not run under vitest.
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'tests/{models,unit}/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/fixtures/postgres-template.ts'],
    pool: 'forks',
    testTimeout: 20_000,
  },
})
