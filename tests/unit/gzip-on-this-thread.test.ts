import { randomBytes } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
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

test('an empty stream is a valid gzip of nothing, and matches reach back across pieces as in one zlib stream', () => {
  expect(gunzipSync(Buffer.concat(new GzipOnThisThread().end()))).toHaveLength(0)
  // A random 16 KB block, repeated: each 64 KB piece can only be small by referring to the piece
  // before it, through the dictionary. Without it this would be some eight times larger.
  const block = randomBytes(16 * 1024)
  const repeated = Buffer.concat(Array.from({ length: 40 }, () => block))
  const zipped = gzipInPieces(repeated, [64 * 1024])
  expect(gunzipSync(zipped).equals(repeated)).toBe(true)
  expect(zipped.length).toBeLessThan(gzipSync(repeated).length * 1.1)
})
