import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Kept apart from vite.config.ts: the Remix plugin must not run under vitest.

const TEST_FOLDERS = ['app', 'db', 'scripts', 'tests/models', 'tests/unit']

/**
 * Test files that open a database but run once, in the SQLite project: those that pick their
 * engines themselves, and those about SQLite alone.
 */
const ONE_ENGINE: Record<string, string> = {
  'db/schema-engines.test.ts': 'compares the schema on both engines itself',
  'db/postgres-dialect.test.ts': 'compares the two drivers itself',
  'db/reversal-retry-migration.test.ts': 'SQLite only: the migration rebuilds the table there (sqlite_master, pragmas)',
  'db/sqlite-statements.test.ts': "SQLite only: the SQLite connection's kept statements",
  'tests/models/full-disk.test.ts': 'SQLite only: fills the file with max_page_count',
}

/**
 * Every test file that opens a database — a test database, the client, or the app's own handle —
 * found by reading the files, so that a new one cannot be left on SQLite by forgetting a list.
 */
function databaseTests(): string[] {
  const opensDatabase = /fixtures\/db'|fixtures\/app-db'|db\/client'|'\.\/client'|db\.server'/
  return TEST_FOLDERS.flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .map((file) => join(folder, file))
      .filter((file) => /\.test\.tsx?$/.test(file) && opensDatabase.test(readFileSync(file, 'utf8'))),
  )
}

export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    // Everything on SQLite; the model and integration tests again on PostgreSQL, in the same run.
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: TEST_FOLDERS.map((folder) => `${folder}/**/*.test.{ts,tsx}`),
          env: { TEST_DATABASE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: databaseTests().filter((file) => !(file in ONE_ENGINE)),
          env: { TEST_DATABASE: 'postgres' },
          globalSetup: ['tests/fixtures/postgres-template.ts'],
        },
      },
    ],
  },
})
