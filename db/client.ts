import SQLite from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type MigrationResultSet, type SqliteDatabase, type SqliteStatement } from 'kysely'
import { LRUCache } from 'lru-cache'
import pg from 'pg'
import Cursor from 'pg-cursor'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DB } from './schema'
import { migrationProvider } from './migrations'

export type Database = Kysely<DB>

export type DbOptions = {
  /** PostgreSQL only: the most connections this process holds open at once. */
  poolSize?: number
}

/** The pool size when none is given; the same as pg's own default (see app/env.server.ts for why). */
export const DEFAULT_POOL_SIZE = 10

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url)
}

/**
 * Opens the database named by `url`: a SQLite file path (or `sqlite:` URL), or a PostgreSQL
 * `postgres://` / `postgresql://` URL. Both return the same JS types: integers, 64-bit ones too, as
 * exact numbers; text as strings; bytes as Buffers.
 */
export function createDb(url: string, options: DbOptions = {}): Database {
  if (isPostgresUrl(url)) return createPostgresDb(url, options)
  const file = sqliteFile(url)
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  // FULL: a committed ledger entry survives a power cut, at ~0.5 ms per write on this machine.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }) })
}

const ALREADY_ROLLED_BACK: SqliteStatement = { reader: false, all: () => [], run: () => ({ changes: 0, lastInsertRowid: 0 }), iterate: () => [][Symbol.iterator]() }

/** Distinct statements kept per SQLite connection: the app's queries, each with its shapes of filters, are a few hundred. */
const KEPT_STATEMENTS = 1000

/**
 * The connection as Kysely sees it, with each statement prepared once: Kysely prepares every query
 * afresh, which was a twentieth of a public page's cost. SQLite re-prepares a kept statement itself
 * after a schema change. A statement in the middle of an iterate() (a streamed download) is busy
 * and cannot run again until it ends, so meanwhile the same SQL gets a statement of its own.
 */
export function keepingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new LRUCache<string, SQLite.Statement>({ max: KEPT_STATEMENTS })
  return {
    close: () => sqlite.close(),
    prepare: (text) => {
      // On some errors (a full disk, an I/O error) SQLite rolls the transaction back itself; the
      // ROLLBACK Kysely then sends would fail with "no transaction is active" and hide the error
      // that says what happened, which the page must explain.
      if (text === 'rollback' && !sqlite.inTransaction) return ALREADY_ROLLED_BACK
      const statement = kept.get(text)
      if (statement && !statement.busy) return statement
      const fresh = sqlite.prepare(text)
      if (!statement) kept.set(text, fresh)
      return fresh
    },
  }
}

/** The file a SQLite URL names (a path, or `sqlite:` followed by one). */
export function sqliteFile(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, '')
}

const INT8_OID = 20

/**
 * pg hands int8 (bigint columns, count(*)) back as a string; better-sqlite3 hands SQLite's
 * integers back as numbers, and the models are written for that. So int8 becomes a number here
 * too, but only when it is exact: anything beyond 2^53 − 1 fails the query instead of being
 * rounded. Money sums never reach this: they are read as decimal text (app/models/sql.server.ts).
 */
export function parseInt8(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`The database returned the integer ${text}, beyond what a JS number holds exactly (2^53 − 1)`)
  }
  return value
}

/**
 * pg-cursor parses rows inside the socket's data handler, where a type parser's refusal (see
 * parseInt8) would be an uncaught exception. Here it is kept and handed to the reader of the next
 * batch instead, so a stream fails the way a plain query does.
 */
class ExactCursor<T> extends Cursor<T> {
  #failure: unknown = undefined

  override handleDataRow(message: unknown): void {
    if (this.#failure !== undefined) return
    try {
      super.handleDataRow(message)
    } catch (error) {
      this.#failure = error
    }
  }

  override _sendRows(): void {
    if (this.#failure === undefined) return super._sendRows()
    if (this.state !== 'done') this.state = 'idle'
    setImmediate(() => {
      const callback = this._cb
      this._cb = null
      this._rows = []
      callback?.(this.#failure)
    })
  }
}

function createPostgresDb(url: string, options: DbOptions): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    // An unreachable server fails the start within seconds rather than hanging it.
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle connection that the server drops (restart, failover) must not crash the process; the
  // pool replaces it on the next checkout.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost (${redactedUrl(url)}): ${error.message}`))
  // So must one that drops while a request holds it: its query fails (and the request answers
  // 503, see isDatabaseUnavailable), and pg-pool discards the client when it is released, but
  // pg also emits the loss on the client, where no listener would be an uncaught exception.
  pool.on('connect', (client) => client.on('error', (error) => console.error(`PostgreSQL connection lost mid-query (${redactedUrl(url)}): ${error.message}`)))
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: ExactCursor }) })
}

export function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter
}

/** The URL with its password taken out, fit for a log line or an error message. */
export function redactedUrl(url: string): string {
  if (!isPostgresUrl(url)) return url
  try {
    const parsed = new URL(url)
    parsed.password = ''
    for (const key of [...parsed.searchParams.keys()]) if (/pass/i.test(key)) parsed.searchParams.set(key, '***')
    return parsed.toString()
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1@')
  }
}

/**
 * Fails with a message that says which database could not be reached (and never its password),
 * so that a process pointed at a server that is down stops at once and says why.
 */
export async function assertReachable(db: Database, url: string): Promise<void> {
  try {
    await sql`select 1`.execute(db)
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error)
    throw new DatabaseUnreachableError(`Hisaab cannot reach its database at ${redactedUrl(url)}: ${reason}`, { cause: error })
  }
}

export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError'
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

/** The migrations this code knows that the database has not run (a newer release not yet migrated). */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const migrations = await new Migrator({ db, provider: migrationProvider }).getMigrations()
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name)
}

/**
 * PostgreSQL's SQLSTATEs for a server that is going away or not taking connections, or that cannot
 * write: a full disk (53100), out of memory (53200), a read-only standby or transaction (25006).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53100', '53200', '25006'])
/**
 * Socket errors, and SQLite's: locked past the busy timeout, a full disk (SQLITE_FULL), a file it
 * may not write (SQLITE_READONLY…), or an I/O error (SQLITE_IOERR…). Each fails the transaction
 * whole: SQLite rolls it back, so nothing half-written stays.
 */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'SQLITE_BUSY', 'SQLITE_FULL'])
const UNAVAILABLE_SQLITE_FAMILIES = /^SQLITE_(READONLY|IOERR|CANTOPEN)/

/**
 * Whether `error` says the database could not be reached, dropped the connection mid-request, or
 * cannot write now (a full disk, a read-only file, SQLite locked past the busy timeout): a passing
 * fault of the machine, not of the request; reads go on being answered. A transaction cut off this way was rolled back by the server, unless the connection
 * died during COMMIT itself, which is why writes carry idempotency keys.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_ERRNOS.has(code) || UNAVAILABLE_SQLITE_FAMILIES.test(code))) return true
    if (e instanceof DatabaseUnreachableError) return true
    // node-postgres words these itself, without a code.
    if (typeof message === 'string' && /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(message)) return true
  }
  return false
}

/**
 * Gives PostgreSQL's planner its statistics after a bulk load (the demo seed, db:copy), rather than
 * waiting for autovacuum: without them the ledger page's query was planned as a nested loop, 781 ms
 * instead of 0.3 ms. SQLite plans from its indexes alone and needs nothing.
 */
export async function analyzeAfterBulkLoad(db: Database): Promise<void> {
  if (!isSqlite(db)) await sql`analyze`.execute(db)
}
