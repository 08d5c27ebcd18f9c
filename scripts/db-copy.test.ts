import { spawn } from 'node:child_process'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { generateSigner } from '../app/domain/signed-note'
import { publishCheckpoint } from '../app/models/ledger-tree.server'
import { createTestDb, type TestDb } from '../tests/fixtures/db'
import { buildWorld } from '../tests/fixtures/world'

// The real command, as an operator runs it: npm, package.json's script, tsx.
let source: TestDb
let target: TestDb
beforeAll(async () => {
  source = await createTestDb('sqlite')
  const w = await buildWorld(source.db)
  // The last one is the largest amount the portal takes, 2^53 − 1 paisa: it must arrive exact.
  for (let i = 1; i <= 9; i++) await w.post({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor: i < 9 ? BigInt(i) * 1_000n : 2n ** 53n - 1n, description: `قسط ${i}` })
  await publishCheckpoint(source.db, generateSigner('cli.test/ledger').signer)
  target = await createTestDb('postgres', { migrate: false })
}, 60_000)
afterAll(async () => {
  await Promise.all([source?.close(), target?.close()])
})

// Asynchronous, so that the test process keeps serving its own database connections meanwhile.
function dbCopy(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'db:copy', '--', ...args], { env: process.env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill(), 60_000)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout, stderr })
    })
  })
}

describe('npm run db:copy', () => {
  test('copies a SQLite portal into an empty PostgreSQL database and prints what it compared', async () => {
    const run = await dbCopy(['--from', source.file, '--to', target.url])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^ledger_entries +9 rows ([0-9a-f]{16}) +9 rows \1 +same$/m)
    expect(run.stdout).toMatch(/^latest checkpoint = root of its leaves +size 9 ([0-9a-f]{16}) +size 9 \1 +same$/m)
    expect(run.stdout).not.toMatch(/DIFFERENT/)
    expect(run.stdout).toMatch(/Copied and proven/)
    const entries = await target.db.selectFrom('ledger_entries').select(['description', 'amount_minor']).orderBy('id').execute()
    expect(entries.map((e) => e.description)).toEqual(Array.from({ length: 9 }, (_, i) => `قسط ${i + 1}`))
    expect(entries.at(-1)!.amount_minor).toBe(2 ** 53 - 1)
    const { rows } = await sql<{ text: string }>`select amount_minor::text as text from ledger_entries order by id desc limit 1`.execute(target.db)
    expect(rows[0]!.text).toBe('9007199254740991')
  }, 90_000)

  test('refuses to copy into it again, and --verify says when the two differ', async () => {
    const again = await dbCopy(['--from', source.file, '--to', target.url])
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/^Not copying .*: the target is not empty \(rows in data_version 1, parties 4, projects 1, /m)

    expect((await dbCopy(['--from', source.file, '--to', target.url, '--verify'])).status).toBe(0)
    await sql`update parties set name_en = 'Acme Copper (renamed)' where slug = 'acme-copper'`.execute(target.db)
    const verify = await dbCopy(['--from', source.file, '--to', target.url, '--verify'])
    expect(verify.status).toBe(1)
    expect(verify.stdout).toMatch(/^parties .* DIFFERENT$/m)
    expect(verify.stdout).toMatch(/^projects .* same$/m)
  }, 90_000)

  test('says which database it cannot reach, without its password', async () => {
    const unreachable = 'postgres://hisaab:not-this-password@127.0.0.1:3601/hisaab'
    const run = await dbCopy(['--from', source.file, '--to', unreachable])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/cannot reach its database at postgres:\/\/hisaab@127\.0\.0\.1:3601\/hisaab/)
    expect(run.stdout + run.stderr).not.toMatch(/not-this-password/)
    const missing = await dbCopy(['--from', `${source.file}.missing`, '--to', target.url])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/There is no database file at/)
    expect((await dbCopy(['--from', source.file])).status).toBe(2)
  }, 90_000)
})
