import { dirname, join } from 'node:path'
import { isPostgresUrl } from '../db/client'

/**
 * Where the portal keeps its own files when not told otherwise: the signing key
 * (HISAAB_LEDGER_KEY_FILE) and the prebuilt downloads (HISAAB_EXPORT_DIR). Beside a SQLite file;
 * for a PostgreSQL database, which has no folder on this machine, `./data` under the working
 * directory, so that `DATABASE_URL=postgres://… npm run demo` works from a fresh clone.
 */
export function localDataDir(databaseUrl: string): string {
  if (isPostgresUrl(databaseUrl)) return './data'
  return dirname(databaseUrl.replace(/^sqlite:(\/\/)?/, ''))
}

export function defaultKeyFile(databaseUrl: string): string {
  return join(localDataDir(databaseUrl), 'ledger-signing-key')
}

export function defaultExportDir(databaseUrl: string): string {
  return join(localDataDir(databaseUrl), 'exports')
}
