import { constants, crc32, deflateRawSync } from 'node:zlib'

// RFC 1952: magic, deflate, no flags, no time, no extra flags, unknown OS.
const HEADER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff)
// An empty final block with fixed codes: what a deflate stream ends with after a flush.
const LAST_BLOCK = Uint8Array.of(0x03, 0x00)
const WINDOW = 32 * 1024

/**
 * One gzip stream, compressed a piece at a time on the calling thread. Node's zlib streams run in
 * the libuv thread pool, where an export's compression would compete with page requests at full
 * priority; the export worker runs at a lower one (see export-job.ts), and compresses here.
 *
 * Each piece is raw deflate ending in a sync flush, so the pieces join into one deflate stream;
 * the previous 32 KB are given as the dictionary, so matches reach back across pieces as they
 * would in one zlib stream.
 */
export class GzipOnThisThread {
  private crc = 0
  private size = 0
  private window: Uint8Array = new Uint8Array(0)
  private started = false

  /** The compressed bytes for `data` (which may be reused once this returns). */
  push(data: Uint8Array): Uint8Array[] {
    const parts: Uint8Array[] = []
    if (!this.started) {
      parts.push(HEADER)
      this.started = true
    }
    if (data.length === 0) return parts
    this.crc = crc32(data, this.crc)
    this.size = (this.size + data.length) >>> 0
    parts.push(deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, ...(this.window.length > 0 ? { dictionary: this.window } : {}) }))
    this.window = lastBytes(this.window, data, WINDOW)
    return parts
  }

  /** The end of the stream: the last block, then the CRC-32 and the length (mod 2^32). */
  end(): Uint8Array[] {
    const trailer = Buffer.alloc(8)
    trailer.writeUInt32LE(this.crc >>> 0, 0)
    trailer.writeUInt32LE(this.size, 4)
    return [...this.push(new Uint8Array(0)), LAST_BLOCK, trailer]
  }
}

/** The last `n` bytes of `before` followed by `data`, in a buffer of their own. */
function lastBytes(before: Uint8Array, data: Uint8Array, n: number): Uint8Array {
  if (data.length >= n) return data.slice(data.length - n)
  const keep = Math.min(before.length, n - data.length)
  const joined = new Uint8Array(keep + data.length)
  joined.set(before.subarray(before.length - keep), 0)
  joined.set(data, keep)
  return joined
}
