import SQLite from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect, type MigrationResultSet } from 'kysely'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DB } from './schema'
import { migrationProvider } from './migrations'

export type Database = Kysely<DB>

/**
 * Opens the database named by `url`: a SQLite file path (or `sqlite:` URL).
 * PostgreSQL (`postgres://`) arrives with its own dialect in a later change; the schema and
 * queries are already written to run on both.
 */
export function createDb(url: string): Database {
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('PostgreSQL is not wired up yet: set DATABASE_URL to a SQLite file path.')
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '')
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  // FULL: a committed ledger entry survives a power cut, at ~0.5 ms per write on this machine.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
}

/** Applies every pending migration; a second run finds none and changes nothing. */
export async function migrateToLatest(db: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: migrationProvider })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName
    throw new Error(`Migration ${failed ?? ''} failed: ${String(result.error)}`, { cause: result.error })
  }
  return result
}
