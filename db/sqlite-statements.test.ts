import { sql } from 'kysely'
import { expect, test } from 'vitest'
import SQLite from 'better-sqlite3'
import { createDb, keepingStatements } from './client'

// The SQLite connection keeps its prepared statements (keepingStatements in ./client).

test('the same SQL asked for while its statement is still iterating gets a statement of its own; otherwise the kept one', () => {
  const sqlite = new SQLite(':memory:')
  try {
    sqlite.exec('create table t (n integer primary key)')
    for (let n = 1; n <= 10; n++) sqlite.prepare('insert into t (n) values (?)').run(n)
    const connection = keepingStatements(sqlite)
    const text = 'select n from t order by n'
    const first = connection.prepare(text) as SQLite.Statement
    expect(connection.prepare(text)).toBe(first)
    const streamed: number[] = []
    for (const row of first.iterate() as IterableIterator<{ n: number }>) {
      streamed.push(row.n)
      if (row.n !== 3) continue
      // A streamed download holds `first` mid-iteration (Kysely's stream()); a second use of the SQL must not touch it.
      const second = connection.prepare(text)
      expect(second).not.toBe(first)
      expect((second.all([]) as Array<{ n: number }>).map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    }
    expect(streamed).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(connection.prepare(text)).toBe(first)
  } finally {
    sqlite.close()
  }
})

test('a kept statement sees new rows and follows a change of schema', async () => {
  const db = createDb(':memory:')
  try {
    await sql`create table t (n integer)`.execute(db)
    const count = async () => (await sql<{ c: number }>`select count(*) as c from t`.execute(db)).rows[0]!.c
    expect(await count()).toBe(0)
    await sql`insert into t (n) values (1), (2)`.execute(db)
    expect(await count()).toBe(2)
    await sql`alter table t add column m integer`.execute(db)
    await sql`insert into t (n, m) values (3, 3)`.execute(db)
    expect(await count()).toBe(3)
  } finally {
    await db.destroy()
  }
})
