import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sql } from 'kysely'
import { createDb, isPostgresUrl, sqliteFile, type Database } from '../../db/client'
import type { DatabaseFacts } from '../domain/database-facts'
import { readFacts } from '../models/database-copy.server'
import { latestCheckpoint } from '../models/ledger-tree.server'
import { MANIFEST_FILE, type BackupManifest } from './manifest'

export const SQLITE_BACKUP_FILE = 'hisaab.sqlite'
export const POSTGRES_BACKUP_FILE = 'hisaab.pgdump'

export class BackupRefusedError extends Error {
  override name = 'BackupRefusedError'
}

/**
 * Takes an online, consistent copy of the database at `url` into the new folder `dir`, while the
 * portal goes on writing: SQLite's VACUUM INTO (one read transaction; WAL lets writers carry on),
 * or pg_dump inside a snapshot this process holds, in which the manifest's facts are read too, so
 * the two describe the same moment. The manifest is written last: a folder without one is not a
 * backup.
 */
export async function takeBackup(db: Database, url: string, dir: string, now = new Date()): Promise<BackupManifest> {
  if (existsSync(join(dir, MANIFEST_FILE))) throw new BackupRefusedError(`${dir} already holds a backup; give each backup a folder of its own.`)
  await mkdir(dir, { recursive: true })
  const engine = isPostgresUrl(url) ? 'postgres' : 'sqlite'
  const file = engine === 'postgres' ? POSTGRES_BACKUP_FILE : SQLITE_BACKUP_FILE
  const path = join(dir, file)
  const partial = `${path}.partial`
  await rm(partial, { force: true })
  const facts = engine === 'postgres' ? await dumpPostgres(db, url, partial) : await vacuumSqlite(db, url, partial)
  await rename(partial, path)
  const { size } = await stat(path)
  const manifest: BackupManifest = {
    format: 'hisaab-backup/1',
    engine,
    takenAt: now.toISOString(),
    file,
    bytes: size,
    sha256: await sha256Of(path),
    checkpoint: facts.checkpoint,
    facts: facts.facts,
  }
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' })
  return manifest
}

interface SnapshotFacts {
  facts: DatabaseFacts
  checkpoint: BackupManifest['checkpoint']
}

async function factsOf(db: Database): Promise<SnapshotFacts> {
  const latest = await latestCheckpoint(db)
  const facts = await readFacts(db)
  return {
    facts: { ...facts, idCounters: await largestIds(db, Object.keys(facts.idCounters)) },
    checkpoint: latest ? { size: latest.size, rootHex: Buffer.from(latest.rootHash).toString('hex'), note: latest.note } : null,
  }
}

/**
 * What a restore must hand out ids beyond: the largest id of each table in the snapshot. (A
 * PostgreSQL sequence is not part of any snapshot: read now it counts ids that writers took since,
 * and pg_dump reads it at a moment of its own, so neither says what the backup holds.)
 */
async function largestIds(db: Database, tables: string[]): Promise<Record<string, number>> {
  const largest: Record<string, number> = {}
  for (const table of tables) {
    const { rows } = await sql<{ top: number | null }>`select max(id) as top from ${sql.table(table)}`.execute(db)
    largest[table] = Number(rows[0]?.top ?? 0)
  }
  return largest
}

/** The copy is read back for its facts: what the manifest says is what the file holds. */
async function vacuumSqlite(db: Database, url: string, into: string): Promise<SnapshotFacts> {
  if (sqliteFile(url) === ':memory:') throw new BackupRefusedError('An in-memory database cannot be backed up.')
  await sql`vacuum into ${into}`.execute(db)
  const copy = createDb(into)
  try {
    return await factsOf(copy)
  } finally {
    await copy.destroy()
  }
}

async function dumpPostgres(db: Database, url: string, into: string): Promise<SnapshotFacts> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const { rows } = await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(trx)
      // pg_dump reads the very snapshot this transaction holds open until both are done.
      const dumped = run('pg_dump', ['--format=custom', '--no-owner', `--snapshot=${rows[0]!.snapshot}`, `--file=${into}`, `--dbname=${url}`])
      const facts = await factsOf(trx)
      await dumped
      return facts
    })
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Runs a PostgreSQL client program; its complaint, if it fails, is the error's message (with no password: the URL is passed, never printed). */
export function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', (error) => reject(new Error(`${program} could not be started (${error.message}); install Debian's postgresql-client`)))
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${program} failed: ${stderr.trim().replace(/postgres(ql)?:\/\/[^\s]*/g, '<database>')}`))))
  })
}
