import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { generateSigner } from '../app/domain/signed-note'
import { publishCheckpoint } from '../app/models/ledger-tree.server'
import { createTestDb, freshPostgresDatabase, TEST_ENGINE } from '../tests/fixtures/db'
import { buildWorld } from '../tests/fixtures/world'

const run = promisify(execFile)

/** The restore drill of docs/deploy.md, as an operator runs it: npm run backup, then npm run restore to a new database. */
let t: Awaited<ReturnType<typeof createTestDb>>
let dir: string
beforeEach(async () => {
  t = await createTestDb()
  dir = mkdtempSync(join(tmpdir(), 'hisaab-drill-'))
})
afterEach(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

async function script(name: 'backup' | 'restore', args: string[], databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', `scripts/${name}.ts`, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

test('backup, restore to a new database, proven line by line; a second restore over it is refused without --force', async () => {
  const w = await buildWorld(t.db)
  for (let i = 1; i <= 3; i++) await w.post({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor: BigInt(i) * 1000n, description: null })
  const { rootHash } = await publishCheckpoint(t.db, generateSigner('hisaab.test').signer)
  const root = Buffer.from(rootHash).toString('hex')

  const backup = await script('backup', [join(dir, 'backup')], t.url)
  expect(backup.stderr).toBe('')
  expect(backup.code).toBe(0)
  expect(backup.stdout).toContain(`checkpoint 3, root ${root}`)

  const target = TEST_ENGINE === 'postgres' ? await freshPostgresDatabase(false) : { url: join(dir, 'restored.sqlite'), drop: async () => undefined }
  try {
    const restored = await script('restore', [join(dir, 'backup')], target.url)
    expect(restored.code).toBe(0)
    expect(restored.stdout).not.toContain('DIFFERENT')
    expect(restored.stdout).toMatch(/^ledger_entries\s+3 rows/m)
    expect(restored.stdout).toContain(`proven: checkpoint 3, root ${root}`)

    const again = await script('restore', [join(dir, 'backup')], target.url)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('--force')
    expect((await script('restore', [join(dir, 'backup'), '--force'], target.url)).code).toBe(0)
  } finally {
    await target.drop()
  }
  expect((await script('restore', [], target.url)).code).toBe(2)
}, 120_000)
