/**
 * The export worker (started by export-worker.mjs; see worker-text.server.ts). better-sqlite3
 * reads block their thread, and formatting a million rows is CPU work: done on the main thread
 * they would hold up every other request. The worker takes one job at a time, opens the database
 * for it, and sends the text on in pieces of about 64 KB, one more each time the main thread says
 * it has taken one, so that at most a few pieces are ever in flight.
 */
import { parentPort } from 'node:worker_threads'
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
  if (message.type === 'credit') credit += message.pieces
  else if (message.type === 'cancel') cancelled = true
  else {
    jobs.push(message.job)
    if (jobs.length === 1) void runJobs()
  }
  wake?.()
})

async function send(text: string): Promise<boolean> {
  while (credit === 0 && !cancelled) await new Promise<void>((resolve) => (wake = resolve))
  if (cancelled) return false
  credit -= 1
  const bytes = new TextEncoder().encode(text)
  port.postMessage(bytes, [bytes.buffer])
  return true
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
    const db = createDb(job.databaseUrl)
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
      port.postMessage({ type: 'done' })
    } catch (error) {
      port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
    } finally {
      await db.destroy()
      jobs.shift()
    }
  }
}
