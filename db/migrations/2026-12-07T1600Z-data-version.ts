// Frozen: a migration imports nothing from app/ and is never edited once it has run anywhere.
//
// One number that every write a reader could see bumps, in the writing transaction itself: public
// pages are cached by it (app/http/page-cache.server.ts), and because it is read from the
// database, a cache in each of several app processes drops a page the moment any of them commits.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_version')
    .addColumn('scope', 'text', (c) => c.primaryKey().check(sql`scope = 'public'`))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute()
  await db.insertInto('data_version').values({ scope: 'public', version: 1 }).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_version').execute()
}
