import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import * as signIn from './migrations/2026-11-28T2200Z-sign-in'
import { createTestDb } from '../tests/fixtures/db'
import { insertUser } from '../tests/fixtures/users'

let t: Awaited<ReturnType<typeof createTestDb>>
beforeEach(async () => {
  t = await createTestDb()
})
afterEach(async () => t.close())

const columns = async (table: string) =>
  (
    t.engine === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(t.db)
      : await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(t.db)
  ).rows.map((r) => r.name)

describe('the sign-in migration', () => {
  test('adds the throttling, token and recovery-code tables and the new columns', async () => {
    expect(await columns('login_failures')).toEqual(['id', 'email_key', 'ip', 'at'])
    expect(await columns('password_tokens')).toEqual(['id', 'secret_hash', 'user_id', 'purpose', 'created_at', 'expires_at', 'used_at'])
    expect(await columns('recovery_codes')).toEqual(['id', 'user_id', 'code_hash', 'used_at'])
    expect(await columns('users')).toEqual(expect.arrayContaining(['totp_last_step', 'password_changed_at']))
    expect(await columns('sessions')).toContain('two_factor_verified')
    const indexes = (
      t.engine === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'login_failures'`.execute(t.db)
        : await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'login_failures' and indexname <> 'login_failures_pkey'`.execute(t.db)
    ).rows.map((r) => r.name)
    expect(indexes.sort()).toEqual(['login_failures_by_email', 'login_failures_by_ip'])
  })

  test('sessions start without the second factor, and a token has a known purpose', async () => {
    const userId = await insertUser(t.db, { email: 'a@example.pk' })
    await sql`insert into sessions (id, secret_hash, user_id, created_at, last_seen_at) values ('s', 'h', ${userId}, 'now', 'now')`.execute(t.db)
    expect((await t.db.selectFrom('sessions').select('two_factor_verified').executeTakeFirstOrThrow()).two_factor_verified).toBe(0)
    const token = { id: 't', secret_hash: 'h', user_id: userId, created_at: 'now', expires_at: 'later' }
    await expect(t.db.insertInto('password_tokens').values({ ...token, purpose: 'other' as 'reset' }).execute()).rejects.toThrow(/CHECK constraint failed|violates check constraint/)
    await expect(t.db.insertInto('password_tokens').values({ ...token, user_id: 999, purpose: 'reset' }).execute()).rejects.toThrow(/FOREIGN KEY constraint failed|violates foreign key constraint/)
  })

  test('can be undone and redone', async () => {
    await signIn.down(t.db)
    expect(await columns('login_failures')).toEqual([])
    expect(await columns('users')).not.toContain('totp_last_step')
    await signIn.up(t.db)
    expect(await columns('sessions')).toContain('two_factor_verified')
  })
})
