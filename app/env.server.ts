import { z } from 'zod'

/** The only reader of process.env: validated once, failing at start with a message that says what to fix. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** A SQLite file path, or a PostgreSQL `postgres://` URL. */
  DATABASE_URL: z.string().min(1).default('./data/hisaab.sqlite'),
  /**
   * PostgreSQL only: connections each app process may hold. 10, pg's own default: a request uses one
   * at a time and Node runs one request's query at a time per connection, so 10 covers a busy
   * process, while ten app servers stay within PostgreSQL's default max_connections of 100.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** The checkpoint signing key as a signed-note private key (PRIVATE+KEY+…); else the key file is used. */
  HISAAB_LEDGER_KEY: z.string().startsWith('PRIVATE+KEY+').optional(),
  /**
   * Where the signing key is kept (made on first start); by default `ledger-signing-key` beside a
   * SQLite file, or `./data/ledger-signing-key` for PostgreSQL. App servers sharing a database share this one key.
   */
  HISAAB_LEDGER_KEY_FILE: z.string().min(1).optional(),
  /** Where prebuilt downloads are kept, one folder per app server; by default `exports/` beside a SQLite file, or `./data/exports` for PostgreSQL. */
  HISAAB_EXPORT_DIR: z.string().min(1).optional(),
  /** What each app process may hold of rendered public pages (compressed and not), in megabytes; 0 turns the cache off. */
  HISAAB_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** The log's name in its checkpoints and key, a schema-less URL by C2SP convention. Used when a key is made. */
  HISAAB_LEDGER_ORIGIN: z.string().regex(/^[^\s+]+$/, 'no spaces and no "+"').default('hisaab.local/ledger'),
})

function readEnv() {
  const parsed = EnvSchema.safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Hisaab cannot start; fix these environment variables:\n${problems}`)
  }
  return parsed.data
}

export const env = readEnv()
