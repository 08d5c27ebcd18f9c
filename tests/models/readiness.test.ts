import { sql } from 'kysely'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { generateSigner } from '../../app/domain/signed-note'
import { publishCheckpoint } from '../../app/models/ledger-tree.server'
import { readiness } from '../../app/models/readiness.server'
import { createDb } from '../../db/client'
import { createTestDb, TEST_ENGINE } from '../fixtures/db'

let t: Awaited<ReturnType<typeof createTestDb>>
beforeEach(async () => {
  t = await createTestDb()
})
afterEach(async () => t.close())

const { signer } = generateSigner('hisaab.test')

test('ready: the database answers, every migration has run, and the key signed the latest checkpoint', async () => {
  await publishCheckpoint(t.db, signer)
  expect(await readiness(t.db, signer)).toEqual({ ready: true, database: 'reachable', migrations: 'current', signingKey: 'signs-the-ledger' })
})

test('a ledger with no checkpoint yet takes any key', async () => {
  expect((await readiness(t.db, signer)).ready).toBe(true)
})

test('not ready with another key than the one that signed the ledger', async () => {
  await publishCheckpoint(t.db, signer)
  expect(await readiness(t.db, generateSigner('hisaab.test').signer)).toEqual({ ready: false, database: 'reachable', migrations: 'current', signingKey: 'did-not-sign-the-ledger' })
})

test('not ready while a migration of this release has not run', async () => {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(t.db)
  await sql`delete from kysely_migration where name = ${rows[0]!.name}`.execute(t.db)
  expect(await readiness(t.db, signer)).toMatchObject({ ready: false, database: 'reachable', migrations: 'pending' })
})

test('not ready, and saying no more than that, when the database cannot be reached', async () => {
  // Nothing listens on port 1; a destroyed SQLite handle cannot be used again.
  const gone = TEST_ENGINE === 'postgres' ? createDb('postgres://postgres@127.0.0.1:1/hisaab') : t.db
  if (TEST_ENGINE === 'sqlite') await t.db.destroy()
  const state = await readiness(gone, signer)
  if (TEST_ENGINE === 'postgres') await gone.destroy()
  expect(state).toEqual({ ready: false, database: 'unreachable', migrations: 'unknown', signingKey: 'unknown' })
})
