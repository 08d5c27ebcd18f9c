// Frozen: a migration imports nothing from app/ and is never edited once it has run anywhere.
// Sign-in: throttling, password-reset and invitation tokens, TOTP recovery codes.
import { sql, SqliteAdapter, type CreateTableBuilder, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // One row per failed sign-in, kept for the longest throttling window. email_key is the address as
  // typed (trimmed, lower case), so guesses at accounts that do not exist are throttled the same way.
  await db.schema
    .createTable('login_failures')
    .$call(withId(db))
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('login_failures_by_email').on('login_failures').columns(['email_key', 'at']).execute()
  await db.schema.createIndex('login_failures_by_ip').on('login_failures').columns(['ip', 'at']).execute()

  // A token is `id.secret`; only the SHA-256 of the secret is kept, as for sessions.
  await db.schema
    .createTable('password_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('reset','invite')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('password_tokens_by_user').on('password_tokens').column('user_id').execute()

  await db.schema
    .createTable('recovery_codes')
    .$call(withId(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('recovery_codes_by_user').on('recovery_codes').column('user_id').execute()

  // The last TOTP time step accepted: a code for that step or an earlier one is a replay.
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute()
  await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute()
  // A session starts unverified for users with a second factor; it is set once the code is accepted.
  await db.schema.alterTable('sessions').addColumn('two_factor_verified', 'integer', (c) => c.notNull().defaultTo(0)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('two_factor_verified').execute()
  await db.schema.alterTable('users').dropColumn('password_changed_at').execute()
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute()
  await db.schema.dropTable('recovery_codes').execute()
  await db.schema.dropTable('password_tokens').execute()
  await db.schema.dropTable('login_failures').execute()
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter
}

/** An integer surrogate key: `integer primary key autoincrement` in SQLite, `serial` in PostgreSQL. */
function withId(db: Kysely<any>) {
  return <T extends string>(table: CreateTableBuilder<T, never>) =>
    isSqlite(db)
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      : table.addColumn('id', 'serial', (c) => c.primaryKey())
}
