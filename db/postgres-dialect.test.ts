import { spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { toMinor } from '../app/domain/money'
import { createTestDb, type TestDb } from '../tests/fixtures/db'

let sqlite: TestDb
let postgres: TestDb
beforeAll(async () => {
  ;[sqlite, postgres] = await Promise.all([createTestDb('sqlite', { migrate: false }), createTestDb('postgres', { migrate: false })])
})
afterAll(async () => Promise.all([sqlite?.close(), postgres?.close()]))

/** `select <expression> as v from generate_series(1, rows)`, streamed a batch at a time. */
async function streamed(db: Kysely<any>, expression: string, rows: number, batch: number): Promise<unknown[]> {
  const out: unknown[] = []
  const query = db.selectFrom(sql`generate_series(1, ${sql.lit(rows)})`.as('s')).select(sql.raw(expression).as('v'))
  for await (const row of query.stream(batch)) out.push(row.v)
  return out
}

describe('64-bit integers on PostgreSQL come back as SQLite gives them: exact numbers', () => {
  test('bigint and count(*) are numbers, as on SQLite, up to 2^53 − 1 exactly', async () => {
    const query = sql<{ big: number; n: number }>`select cast(9007199254740991 as bigint) as big, (select count(*) from (select 1 union all select 2) as v) as n`
    const [fromSqlite, fromPostgres] = await Promise.all([query.execute(sqlite.db), query.execute(postgres.db)])
    expect(fromPostgres.rows).toEqual([{ big: 9007199254740991, n: 2 }])
    expect(fromPostgres.rows).toEqual(fromSqlite.rows)
    expect(toMinor(fromPostgres.rows[0]!.big)).toBe(9007199254740991n)
  })

  test('an integer a number cannot hold exactly fails the query instead of being rounded, streaming too', async () => {
    await expect(sql`select cast(9007199254740993 as bigint) as big`.execute(postgres.db)).rejects.toThrow(/9007199254740993.*exactly/)
    // 2^52 · s: the second row is 2^53, one past what a number holds exactly.
    await expect(streamed(postgres.db, 'cast(s as bigint) * 4503599627370496', 3, 1)).rejects.toThrow(/9007199254740992.*exactly/)
    // The connection that carried the refusal serves the next query.
    expect((await sql<{ one: number }>`select 1 as one`.execute(postgres.db)).rows).toEqual([{ one: 1 }])
  })
})

test('exports stream through a PostgreSQL cursor, a batch at a time, in order', async () => {
  const values = await streamed(postgres.db, 'cast(s as bigint)', 5_000, 100)
  expect(values).toHaveLength(5_000)
  expect(values.every((v, i) => v === i + 1)).toBe(true)
})

test('a PostgreSQL that cannot be reached stops db:migrate at once: the URL without its password, exit 1', async () => {
  const port = await closedPort()
  const url = `postgres://hisaab:not-for-logs@127.0.0.1:${port}/hisaab`
  const run = spawnSync('npx', ['tsx', 'scripts/migrate.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
    timeout: 30_000,
  })
  expect(run.status).toBe(1)
  expect(run.stderr.trim()).toBe(`Hisaab cannot reach its database at postgres://hisaab@127.0.0.1:${port}/hisaab: connect ECONNREFUSED 127.0.0.1:${port}`)
  expect(run.stdout + run.stderr).not.toContain('not-for-logs')
}, 40_000)

/** A port nobody listens on: one the OS just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}
