/**
 * The export worker (started by export-worker.mjs; see export-workers.server.ts). better-sqlite3
 * reads block their thread, and formatting a million rows is CPU work: done on the main thread
 * they would hold up every other request. The worker takes one job at a time, opens the database
 * for it, and sends the text on in pieces of about 64 KB, one more each time the main thread says
 * it has taken one, so that at most a few pieces are ever in flight. When the reader takes gzip the
 * worker compresses too: the main thread then handles a sixth of the bytes and no compression work.
 */
import { readlinkSync } from 'node:fs'
import { getPriority, setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { sql } from 'kysely'
import { createDb, isSqlite } from '../../db/client'
import { filteredEntries } from '../models/ledger-export.server'
import { OPEN_TABLES } from '../models/open-data.server'
import { ledgerText } from './ledger-formats'
import { auditorBundle } from './auditor-bundle.server'
import { GzipOnThisThread } from './gzip-on-this-thread'
import { dataPackageZip, tableText } from './open-tables'
import type { ExportJob, ToWorker } from './export-workers.server'

const port = parentPort!
lowerThisThreadsPriority()
let credit = 0
let cancelled = false
let wake: (() => void) | null = null
const jobs: ExportJob[] = []
/** Pieces made ahead, at most, while the reader is behind. */
const MADE_AHEAD = 4

port.on('message', (message: ToWorker) => {
  if (message.type === 'credit') {
    credit += message.pieces
    pump()
  } else if (message.type === 'cancel') cancelled = true
  else {
    jobs.push(message.job)
    if (jobs.length === 1) void runJobs()
  }
  wake?.()
})

/**
 * Pieces of 64 KB waiting for the main thread to have room. Each is filled in place — text is
 * encoded straight into it, compressed output copied in — and then handed over whole, so that
 * the main thread handles a few large messages rather than many small ones.
 */
const PIECE_BYTES = 64 * 1024
let out: Array<Uint8Array<ArrayBuffer>> = []
let filling = new Uint8Array(PIECE_BYTES)
let filled = 0
let gzip: GzipOnThisThread | null = null
const encoder = new TextEncoder()

function pump(): void {
  while (credit > 0 && out.length > 0 && !cancelled) {
    credit -= 1
    const bytes = out.shift()!
    port.postMessage(bytes, [bytes.buffer])
  }
}

/** Queues the piece being filled, if it holds anything, and starts a new one. */
function closePiece(): void {
  if (filled === 0) return
  out.push(filling.subarray(0, filled))
  filling = new Uint8Array(PIECE_BYTES)
  filled = 0
}

function queueBytes(bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) {
    const taken = Math.min(bytes.length - at, PIECE_BYTES - filled)
    filling.set(bytes.subarray(at, at + taken), filled)
    filled += taken
    at += taken
    if (filled === PIECE_BYTES) closePiece()
  }
}

function queueText(text: string): void {
  for (let rest = text; rest.length > 0; ) {
    const { read, written } = encoder.encodeInto(rest, filling.subarray(filled))
    filled += written
    rest = rest.slice(read)
    // encodeInto stops short only when the next character does not fit.
    if (rest.length > 0) closePiece()
  }
}

/** Text for the compressor, encoded into one buffer used over and over. */
const gzipInput = new Uint8Array(PIECE_BYTES)

function compress(piece: string | Uint8Array): void {
  if (typeof piece !== 'string') {
    for (const part of gzip!.push(piece)) queueBytes(part)
    return
  }
  for (let rest = piece; rest.length > 0; ) {
    const { read, written } = encoder.encodeInto(rest, gzipInput)
    rest = rest.slice(read)
    for (const part of gzip!.push(gzipInput.subarray(0, written))) queueBytes(part)
  }
}

/** Queues a piece of the export for the reader; waits while the reader is behind. False once cancelled. */
async function send(piece: string | Uint8Array): Promise<boolean> {
  if (gzip) compress(piece)
  else if (typeof piece === 'string') queueText(piece)
  else queueBytes(piece)
  pump()
  while (out.length >= MADE_AHEAD && !cancelled) {
    await new Promise<void>((resolve) => (wake = resolve))
    pump()
  }
  return !cancelled
}

/** Sends whatever is left: the end of the gzip stream, then the queue. */
async function finish(): Promise<void> {
  if (gzip) for (const part of gzip.end()) queueBytes(part)
  closePiece()
  pump()
  while (out.length > 0 && !cancelled) {
    await new Promise<void>((resolve) => (wake = resolve))
    pump()
  }
}

/** The export's text, or (for a zip) its bytes. */
function piecesOf(job: ExportJob, db: ReturnType<typeof createDb>): AsyncIterable<string | Uint8Array> {
  if (job.kind === 'ledger') return ledgerText(job.format, job.heading, filteredEntries(db, job.filters, job.upToSeq))
  if (job.kind === 'data-package') return chunksOf(dataPackageZip(OPEN_TABLES, job.descriptor, (table) => tableText(db, table, 'csv', job.at, { bom: false })))
  if (job.kind === 'auditor-bundle') {
    // Buffers arrive from the main thread as plain Uint8Arrays.
    const signer = { ...job.signer, keyId: Buffer.from(job.signer.keyId), publicKey: Buffer.from(job.signer.publicKey) }
    return chunksOf(auditorBundle(db, signer, job.checkpoint, job.madeBy, new Date(job.madeAt)))
  }
  const table = OPEN_TABLES.find((t) => t.name === job.table)
  if (!table) throw new Error(`no table ${job.table}`)
  return tableText(db, table, job.format, job.at, { bom: job.bom })
}

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value
  } finally {
    // Stops the producer when the job is cancelled part-way; harmless once it has ended.
    await reader.cancel()
  }
}

async function runJobs(): Promise<void> {
  while (jobs.length > 0) {
    const job = jobs[0]!
    credit = 0
    cancelled = false
    out = []
    filled = 0
    gzip = job.gzip ? new GzipOnThisThread() : null
    // One export reads through one connection (a PostgreSQL cursor, or better-sqlite3's iterator).
    const db = createDb(job.databaseUrl, { poolSize: 1 })
    // better-sqlite3 builds SQLite with a 16 MB page cache per connection. An export reads each
    // page once, in order, so a small cache reads as fast and keeps the worker's memory flat.
    if (isSqlite(db)) await sql`pragma cache_size = -2048`.execute(db)
    let outcome: { type: 'done' } | { type: 'failed'; message: string } = { type: 'done' }
    try {
      // Text is gathered to 64K characters first: each call of the compressor has a set-up cost.
      let pending = ''
      const sendPending = async () => {
        const text = pending
        pending = ''
        return text === '' || send(text)
      }
      for await (const piece of piecesOf(job, db)) {
        if (typeof piece !== 'string') {
          if (!(await sendPending()) || !(await send(piece))) break
        } else if ((pending += piece).length >= 64 * 1024 && !(await sendPending())) break
      }
      if (!cancelled && (await sendPending())) await finish()
    } catch (error) {
      outcome = { type: 'failed', message: error instanceof Error ? error.message : String(error) }
    } finally {
      await db.destroy()
      jobs.shift()
    }
    // Said only once the job is cleared away: the main thread may hand this worker a new job at once.
    port.postMessage(outcome)
  }
}

/**
 * An export is background work: page requests should win the CPU. Linux keeps a nice value per
 * thread, so this thread (found through /proc/thread-self) can yield to the main thread. Elsewhere
 * the worker keeps the process's priority.
 */
function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop())
    setPriority(threadId, Math.min(19, getPriority(threadId) + 10))
  } catch {
    // Not Linux, or not allowed: nothing to do.
  }
}

