import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { BackupRefusedError, takeBackup } from '../../app/backups/backup.server'
import { MANIFEST_FILE } from '../../app/backups/manifest'
import { restoreBackup, RestoreRefusedError } from '../../app/backups/restore.server'
import { generateSigner } from '../../app/domain/signed-note'
import { latestCheckpoint, publishCheckpoint } from '../../app/models/ledger-tree.server'
import { createDb } from '../../db/client'
import { createTestDb, freshPostgresDatabase, TEST_ENGINE } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
let dir: string
const { signer } = generateSigner('hisaab.test')

beforeEach(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
  dir = mkdtempSync(join(tmpdir(), 'hisaab-backup-'))
})
afterEach(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

const receipt = (amountMinor: bigint) => ({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor, description: null }) as const

/** A database of the test engine's own that holds nothing yet, and the way to drop it. */
async function emptyTarget(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (TEST_ENGINE === 'postgres') return freshPostgresDatabase(false)
  return { url: join(dir, 'restored', 'hisaab.sqlite'), drop: async () => undefined }
}

const count = async (url: string) => {
  const db = createDb(url, { poolSize: 1 })
  try {
    return (await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
  } finally {
    await db.destroy()
  }
}

test('a backup taken while entries are approved holds one moment, named by its manifest, and restores to exactly that', async () => {
  for (let i = 1; i <= 5; i++) await w.post(receipt(BigInt(i) * 100n))
  await publishCheckpoint(t.db, signer)
  // Approvals and checkpoints go on while the backup is taken.
  let writing = true
  let written = 0
  const writer = (async () => {
    while (writing) {
      await w.post(receipt(BigInt(1000 + written)))
      await publishCheckpoint(t.db, signer)
      written++
      // SQLite's driver answers without leaving the microtask queue: let the backup's turn come.
      await new Promise((resolve) => setImmediate(resolve))
    }
  })()
  const backupDir = join(dir, 'backup')
  const manifest = await takeBackup(t.db, t.url, backupDir)
  while (written < 3) await new Promise((resolve) => setTimeout(resolve, 5))
  writing = false
  await writer

  // The manifest names a checkpoint that its own tree facts agree with.
  expect(manifest.checkpoint).not.toBeNull()
  expect(manifest.facts.tree.checkpoint).toMatchObject({ size: manifest.checkpoint!.size, root: manifest.checkpoint!.rootHex, leavesRoot: manifest.checkpoint!.rootHex, noteMatches: true })
  expect(manifest.facts.tree.badLeaves).toBe(0)
  const entriesInBackup = manifest.facts.tables.find((table) => table.table === 'ledger_entries')!.rows

  const target = await emptyTarget()
  try {
    const result = await restoreBackup(backupDir, target.url)
    expect(result.checks.filter((c) => !c.ok)).toEqual([])
    expect(result.ok).toBe(true)
    expect(await count(target.url)).toBe(entriesInBackup)
    const restored = createDb(target.url, { poolSize: 1 })
    try {
      const latest = await latestCheckpoint(restored)
      expect(latest?.note).toBe(manifest.checkpoint!.note)
      expect(Buffer.from(latest!.rootHash).toString('hex')).toBe(manifest.checkpoint!.rootHex)
    } finally {
      await restored.destroy()
    }
  } finally {
    await target.drop()
  }
  // The source went on: it holds what was approved after the backup's moment too.
  expect(await count(t.url)).toBeGreaterThan(entriesInBackup)
})

test('a live database is replaced only with --force; a damaged backup is refused and replaces nothing', async () => {
  await w.post(receipt(100n))
  await publishCheckpoint(t.db, signer)
  const backupDir = join(dir, 'backup')
  await takeBackup(t.db, t.url, backupDir)
  await expect(takeBackup(t.db, t.url, backupDir)).rejects.toBeInstanceOf(BackupRefusedError)
  await w.post(receipt(200n))
  await publishCheckpoint(t.db, signer)
  const entriesNow = await count(t.url)

  // The source itself is live: refused without --force, and it keeps its newer entry.
  await expect(restoreBackup(backupDir, t.url)).rejects.toThrow(/already holds data.*--force/)
  expect(await count(t.url)).toBe(entriesNow)

  // One flipped byte in the database file: refused before anything is touched, forced or not.
  const manifest = JSON.parse(readFileSync(join(backupDir, MANIFEST_FILE), 'utf8')) as { file: string }
  const file = join(backupDir, manifest.file)
  const bytes = readFileSync(file)
  const damaged = Buffer.from(bytes)
  const middle = Math.floor(damaged.length / 2)
  damaged[middle] = damaged[middle]! ^ 0xff
  writeFileSync(file, damaged)
  await expect(restoreBackup(backupDir, t.url, { force: true })).rejects.toBeInstanceOf(RestoreRefusedError)
  expect(await count(t.url)).toBe(entriesNow)
  writeFileSync(file, bytes)

  // A manifest that is not one, or that points elsewhere on the machine.
  const manifestText = readFileSync(join(backupDir, MANIFEST_FILE), 'utf8')
  writeFileSync(join(backupDir, MANIFEST_FILE), manifestText.replace(`"file": "${manifest.file}"`, '"file": "../../etc/passwd"'))
  await expect(restoreBackup(backupDir, t.url, { force: true })).rejects.toThrow(/not a Hisaab backup manifest/)
  writeFileSync(join(backupDir, MANIFEST_FILE), manifestText)

  // Forced, the live database goes back to the backup's moment.
  await t.db.destroy()
  const result = await restoreBackup(backupDir, t.url, { force: true })
  expect(result.ok).toBe(true)
  expect(await count(t.url)).toBe(entriesNow - 1)
  t.db = createDb(t.url, { poolSize: 2 })
})
