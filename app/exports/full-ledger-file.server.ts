import { existsSync } from 'node:fs'
import { mkdir, open, readFile, rename, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Database } from '../../db/client'
import { exportLine } from '../domain/published-entry'
import { entriesBySeq } from '../models/ledger-export.server'

/**
 * The whole ledger as verifiable NDJSON, kept as a file that only ever grows, like the ledger: a
 * download is a read of its first N lines' bytes, never a million-row query. A small state file,
 * written (atomically) after the appended lines are on disk, says how many entries and bytes are
 * complete; anything past that — a crash mid-append — is cut off and written again.
 */
export interface FullLedgerFile {
  path: string
  entries: number
  bytes: number
}

interface State {
  entries: number
  bytes: number
}

export class FullLedgerExport {
  private readonly path: string
  private readonly statePath: string
  private growing: Promise<FullLedgerFile> | null = null

  constructor(
    private readonly db: Database,
    dir: string,
  ) {
    this.path = join(dir, 'ledger.ndjson')
    this.statePath = join(dir, 'ledger.ndjson.state.json')
  }

  /**
   * The file grown to hold at least the first `size` entries. It may hold more, when another
   * request grew it to a later checkpoint meanwhile; `entries` says how many.
   */
  async upTo(size: number): Promise<FullLedgerFile> {
    // One grower at a time; a caller who needs more than it reached grows again.
    while (this.growing) {
      const current = await this.growing
      if (current.entries >= size) return current
    }
    this.growing = this.grow(size).finally(() => {
      this.growing = null
    })
    return this.growing
  }

  private async grow(size: number): Promise<FullLedgerFile> {
    await mkdir(join(this.path, '..'), { recursive: true })
    const state = await this.readState()
    const handle = await open(this.path, existsSync(this.path) ? 'r+' : 'w+')
    try {
      const { size: onDisk } = await handle.stat()
      if (onDisk !== state.bytes) await handle.truncate(state.bytes)
      let { entries, bytes } = state
      for await (const batch of entriesBySeq(this.db, entries, size)) {
        const chunk = Buffer.from(batch.map((e) => `${exportLine(e.entryJson, e.leafHash)}\n`).join(''), 'utf8')
        await handle.write(chunk, 0, chunk.length, bytes)
        bytes += chunk.length
        entries += batch.length
      }
      if (entries !== state.entries) {
        await handle.sync()
        const tmp = `${this.statePath}.tmp`
        await writeFile(tmp, JSON.stringify({ entries, bytes }))
        await rename(tmp, this.statePath)
      }
      return { path: this.path, entries, bytes }
    } finally {
      await handle.close()
    }
  }

  private async readState(): Promise<State> {
    try {
      const state = JSON.parse(await readFile(this.statePath, 'utf8')) as State
      if (Number.isSafeInteger(state.entries) && Number.isSafeInteger(state.bytes) && (await stat(this.path)).size >= state.bytes) return state
    } catch {
      // No state (or no file): start again from nothing.
    }
    if (existsSync(this.path)) await truncate(this.path, 0)
    return { entries: 0, bytes: 0 }
  }
}
