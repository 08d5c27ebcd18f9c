// pg-cursor ships no types (and @types/pg-cursor is not a dependency); this covers what db/client.ts uses.
declare module 'pg-cursor' {
  import { EventEmitter } from 'node:events'
  export default class Cursor<T = unknown> extends EventEmitter {
    constructor(text: string, values?: unknown[], config?: { rowMode?: 'array'; types?: unknown })
    state: string
    _cb: ((error: unknown, rows?: T[]) => void) | null
    _rows: T[]
    handleDataRow(message: unknown): void
    _sendRows(): void
    read(rowCount: number): Promise<T[]>
    close(): Promise<void>
  }
}
