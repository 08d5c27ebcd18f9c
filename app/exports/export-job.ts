/**
 * The export worker (started by export-worker.mjs; see worker-text.server.ts). better-sqlite3
 * reads block their thread, and formatting a million rows is CPU work: done on the main thread
 * they would hold up every other request. The worker takes one job at a time, opens the database
 * for it, and sends the text on in pieces of about 64 KB, one more each time the main thread says
 * it has taken one, so that at most a few pieces are ever in flight. When the reader takes gzip the
 * worker compresses too: the main thread then handles a sixth of the bytes and no compression work.
 */
import { parentPort } from 'node:worker_threads'
import { createGzip, type Gzip } from 'node:zlib'
import { createDb } from '../../db/client'
import { filteredEntries } from '../models/ledger-export.server'
import { OPEN_TABLES } from '../models/open-data.server'
import { ledgerText } from './ledger-formats'
import { tableText } from './open-tables'
import type { ExportJob, ToWorker } from './worker-text.server'

const port = parentPort!
let credit = 0
let cancelled = false
let wake: (() => void) | null = null
const jobs: ExportJob[] = []

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

/** Compressed (or encoded) pieces waiting for the main thread to have room. */
let out: Array<Uint8Array<ArrayBuffer>> = []
let gzip: Gzip | null = null

function pump(): void {
  while (credit > 0 && out.length > 0 && !cancelled) {
    credit -= 1
    const bytes = out.shift()!
    port.postMessage(bytes, [bytes.buffer])
  }
}

/** Queues a piece of text for the reader; waits while the reader is behind. False once cancelled. */
async function send(text: string): Promise<boolean> {
  if (gzip) {
    if (!gzip.write(text)) await new Promise((resolve) => gzip!.once('drain', resolve))
  } else out.push(new TextEncoder().encode(text))
  pump()
  while (out.length >= 4 && !cancelled) {
    await new Promise<void>((resolve) => (wake = resolve))
    pump()
  }
  return !cancelled
}

/** Sends whatever is left: the end of the gzip stream, then the queue. */
async function finish(): Promise<void> {
  if (gzip) {
    const ended = new Promise((resolve) => gzip!.once('end', resolve))
    gzip.end()
    await ended
  }
  pump()
  while (out.length > 0 && !cancelled) {
    await new Promise<void>((resolve) => (wake = resolve))
    pump()
  }
}

function textOf(job: ExportJob, db: ReturnType<typeof createDb>): AsyncGenerator<string> {
  if (job.kind === 'ledger') return ledgerText(job.format, job.heading, filteredEntries(db, job.filters, job.upToSeq))
  const table = OPEN_TABLES.find((t) => t.name === job.table)
  if (!table) throw new Error(`no table ${job.table}`)
  return tableText(db, table, job.format, job.at, { bom: job.bom })
}

async function runJobs(): Promise<void> {
  while (jobs.length > 0) {
    const job = jobs[0]!
    credit = 0
    cancelled = false
    out = []
    gzip = job.gzip ? createGzip() : null
    gzip?.on('data', (chunk: Buffer) => {
      // A copy of its own, so that it can be handed over to the main thread.
      out.push(new Uint8Array(chunk))
      pump()
    })
    const db = createDb(job.databaseUrl)
    let outcome: { type: 'done' } | { type: 'failed'; message: string } = { type: 'done' }
    try {
      let pending = ''
      for await (const piece of textOf(job, db)) {
        pending += piece
        if (pending.length >= 64 * 1024) {
          if (!(await send(pending))) break
          pending = ''
        }
      }
      if (!cancelled && pending) await send(pending)
      if (!cancelled) await finish()
    } catch (error) {
      outcome = { type: 'failed', message: error instanceof Error ? error.message : String(error) }
    } finally {
      gzip?.destroy()
      await db.destroy()
      jobs.shift()
    }
    // Said only once the job is cleared away: the main thread may hand this worker a new job at once.
    port.postMessage(outcome)
  }
}
