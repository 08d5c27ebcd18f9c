import { sql, type Kysely } from 'kysely'
import { analyzeAfterBulkLoad, createDb, isSqlite, migrateToLatest, type Database } from '../../db/client'
import { MIGRATIONS } from '../../db/migrations'
import { APP_TABLES, type TableInfo } from '../../db/schema/tables'
import { compareFacts, type Check, type DatabaseFacts, type TableFacts, type TreeFacts } from '../domain/database-facts'
import { leafHash, RootBuilder } from '../domain/merkle'
import { TableDigest } from '../domain/row-digest'
import { parseCheckpoint } from '../domain/signed-note'
import { latestCheckpoint, rootAt } from './ledger-tree.server'
import { keptTotalsDrift } from './ledger-totals.server'

/**
 * Moves a portal from one database to another — SQLite to PostgreSQL and back — and proves the
 * copy (`npm run db:copy`). The source is read in one snapshot, so the portal may keep writing to
 * it meanwhile; the target is written in one transaction that commits only once its rows, row
 * checksums and ledger tree have been compared with the source's and found equal.
 */

export class CopyRefusedError extends Error {
  override name = 'CopyRefusedError'
}

export interface CopyResult {
  /** True when the copy was proven and committed; false when it was rolled back. */
  ok: boolean
  checks: Check[]
}

/** Rows per INSERT: few enough bound values for either engine (SQLite allows 32,766). */
const ROWS_PER_INSERT = 500
const ROWS_PER_READ = 1000

/**
 * Copies every app table of `source` into `target`, which must hold no rows of its own (what the
 * migrations themselves write, such as the revenue-stream list, aside). The target is migrated
 * first with the same migrations; derived tables (a full-text index) fill themselves through the
 * target's own triggers as rows arrive.
 */
export async function copyDatabase(source: Database, target: Database, options: { progress?: (line: string) => void | Promise<void> } = {}): Promise<CopyResult> {
  await assertEmpty(target)
  await migrateToLatest(target)
  return inSnapshot(source, async (from) => {
    const migrations = await appliedMigrations(from)
    assertSameMigrations(migrations)
    const idCounters = await readIdCounters(from)
    try {
      const result = await target.transaction().execute(async (to) => {
        await assertEmpty(to)
        await removeMigrationRows(to)
        const tables: TableFacts[] = []
        for (const table of APP_TABLES) {
          const copied = await copyTable(from, to, table)
          await options.progress?.(`copied ${copied.table}: ${copied.rows} rows`)
          tables.push(copied)
        }
        await advanceIdCounters(to, idCounters)
        const checks = [...compareFacts({ migrations, tables, tree: await readTreeFacts(from), idCounters }, await readFacts(to)), await keptTotalsCheck(from, to)]
        if (!checks.every((c) => c.ok)) throw new CopyMismatch(checks)
        return { ok: true, checks }
      })
      await analyzeAfterBulkLoad(target)
      return result
    } catch (error) {
      if (error instanceof CopyMismatch) return { ok: false, checks: error.checks }
      throw error
    }
  })
}

/** ledger_totals is not copied (it is derived): the target's triggers must have rebuilt it to the sums of its entries. */
async function keptTotalsCheck(from: Database, to: Database): Promise<Check> {
  const drift = async (db: Database) => {
    const rows = await keptTotalsDrift(db)
    return rows === 0 ? 'equal' : `${rows} rows differ`
  }
  const [source, target] = [await drift(from), await drift(to)]
  return { what: 'ledger_totals = sums of the approved entries', source, target, ok: target === 'equal' }
}

class CopyMismatch extends Error {
  constructor(readonly checks: Check[]) {
    super('the copy differs from its source')
  }
}

/** Compares two databases as they stand, each read in one snapshot: the proof `copyDatabase` runs, on its own. */
export async function compareDatabases(source: Database, target: Database): Promise<Check[]> {
  const sourceFacts = await inSnapshot(source, readFacts)
  const targetFacts = await inSnapshot(target, readFacts)
  return compareFacts(sourceFacts, targetFacts)
}

/** One consistent view: SQLite's read transaction (WAL: writers go on), PostgreSQL's REPEATABLE READ READ ONLY. */
function inSnapshot<T>(db: Database, read: (db: Database) => Promise<T>): Promise<T> {
  if (isSqlite(db)) return db.transaction().execute(read)
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read)
}

export async function readFacts(db: Database): Promise<DatabaseFacts> {
  const tables: TableFacts[] = []
  for (const table of APP_TABLES) {
    const digest = new TableDigest(table.name)
    for await (const row of orderedRows(db, table)) digest.add(row)
    tables.push({ table: table.name, rows: digest.rows, sha256: digest.hex() })
  }
  return { migrations: await appliedMigrations(db), tables, tree: await readTreeFacts(db), idCounters: await readIdCounters(db) }
}

/** A table's rows in primary-key order, text keys by their bytes on both engines (PostgreSQL's "C" collation is SQLite's BINARY). */
function orderedRows(db: Database, table: TableInfo): AsyncIterableIterator<Record<string, unknown>> {
  const collated = !isSqlite(db)
  let query = (db as unknown as Kysely<any>).selectFrom(table.name).selectAll()
  for (const { column, text } of table.key) query = query.orderBy(text && collated ? sql`${sql.ref(column)} collate "C"` : sql.ref(column))
  return query.stream(ROWS_PER_READ)
}

async function copyTable(from: Database, to: Database, table: TableInfo): Promise<TableFacts> {
  const digest = new TableDigest(table.name)
  const insert = async (rows: Array<Record<string, unknown>>) => {
    const perInsert = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(16_000 / Object.keys(rows[0] ?? { x: 0 }).length)))
    for (let i = 0; i < rows.length; i += perInsert) await (to as unknown as Kysely<any>).insertInto(table.name).values(rows.slice(i, i + perInsert)).execute()
  }
  // A row that references a row of its own table later in key order (a revenue stream's parent
  // code sorts after its children's) waits until that row is in: PostgreSQL checks foreign keys
  // at each statement's end.
  const self = 'selfReference' in table ? table.selfReference : undefined
  const key = table.key[0]!
  const waiting = new Map<unknown, Record<string, unknown>>()
  let batch: Array<Record<string, unknown>> = []
  for await (const row of orderedRows(from, table)) {
    digest.add(row)
    const parent = self === undefined ? null : row[self]
    if (parent !== null && parent !== undefined && (waiting.has(parent) || compareKeys(parent, row[key.column]) > 0)) {
      waiting.set(row[key.column], row)
      continue
    }
    batch.push(row)
    if (batch.length >= ROWS_PER_INSERT) {
      await insert(batch)
      batch = []
    }
  }
  await insert(batch)
  while (waiting.size > 0) {
    const ready = [...waiting.values()].filter((row) => !waiting.has(row[self!]))
    // Nothing ready is a cycle or a missing parent, which the source could not hold: let the target say which.
    const next = ready.length > 0 ? ready : [...waiting.values()]
    await insert(next)
    for (const row of next) waiting.delete(row[key.column])
  }
  return { table: table.name, rows: digest.rows, sha256: digest.hex() }
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
  return Number(a) - Number(b)
}

/**
 * Refuses a target holding any row of an app table, except rows exactly as a fresh migration
 * leaves them (reference data). Checked before migrating, so a refused target is left as it was.
 */
async function assertEmpty(db: Database): Promise<void> {
  const present = new Set((await db.introspection.getTables()).map((t) => t.name))
  const baseline = await migrationBaseline()
  const occupied: string[] = []
  for (const table of APP_TABLES) {
    if (!present.has(table.name)) continue
    const { n } = await (db as unknown as Kysely<any>).selectFrom(table.name).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const rows = Number(n)
    if (rows === 0) continue
    const fresh = baseline.get(table.name)
    if (fresh && fresh.rows === rows) {
      const digest = new TableDigest(table.name)
      for await (const row of orderedRows(db, table)) digest.add(row)
      if (digest.hex() === fresh.sha256) continue
    }
    occupied.push(`${table.name} ${rows}`)
  }
  if (occupied.length > 0) throw new CopyRefusedError(`the target is not empty (rows in ${occupied.join(', ')}); db:copy fills only an empty database: create a new one, or name a new file`)
}

let baselineFacts: Promise<Map<string, TableFacts>> | undefined

/** The rows the migrations themselves write, read from a freshly migrated in-memory database. */
function migrationBaseline(): Promise<Map<string, TableFacts>> {
  baselineFacts ??= (async () => {
    const fresh = createDb(':memory:')
    try {
      await migrateToLatest(fresh)
      const facts = new Map<string, TableFacts>()
      for (const table of APP_TABLES) {
        const digest = new TableDigest(table.name)
        for await (const row of orderedRows(fresh, table)) digest.add(row)
        if (digest.rows > 0) facts.set(table.name, { table: table.name, rows: digest.rows, sha256: digest.hex() })
      }
      return facts
    } finally {
      await fresh.destroy()
    }
  })()
  return baselineFacts
}

/** Clears what the target's migrations wrote (checked to be only that), so the source's own rows go in instead. */
async function removeMigrationRows(db: Database): Promise<void> {
  const baseline = await migrationBaseline()
  for (const table of [...APP_TABLES].reverse()) {
    if (baseline.has(table.name)) await (db as unknown as Kysely<any>).deleteFrom(table.name).execute()
  }
}

async function appliedMigrations(db: Database): Promise<string[]> {
  try {
    const rows = await (db as unknown as Kysely<any>).selectFrom('kysely_migration').select('name').orderBy('name').execute()
    return rows.map((r) => String(r.name))
  } catch (error) {
    throw new CopyRefusedError(`the source is not a Hisaab database: it has no migration records (${error instanceof Error ? error.message : String(error)})`)
  }
}

function assertSameMigrations(applied: string[]): void {
  const known = Object.keys(MIGRATIONS).sort()
  const missing = known.filter((m) => !applied.includes(m))
  const unknown = applied.filter((m) => !known.includes(m))
  if (unknown.length > 0) throw new CopyRefusedError(`the source was migrated by a newer Hisaab (${unknown.join(', ')}); run db:copy from that version`)
  if (missing.length > 0) throw new CopyRefusedError(`the source lacks migrations ${missing.join(', ')}; start the portal on it or run npm run db:migrate first`)
}

/** Tables whose key is a generated id: AUTOINCREMENT in SQLite, serial in PostgreSQL. */
const GENERATED_IDS = APP_TABLES.filter((t) => t.key.length === 1 && t.key[0].column === 'id' && !t.key[0].text).map((t) => t.name)

/** The last id each table handed out — past the largest one left, when rows were deleted — so that no id is ever handed out twice. */
async function readIdCounters(db: Database): Promise<Record<string, number>> {
  const counters: Record<string, number> = Object.fromEntries(GENERATED_IDS.map((t) => [t, 0]))
  if (isSqlite(db)) {
    const { rows } = await sql<{ name: string; seq: number }>`select name, seq from sqlite_sequence`.execute(db)
    for (const { name, seq } of rows) if (name in counters) counters[name] = Number(seq)
    return counters
  }
  for (const table of GENERATED_IDS) {
    const sequence = await serialSequence(db, table)
    const { rows } = await sql<{ last_value: number; is_called: boolean }>`select last_value, is_called from ${sql.raw(sequence)}`.execute(db)
    counters[table] = rows[0]!.is_called ? Number(rows[0]!.last_value) : Number(rows[0]!.last_value) - 1
  }
  return counters
}

async function serialSequence(db: Database, table: string): Promise<string> {
  const { rows } = await sql<{ sequence: string | null }>`select pg_get_serial_sequence(${table}, 'id') as sequence`.execute(db)
  if (!rows[0]?.sequence) throw new Error(`${table}.id has no sequence`)
  return rows[0].sequence
}

/** Sets each table's id counter past both the copied ids and the source's own counter. */
async function advanceIdCounters(db: Database, sourceCounters: Record<string, number>): Promise<void> {
  for (const table of GENERATED_IDS) {
    const { top } = await (db as unknown as Kysely<any>).selectFrom(table).select((eb) => eb.fn.max('id').as('top')).executeTakeFirstOrThrow()
    const last = Math.max(Number(top ?? 0), sourceCounters[table] ?? 0)
    if (isSqlite(db)) {
      // Inserting explicit ids already moved the counter to the largest; a deleted row's id may lie beyond.
      await sql`update sqlite_sequence set seq = ${last} where name = ${table} and seq < ${last}`.execute(db)
      if (last > 0) await sql`insert into sqlite_sequence (name, seq) select ${table}, ${last} where not exists (select 1 from sqlite_sequence where name = ${table})`.execute(db)
    } else {
      const sequence = await serialSequence(db, table)
      await sql`select setval(${sequence}::regclass, ${Math.max(last, 1)}, ${last > 0})`.execute(db)
    }
  }
}

/**
 * The ledger tree rebuilt from its leaves, beside what the stored subtrees and the latest
 * checkpoint say: the part of `readFacts` that the crash harness reads after every kill.
 */
export async function readTreeFacts(db: Database): Promise<TreeFacts> {
  const latest = await latestCheckpoint(db)
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
  const builder = new RootBuilder()
  let gapAt: number | null = null
  let badLeaves = 0
  let atCheckpoint: string | null = latest?.size === 0 ? hex(builder.root()) : null
  const leaves = db.selectFrom('ledger_leaves').select(['seq', 'entry_json', 'leaf_hash']).orderBy('seq').stream(ROWS_PER_READ)
  for await (const leaf of leaves) {
    if (gapAt === null && leaf.seq !== builder.size + 1) gapAt = builder.size + 1
    if (!Buffer.from(leafHash(Buffer.from(leaf.entry_json, 'utf8'))).equals(Buffer.from(leaf.leaf_hash))) badLeaves += 1
    builder.push(leaf.leaf_hash)
    if (builder.size === latest?.size) atCheckpoint = hex(builder.root())
  }
  let nodesRoot: string | null = null
  try {
    nodesRoot = hex(await rootAt(db, builder.size))
  } catch {
    // A missing subtree hash: reported as missing, which fails the comparison.
  }
  return {
    leaves: builder.size,
    gapAt,
    badLeaves,
    leavesRoot: hex(builder.root()),
    nodesRoot,
    checkpoint: latest ? { size: latest.size, root: hex(latest.rootHash), leavesRoot: atCheckpoint, noteMatches: noteNames(latest.note, latest.size, latest.rootHash) } : null,
  }
}

function noteNames(note: string, size: number, root: Uint8Array): boolean {
  try {
    const signed = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1))
    return signed.size === size && signed.root.equals(Buffer.from(root))
  } catch {
    return false
  }
}
