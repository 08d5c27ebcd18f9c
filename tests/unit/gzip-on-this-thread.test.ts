import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { GzipOnThisThread } from '../../app/exports/gzip-on-this-thread'

/** Compresses `data` in pieces of the given sizes, through one scratch buffer overwritten each time. */
function gzipInPieces(data: Uint8Array, sizes: number[]): Buffer {
  const gzip = new GzipOnThisThread()
  const scratch = new Uint8Array(Math.max(1, ...sizes))
  const parts: Uint8Array[] = []
  let at = 0
  for (let i = 0; at < data.length; i++) {
    const size = Math.min(sizes[i % sizes.length]!, data.length - at)
    scratch.set(data.subarray(at, at + size))
    // Copies: the pieces must not depend on the scratch buffer, which is overwritten next.
    parts.push(...gzip.push(scratch.subarray(0, size)).map((part) => Uint8Array.from(part)))
    scratch.fill(0xaa)
    at += size
  }
  return Buffer.concat([...parts, ...gzip.end()])
}

test('pieces compressed one by one make one gzip stream that gunzips to exactly the input', () => {
  // Text-like input repeats itself, so matches reach back across pieces (through the dictionary).
  const textLike = fc.array(fc.constantFrom('ledger,', 'حساب ', '😀', '0123456789', '\r\n', 'x'), { maxLength: 3000 }).map((words) => new TextEncoder().encode(words.join('')))
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 100_000 }), textLike), fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 5 }), (data, sizes) => {
      expect(gunzipSync(gzipInPieces(data, sizes)).equals(Buffer.from(data))).toBe(true)
    }),
    { numRuns: 60 },
  )
})

test('an empty stream is a valid gzip of nothing, and long text compresses as one stream would', () => {
  expect(gunzipSync(Buffer.concat(new GzipOnThisThread().end()))).toHaveLength(0)
  const text = new TextEncoder().encode(Array.from({ length: 20_000 }, (_, i) => `${i},disbursement,حساب,${i % 97}\r\n`).join(''))
  const zipped = gzipInPieces(text, [64 * 1024])
  expect(gunzipSync(zipped).equals(Buffer.from(text))).toBe(true)
  // Without the dictionary each 64 KB piece would start cold; with it the stream stays small.
  expect(zipped.length).toBeLessThan(text.length / 4)
})
