import { copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { sql } from 'kysely'
import { createDb, isPostgresUrl, isSqlite, sqliteFile, type Database } from '../../db/client'
import { compareFacts, type Check } from '../domain/database-facts'
import { readFacts } from '../models/database-copy.server'
import { keptTotalsDrift } from '../models/ledger-totals.server'
import { run, sha256Of } from './backup.server'
import { MANIFEST_FILE, ManifestError, parseManifest, type BackupManifest } from './manifest'

export class RestoreRefusedError extends Error {
  override name = 'RestoreRefusedError'
}

export interface RestoreResult {
  manifest: BackupManifest
  /** True when every table, the ledger tree and the checkpoint came back as the manifest says. */
  ok: boolean
  checks: Check[]
}

/**
 * Restores the backup in `dir` to the database at `url`, and proves it: the file's SHA-256 first,
 * then, once restored, every table's rows and checksum, the ledger root recomputed from the leaves
 * and the latest signed checkpoint, against the manifest. A database that holds anything is live
 * and is overwritten only with `force`. On SQLite the copy is proven beside the live file and only
 * then put in its place, so a backup that fails its proof leaves the live database as it was.
 */
export async function restoreBackup(dir: string, url: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const manifest = await readManifest(dir)
  const engine = isPostgresUrl(url) ? 'postgres' : 'sqlite'
  if (manifest.engine !== engine) throw new RestoreRefusedError(`This is a ${manifest.engine} backup and the target is ${engine}: restore it to ${manifest.engine}, then move it with npm run db:copy.`)
  const file = join(dir, manifest.file)
  if (!existsSync(file)) throw new RestoreRefusedError(`The backup's file ${manifest.file} is missing from ${dir}.`)
  if ((await sha256Of(file)) !== manifest.sha256) throw new RestoreRefusedError(`${manifest.file} is not the file the manifest describes (its SHA-256 differs): the backup is damaged. Nothing was restored.`)
  if (!options.force && (await holdsData(url))) throw new RestoreRefusedError('The target database already holds data. Stop the portal and run the restore again with --force to replace it.')
  return engine === 'sqlite' ? restoreSqlite(manifest, file, sqliteFile(url)) : restorePostgres(manifest, file, url)
}

async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8')
  } catch {
    throw new RestoreRefusedError(`${dir} holds no ${MANIFEST_FILE}: it is not a Hisaab backup, or it was not finished.`)
  }
  try {
    return parseManifest(text)
  } catch (error) {
    if (error instanceof ManifestError) throw new RestoreRefusedError(error.message)
    throw error
  }
}

async function holdsData(url: string): Promise<boolean> {
  if (!isPostgresUrl(url) && !existsSync(sqliteFile(url))) return false
  const db = createDb(url, { poolSize: 1 })
  try {
    const tables = isSqlite(db)
      ? await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table'`.execute(db)
      : await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema()`.execute(db)
    return Number(tables.rows[0]!.n) > 0
  } finally {
    await db.destroy()
  }
}

async function proven(manifest: BackupManifest, db: Database): Promise<{ ok: boolean; checks: Check[] }> {
  const checks = compareFacts(manifest.facts, await readFacts(db))
  const latest = await db.selectFrom('ledger_checkpoints').select(['size', 'note']).orderBy('size', 'desc').limit(1).executeTakeFirst()
  const note = manifest.checkpoint?.note ?? null
  const drift = await keptTotalsDrift(db)
  checks.push({ what: 'kept totals = sums of the entries', source: '-', target: drift === 0 ? 'all' : `${drift} differ`, ok: drift === 0 })
  checks.push({ what: 'latest signed checkpoint', source: manifest.checkpoint ? `size ${manifest.checkpoint.size}` : 'none', target: latest ? `size ${latest.size}` : 'none', ok: (latest?.note ?? null) === note })
  return { ok: checks.every((c) => c.ok), checks }
}

async function restoreSqlite(manifest: BackupManifest, file: string, target: string): Promise<RestoreResult> {
  const beside = `${target}.restoring`
  await mkdir(dirname(target), { recursive: true })
  await rm(beside, { force: true })
  await copyFile(file, beside)
  const copy = createDb(beside)
  let result: { ok: boolean; checks: Check[] }
  try {
    result = await proven(manifest, copy)
  } finally {
    await copy.destroy()
  }
  if (!result.ok) {
    await rm(beside, { force: true })
    return { manifest, ...result }
  }
  // The live file's write-ahead log belongs to the database being replaced.
  await rm(`${target}-wal`, { force: true })
  await rm(`${target}-shm`, { force: true })
  await rm(`${beside}-wal`, { force: true })
  await rm(`${beside}-shm`, { force: true })
  await rename(beside, target)
  return { manifest, ...result }
}

async function restorePostgres(manifest: BackupManifest, file: string, url: string): Promise<RestoreResult> {
  // One transaction: a restore that fails part-way leaves the database as it was.
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file])
  const db = createDb(url, { poolSize: 2 })
  try {
    return { manifest, ...(await proven(manifest, db)) }
  } finally {
    await db.destroy()
  }
}
