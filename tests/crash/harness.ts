// Crash safety (issue 14 §1): the production server is killed with SIGKILL at random moments while
// officers record and approve entries through its own forms, a reader downloads the full ledger and
// a backup runs; after each kill the database, the tree and every acknowledged write are checked.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import BetterSqlite3 from 'better-sqlite3'
import { verifyConsistency } from '../../app/domain/merkle'
import { exportLine } from '../../app/domain/published-entry'
import { readTreeFacts } from '../../app/models/database-copy.server'
import { keptTotalsDrift } from '../../app/models/ledger-totals.server'
import { consistencyProofBetween, rootAt } from '../../app/models/ledger-tree.server'
import { createDb } from '../../db/client'
import { officerCookie, shareTransferForm, transferTarget } from '../fixtures/officers'

export const BUILD_ENTRY = 'build/server/index.js'

/** Fails, rather than skips, when there is no production build to crash. */
export function assertBuilt(): void {
  if (!existsSync(BUILD_ENTRY)) throw new Error(`the crash harness runs the production build, and ${BUILD_ENTRY} is missing: run \`npm run build\` first (npm test builds before the e2e stage)`)
}

export interface Seeded {
  databaseFile: string
  keyFile: string
}

/** The demo data seeded once into `dir`; each run works on a copy (see `copySeeded`). */
export async function seed(dir: string): Promise<Seeded> {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const seeded = { databaseFile: join(dir, 'hisaab.sqlite'), keyFile: join(dir, 'ledger-signing-key') }
  await runToEnd('npx', ['tsx', 'scripts/seed.ts'], { DATABASE_URL: seeded.databaseFile, HISAAB_LEDGER_KEY_FILE: seeded.keyFile })
  // One file: the copy must not depend on a WAL beside it.
  const db = new BetterSqlite3(seeded.databaseFile)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return seeded
}

export function copySeeded(seeded: Seeded, dir: string): Seeded {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const copy = { databaseFile: join(dir, 'hisaab.sqlite'), keyFile: join(dir, 'ledger-signing-key') }
  copyFileSync(seeded.databaseFile, copy.databaseFile)
  copyFileSync(seeded.keyFile, copy.keyFile)
  return copy
}

export interface CrashOptions {
  database: Seeded
  port: number
  kills: number
  clients?: number
  /** The longest time the server runs under load before it is killed. */
  maxLifeMs?: number
  log?: (line: string) => void
}

export interface CrashFigures {
  kills: number
  /** Kills that landed while the server was still starting (mending the tree, signing its head). */
  killsDuringStart: number
  killsDuringDownload: number
  killsDuringBackup: number
  recordsAcknowledged: number
  approvalsAcknowledged: number
  /** Requests cut off by a kill and sent again, with the same key, after the restart. */
  retries: number
  /** Retries that found their first attempt had committed (the same entry, or already approved). */
  retriesFindingFirstResult: number
  fullDownloadsChecked: number
  backupsCompleted: number
  /** Every check that failed, with the kill it followed; empty when the server is crash-safe. */
  failures: string[]
}

interface Acknowledged {
  id: number
  seq: number
  entryJson: string
  row: string
}

interface Work {
  kind: 'record' | 'approve'
  key: string
  fields: Record<string, string>
  entryId?: number
}

interface Client {
  recorder: string
  approver: string
  /** The entry form's fields for a new transfer recorded under `key`. */
  fields: (key: string) => Record<string, string>
  /** What was sent and not yet answered when the server died: sent again after the restart. */
  unanswered: Work | null
  /** Recorded, not yet approved. */
  pendingApproval: { key: string; id: number } | null
}

const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' }

/** An entry's columns and its leaf's bytes, read when its approval is acknowledged and after every kill. */
const ENTRY_AS_ACKNOWLEDGED = 'select e.*, l.seq as leaf_seq, l.leaf_hash, l.entry_json from ledger_entries e left join ledger_leaves l on l.entry_id = e.id where e.id = ?'

/**
 * Runs `kills` rounds of: start the server, load it, SIGKILL it at a random moment, check the
 * file, restart, check again and retry what was cut off. Throws only when the harness itself
 * cannot go on; what the portal got wrong is in `failures`.
 */
export async function crashRepeatedly(options: CrashOptions): Promise<CrashFigures> {
  assertBuilt()
  const { database, port } = options
  const log = options.log ?? (() => undefined)
  const maxLifeMs = options.maxLifeMs ?? 1500
  const dir = join(database.databaseFile, '..')
  const baseURL = `http://localhost:${port}`
  const figures: CrashFigures = {
    kills: 0,
    killsDuringStart: 0,
    killsDuringDownload: 0,
    killsDuringBackup: 0,
    recordsAcknowledged: 0,
    approvalsAcknowledged: 0,
    retries: 0,
    retriesFindingFirstResult: 0,
    fullDownloadsChecked: 0,
    backupsCompleted: 0,
    failures: [],
  }
  const acknowledged = new Map<number, Acknowledged>()
  const keys = new Map<string, number>()
  const checkpoints = new Map<number, string>()
  const fail = (what: string) => {
    figures.failures.push(`after kill ${figures.kills}: ${what}`)
    log(`FAIL after kill ${figures.kills}: ${what}`)
  }

  const clients = await makeClients(database.databaseFile, options.clients ?? 4)
  const reader = new BetterSqlite3(database.databaseFile)
  reader.pragma('busy_timeout = 5000')
  const readEntry = reader.prepare(ENTRY_AS_ACKNOWLEDGED)
  const entryRow = (id: number) => readEntry.get(id) as (Record<string, unknown> & { entry_json: string | null; seq: number | null; status: string }) | undefined

  const remember = (id: number) => {
    const row = entryRow(id)
    if (!row || row.status !== 'approved' || row.entry_json === null || row.seq === null) return fail(`entry ${id} was acknowledged as approved but reads ${row ? row.status : 'missing'} right after`)
    acknowledged.set(id, { id, seq: row.seq, entryJson: row.entry_json, row: JSON.stringify(row) })
    figures.approvalsAcknowledged++
  }

  const post = (path: string, cookie: string, form: Record<string, string>) =>
    fetch(baseURL + path, { method: 'POST', redirect: 'manual', headers: { ...SAME_ORIGIN, Cookie: cookie }, body: new URLSearchParams(form), signal: AbortSignal.timeout(20_000) })

  /** One request; `false` when the server died under it (kept in `unanswered` for the retry). */
  const perform = async (client: Client, work: Work, retry: boolean): Promise<boolean> => {
    let response: Response
    try {
      response = work.kind === 'record' ? await post('/work/entries/new', client.recorder, work.fields) : await post('/work/queue', client.approver, { intent: 'approve', entryId: String(work.entryId) })
    } catch {
      client.unanswered = work
      return false
    }
    await response.arrayBuffer().catch(() => undefined)
    if (work.kind === 'record') {
      const id = Number(/\/ledger\/(\d+)/.exec(response.headers.get('location') ?? '')?.[1])
      if (response.status !== 302 || !id) {
        if (response.status >= 500) {
          client.unanswered = work
          return false
        }
        fail(`recording ${work.key} answered ${response.status}`)
        return true
      }
      const earlier = keys.get(work.key)
      if (earlier !== undefined && earlier !== id) fail(`key ${work.key} gave entry ${earlier}, then ${id}`)
      if (retry && entryRow(id)?.description !== work.fields.description) fail(`retrying ${work.key} answered entry ${id}, which is not the entry sent`)
      keys.set(work.key, id)
      figures.recordsAcknowledged++
      client.pendingApproval = { key: work.key, id }
      return true
    }
    if (response.status === 302) {
      remember(work.entryId!)
      client.pendingApproval = null
      return true
    }
    if (retry && response.status === 409 && entryRow(work.entryId!)?.status === 'approved') {
      // The approval the server died under had committed: that is its first result.
      figures.retriesFindingFirstResult++
      remember(work.entryId!)
      client.pendingApproval = null
      return true
    }
    if (response.status >= 500) {
      client.unanswered = work
      return false
    }
    fail(`approving entry ${work.entryId} answered ${response.status}`)
    client.pendingApproval = null
    return true
  }

  const nextWork = (client: Client): Work => {
    if (client.pendingApproval) return { kind: 'approve', key: client.pendingApproval.key, fields: {}, entryId: client.pendingApproval.id }
    const key = randomUUID()
    return { kind: 'record', key, fields: client.fields(key) }
  }

  const retryUnanswered = async () => {
    for (const client of clients) {
      const work = client.unanswered
      if (!work) continue
      client.unanswered = null
      figures.retries++
      const committedBefore = work.kind === 'record' ? countKey(reader, work.key) : 0
      if (!(await perform(client, work, true))) fail(`retrying ${work.kind} ${work.key} failed again on a running server`)
      if (work.kind === 'record' && committedBefore === 1 && client.pendingApproval?.key === work.key) figures.retriesFindingFirstResult++
      if (work.kind === 'record' && countKey(reader, work.key) !== 1) fail(`key ${work.key} has ${countKey(reader, work.key)} entries after its retry`)
    }
  }

  let server: ChildProcess | null = null
  try {
    for (let round = 0; round < options.kills; round++) {
      // Now and then the kill lands while the server starts: it mends the tree and signs its head then.
      if (Math.random() < 0.1) {
        const starting = spawnServer(database, dir, port)
        await sleep(200 + Math.random() * 1500)
        if (await killNow(starting)) figures.killsDuringStart++
        figures.kills++
        await checkFile(database.databaseFile, acknowledged, fail)
      }
      server = spawnServer(database, dir, port)
      await waitForServer(server, baseURL)
      await checkRunning(database.databaseFile, baseURL, acknowledged, keys, checkpoints, figures, fail)
      await retryUnanswered()

      let running = true
      const loops = clients.map(async (client) => {
        while (running) if (!(await perform(client, nextWork(client), false))) return
      })
      // A backup takes a second or two to start and run: those rounds live longer, so that kills land in its copy.
      const backingUp = Math.random() < 0.2
      const lifeMs = backingUp ? 500 + Math.random() * 3000 : Math.random() * maxLifeMs
      const download = Math.random() < 0.3 ? fullDownload(baseURL, lifeMs * Math.random()) : null
      const backup = backingUp ? startBackup(database, dir, 0, fail) : null
      await sleep(lifeMs)
      running = false
      await killNow(server)
      figures.kills++
      server = null
      if (download && !(await download)) figures.killsDuringDownload++
      if (backup) {
        if (await backup.stop()) figures.killsDuringBackup++
        else figures.backupsCompleted++
      }
      await Promise.all(loops)
      await checkFile(database.databaseFile, acknowledged, fail)
      if (round % 10 === 9) log(`${round + 1} kills: ${figures.approvalsAcknowledged} approvals acknowledged, ${figures.retries} retries, ${figures.failures.length} failures`)
    }
    // A last start, so that what the final kill cut off is retried and checked too.
    server = spawnServer(database, dir, port)
    await waitForServer(server, baseURL)
    await checkRunning(database.databaseFile, baseURL, acknowledged, keys, checkpoints, figures, fail)
    await retryUnanswered()
    await checkRunning(database.databaseFile, baseURL, acknowledged, keys, checkpoints, figures, fail)
    for (const [key] of keys) if (countKey(reader, key) !== 1) fail(`key ${key} has ${countKey(reader, key)} entries`)
  } finally {
    if (server) await killNow(server)
    reader.close()
  }
  return figures
}

function countKey(reader: BetterSqlite3.Database, key: string): number {
  return (reader.prepare('select count(*) as n from ledger_entries where idempotency_key = ? or description = ?').get(key, `Crash check ${key}`) as { n: number }).n
}

/** Officers of two trusts, each client recording as one and approving as the other. */
async function makeClients(databaseFile: string, count: number): Promise<Client[]> {
  const db = createDb(databaseFile)
  try {
    const clients: Client[] = []
    for (let i = 0; i < count; i++) {
      const [trustName, trustSlug] = i % 2 === 0 ? ['chagai', 'chagai-community-development-trust'] : ['lasbela', 'lasbela-khuzdar-community-trust']
      const target = await transferTarget(db, trustSlug)
      clients.push({
        recorder: await officerCookie(db, `officer.${trustName}.1@demo.hisaab.pk`, 'crash harness'),
        approver: await officerCookie(db, `officer.${trustName}.2@demo.hisaab.pk`, 'crash harness'),
        fields: (key) =>
          shareTransferForm(target, {
            amount: `${1 + Math.floor(Math.random() * 99_999)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`,
            description: `Crash check ${key}`,
            idempotencyKey: key,
          }),
        unanswered: null,
        pendingApproval: null,
      })
    }
    return clients
  } finally {
    await db.destroy()
  }
}

function spawnServer(database: Seeded, dir: string, port: number): ChildProcess {
  return spawn('node', ['server.mjs'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: database.databaseFile,
      HISAAB_LEDGER_KEY_FILE: database.keyFile,
      HISAAB_EXPORT_DIR: join(dir, 'exports'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
}

async function waitForServer(child: ChildProcess, baseURL: string): Promise<void> {
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} on restart: ${stderr}`)
    if (waited > 60_000) throw new Error(`the server did not answer within a minute of its restart: ${stderr}`)
    if (await fetch(`${baseURL}/ledger/checkpoint`).then((r) => r.ok, () => false)) return
    await sleep(100)
  }
}

/** SIGKILL, and wait until it is gone; whether it was still running. */
async function killNow(child: ChildProcess): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return false
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
  return true
}

/** A reader downloading the whole ledger after `delayMs`; false when the kill cut it off. */
async function fullDownload(baseURL: string, delayMs: number): Promise<boolean> {
  await sleep(delayMs)
  try {
    const response = await fetch(`${baseURL}/downloads/ledger/full.ndjson`)
    await response.arrayBuffer()
    return response.ok
  } catch {
    return false
  }
}

/** `npm run backup` into a fresh folder after `delayMs`; `stop` kills it if still running, and says so. */
function startBackup(database: Seeded, dir: string, delayMs: number, fail: (what: string) => void): { stop: () => Promise<boolean> } {
  let child: ChildProcess | null = null
  let stopped = false
  const target = join(dir, 'backups', randomUUID())
  const started = sleep(delayMs).then(() => {
    if (stopped) return
    child = spawn('node', ['--import', 'tsx', 'scripts/backup.ts', target], { env: { ...process.env, DATABASE_URL: database.databaseFile }, stdio: 'ignore', detached: true })
  })
  return {
    stop: async () => {
      stopped = true
      await started
      const running = child as ChildProcess | null
      if (!running || running.exitCode !== null) {
        if (running && running.exitCode !== 0) fail(`the backup beside the running server exited ${running.exitCode}`)
        rmSync(target, { recursive: true, force: true })
        return false
      }
      // The whole process group goes, as in a machine's crash.
      const exited = new Promise((resolve) => running.once('exit', resolve))
      process.kill(-running.pid!, 'SIGKILL')
      await exited
      rmSync(target, { recursive: true, force: true })
      return true
    },
  }
}

/**
 * The file as the kill left it, before anything mends it: sound, every acknowledged approval there
 * byte for byte, every approved entry with its leaf and no leaf without one, and the kept totals
 * equal to a recount. (The newest checkpoint may lag the tree here: the restart signs it.)
 */
async function checkFile(databaseFile: string, acknowledged: Map<number, Acknowledged>, fail: (what: string) => void): Promise<void> {
  const db = new BetterSqlite3(databaseFile)
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') fail(`integrity_check: ${String(integrity)}`)
    const foreignKeys = db.pragma('foreign_key_check') as unknown[]
    if (foreignKeys.length > 0) fail(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 5))}`)
    const { withoutLeaf } = db.prepare("select count(*) as withoutLeaf from ledger_entries e left join ledger_leaves l on l.entry_id = e.id where e.status = 'approved' and (l.seq is null or l.seq <> e.seq)").get() as { withoutLeaf: number }
    if (withoutLeaf > 0) fail(`${withoutLeaf} approved entries without their leaf`)
    const { strayLeaves } = db.prepare("select count(*) as strayLeaves from ledger_leaves l left join ledger_entries e on e.id = l.entry_id where e.status is not 'approved'").get() as { strayLeaves: number }
    if (strayLeaves > 0) fail(`${strayLeaves} leaves without an approved entry`)
    const seqs = db.prepare("select count(*) as n, count(distinct seq) as distinctSeqs, coalesce(max(seq), 0) as last from ledger_entries where status = 'approved'").get() as { n: number; distinctSeqs: number; last: number }
    if (seqs.n !== seqs.last || seqs.distinctSeqs !== seqs.n) fail(`approved seqs are not 1..${seqs.n}: ${JSON.stringify(seqs)}`)
    const entry = db.prepare(ENTRY_AS_ACKNOWLEDGED)
    for (const ack of acknowledged.values()) {
      const now = entry.get(ack.id) as { entry_json: string | null; seq: number | null } | undefined
      if (!now) fail(`acknowledged entry ${ack.id} is gone`)
      else if (now.seq !== ack.seq || now.entry_json !== ack.entryJson) fail(`acknowledged entry ${ack.id}'s leaf changed: seq ${ack.seq} → ${now.seq}`)
      else if (JSON.stringify(now) !== ack.row) fail(`acknowledged entry ${ack.id}'s row changed: ${ack.row} → ${JSON.stringify(now)}`)
    }
  } finally {
    db.close()
  }
  const kysely = createDb(databaseFile)
  try {
    const drift = await keptTotalsDrift(kysely)
    if (drift !== 0) fail(`${drift} kept totals rows differ from a recount`)
    const tree = await kysely.transaction().execute(readTreeFacts)
    if (tree.badLeaves !== 0) fail(`${tree.badLeaves} leaves do not hash their entry`)
    if (tree.gapAt !== null) fail(`the leaves have a gap at ${tree.gapAt}`)
    if (tree.nodesRoot !== tree.leavesRoot) fail(`the stored subtrees give root ${tree.nodesRoot}, the leaves ${tree.leavesRoot}`)
    if (tree.checkpoint && (tree.checkpoint.leavesRoot !== tree.checkpoint.root || !tree.checkpoint.noteMatches)) fail(`checkpoint ${tree.checkpoint.size} is not the root of its leaves`)
  } finally {
    await kysely.destroy()
  }
}

/**
 * After a restart: everything `checkFile` checks, the newest checkpoint covering the whole tree and
 * consistent with every earlier one (none rewritten), acknowledged rows unchanged, and the full
 * download the leaves in order.
 */
async function checkRunning(
  databaseFile: string,
  baseURL: string,
  acknowledged: Map<number, Acknowledged>,
  keys: Map<string, number>,
  seen: Map<number, string>,
  figures: CrashFigures,
  fail: (what: string) => void,
): Promise<void> {
  await checkFile(databaseFile, acknowledged, fail)
  const db = createDb(databaseFile)
  try {
    await db.transaction().execute(async (trx) => {
      const tree = await readTreeFacts(trx)
      if (!tree.checkpoint || tree.checkpoint.size !== tree.leaves) fail(`after the restart the newest checkpoint covers ${tree.checkpoint?.size ?? 'nothing'} of ${tree.leaves} leaves`)
      const rows = await trx.selectFrom('ledger_checkpoints').select(['size', 'root_hash']).orderBy('size').execute()
      const latest = rows.at(-1)
      for (const row of rows) {
        const hex = Buffer.from(row.root_hash).toString('hex')
        const before = seen.get(row.size)
        if (before !== undefined) {
          if (before !== hex) fail(`checkpoint ${row.size} was rewritten`)
          continue
        }
        if (row.size > 0 && Buffer.from(await rootAt(trx, row.size)).toString('hex') !== hex) fail(`checkpoint ${row.size}'s root is not the tree's root at that size`)
        if (latest && row.size > 0 && !verifyConsistency(row.size, latest.size, row.root_hash, latest.root_hash, await consistencyProofBetween(trx, row.size, latest.size))) fail(`checkpoint ${row.size} is not consistent with the newest, ${latest.size}`)
        seen.set(row.size, hex)
      }
      for (const size of seen.keys()) if (!rows.some((r) => r.size === size)) fail(`checkpoint ${size} is gone`)
      const entries = await trx.selectFrom('ledger_entries').select(['id', 'idempotency_key']).where('id', 'in', [0, ...keys.values()]).execute()
      const byId = new Map(entries.map((e) => [e.id, e.idempotency_key]))
      for (const [key, id] of keys) if (byId.get(id) !== key) fail(`acknowledged entry ${id} for key ${key} is gone`)
      const leaves = await trx.selectFrom('ledger_leaves').select(['entry_json', 'leaf_hash']).orderBy('seq').execute()
      const response = await fetch(`${baseURL}/downloads/ledger/full.ndjson`)
      const lines = (await response.text()).split('\n').filter(Boolean)
      if (!response.ok || lines.length < (latest?.size ?? 0)) fail(`the full download answered ${response.status} with ${lines.length} lines for checkpoint ${latest?.size}`)
      const wrong = lines.findIndex((line, i) => !leaves[i] || line !== exportLine(leaves[i]!.entry_json, leaves[i]!.leaf_hash))
      if (wrong !== -1) fail(`line ${wrong + 1} of the full download is not leaf ${wrong + 1}`)
      figures.fullDownloadsChecked++
    })
  } finally {
    await db.destroy()
  }
}

async function runToEnd(command: string, args: string[], env: Record<string, string>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))))
  })
}
