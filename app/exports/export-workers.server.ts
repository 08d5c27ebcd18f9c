import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { env } from '../env.server'
import type { NoteSigner } from '../domain/signed-note'
import type { LedgerFilters } from '../models/ledger-filters'
import type { PublishedCheckpoint } from '../models/ledger-tree.server'
import type { ExportHeading, LedgerFormat } from './ledger-formats'
import type { Consistency } from './open-tables'

/** What to export; `gzip`: the worker compresses what it sends. */
export type ExportJob = { databaseUrl: string; gzip: boolean } & (
  | { kind: 'ledger'; format: LedgerFormat; filters: LedgerFilters; upToSeq: number; heading: ExportHeading }
  | { kind: 'table'; table: string; format: 'csv' | 'json'; bom: boolean; at: Consistency }
  // The zipped data package; `descriptor` is its datapackage.json, made on the main thread where
  // the column descriptions are.
  | { kind: 'data-package'; descriptor: string; at: Consistency }
  // The auditor's signed bundle; the signer's key object is copied to the worker with the job.
  | { kind: 'auditor-bundle'; checkpoint: PublishedCheckpoint; madeBy: { id: number; name: string }; madeAt: string; signer: NoteSigner }
)

export type ToWorker = { type: 'job'; job: ExportJob } | { type: 'credit'; pieces: number } | { type: 'cancel' }
type FromWorker = Uint8Array | { type: 'done' } | { type: 'failed'; message: string }

// In production the worker is the bundle `npm run build` makes; elsewhere (development, tests) it
// is the source, run through tsx, so that it is never stale.
const BUNDLED = join(process.cwd(), 'build', 'export-worker.mjs')
const WORKER = env.NODE_ENV === 'production' && existsSync(BUNDLED) ? BUNDLED : join(process.cwd(), 'app', 'exports', 'export-worker.mjs')
const IN_FLIGHT = 4
// A small heap: a job holds a batch of rows and a few pieces of text, never the export. (16 MB
// was too tight: the data package's ledger table, 2,000 rows a batch, ran out of it.)
const LIMITS = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 }

/**
 * Export workers: one is kept, warm, between downloads; a download that finds it busy gets a
 * worker of its own, which stops when the download ends.
 */
const idle: Worker[] = []

function acquire(): Worker {
  return idle.pop() ?? new Worker(WORKER, { resourceLimits: LIMITS })
}

function release(worker: Worker, healthy: boolean): void {
  if (healthy && idle.length === 0) {
    worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit')
    // An idle worker must not keep the process alive on its own.
    worker.unref()
    idle.push(worker)
  } else void worker.terminate()
}

/**
 * A download's bytes, produced in a worker thread a piece at a time: at most a few pieces are in
 * flight, so memory stays flat however slowly the reader takes them, and the main thread stays
 * free for other requests.
 */
export async function* exportFromWorker(job: ExportJob): AsyncGenerator<Uint8Array> {
  const worker = acquire()
  worker.ref()
  const arrived: FromWorker[] = []
  let failure: Error | null = null
  let finished = false
  let wake: (() => void) | null = null
  const notify = () => {
    wake?.()
    wake = null
  }
  worker.on('message', (message: FromWorker) => {
    arrived.push(message)
    notify()
  })
  worker.on('error', (error) => {
    failure = error
    notify()
  })
  worker.on('exit', (code) => {
    failure ??= new Error(`the export worker stopped with code ${code}`)
    notify()
  })
  const post = (message: ToWorker) => worker.postMessage(message)
  post({ type: 'job', job })
  post({ type: 'credit', pieces: IN_FLIGHT })
  try {
    for (;;) {
      while (arrived.length === 0 && failure === null) await new Promise<void>((resolve) => (wake = resolve))
      const next = arrived.shift()
      if (next === undefined) throw failure
      if (next instanceof Uint8Array) {
        yield next
        post({ type: 'credit', pieces: 1 })
      } else if (next.type === 'done') {
        finished = true
        return
      } else throw new Error(`the export failed: ${next.message}`)
    }
  } finally {
    if (!finished && failure === null) {
      // The reader went away: stop the job and wait for it to say so before reusing the worker.
      post({ type: 'cancel' })
      while (failure === null && !arrived.some((m) => !(m instanceof Uint8Array))) await new Promise<void>((resolve) => (wake = resolve))
      finished = arrived.some((m) => !(m instanceof Uint8Array) && m.type === 'done')
    }
    release(worker, finished && failure === null)
  }
}
