/**
 * RFC 9162 (RFC 6962) Merkle tree hashing and proofs, SHA-256.
 *
 *   leaf hash  = SHA-256(0x00 || data)
 *   node hash  = SHA-256(0x01 || left || right)
 *   empty tree = SHA-256("")
 *
 * Generators (`rootHash`, `inclusionProof`, `consistencyProof`) throw a RangeError when called with
 * arguments outside their domain. Verifiers (`verifyInclusion`, `verifyConsistency`) never throw:
 * every malformed input — wrong hash lengths, an index outside the tree, missing or extra proof
 * nodes, non-integer sizes — returns false.
 */
import * as crypto from 'node:crypto'

export const HASH_SIZE = 32

const sha256: (data: Uint8Array) => Uint8Array =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'buffer')
    : (data) => crypto.createHash('sha256').update(data).digest()

/** SHA-256 of the empty string: the root of the empty tree. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0))

const leafScratch = new Uint8Array(4096) // leafScratch[0] stays 0x00

/** SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Uint8Array {
  // Reuse a scratch buffer for small leaves (the usual case) to keep allocations low.
  if (data.length < leafScratch.length) {
    leafScratch.set(data, 1)
    return sha256(leafScratch.subarray(0, 1 + data.length))
  }
  const buf = new Uint8Array(1 + data.length)
  buf[0] = 0x00
  buf.set(data, 1)
  return sha256(buf)
}

// One scratch buffer for the common case of two 32-byte children: hashing allocates only the output.
const nodeScratch = new Uint8Array(1 + 2 * HASH_SIZE)
nodeScratch[0] = 0x01

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
    nodeScratch.set(left, 1)
    nodeScratch.set(right, 1 + HASH_SIZE)
    return sha256(nodeScratch)
  }
  const buf = new Uint8Array(1 + left.length + right.length)
  buf[0] = 0x01
  buf.set(left, 1)
  buf.set(right, 1 + left.length)
  return sha256(buf)
}

/** MTH of leafHashes[start, end), iteratively: a stack of perfect subtree roots, merged as leaves arrive. */
function subtreeRoot(leafHashes: readonly Uint8Array[], start: number, end: number): Uint8Array {
  if (end <= start) return EMPTY_ROOT
  const stack: Uint8Array[] = []
  for (let i = start; i < end; i++) {
    stack.push(leafHashes[i]!)
    // After appending the (count)th leaf, merge once per trailing zero bit of count.
    for (let count = i - start + 1; count % 2 === 0; count /= 2) {
      const right = stack.pop()!
      const left = stack.pop()!
      stack.push(nodeHash(left, right))
    }
  }
  // Fold the remaining perfect subtrees (largest on the left) from right to left.
  let root = stack.pop()!
  while (stack.length > 0) root = nodeHash(stack.pop()!, root)
  return root
}

/** Merkle Tree Hash (RFC 9162 §2.1.1) of a list of leaf hashes. */
export function rootHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  return subtreeRoot(leafHashes, 0, leafHashes.length)
}

/** Largest power of two strictly less than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

function isSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0
}

/** Leaves [start, end) of the tree, in order. */
export interface LeafRange {
  start: number
  end: number
}

/**
 * The subtrees whose roots make the audit path of leaf `index` in a tree of `size` leaves
 * (RFC 9162 §2.1.3.1), leaf-side first. Pure arithmetic, so a store of subtree hashes can answer it.
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!isSize(size) || !isSize(index) || index >= size) throw new RangeError(`leaf index ${index} is outside a tree of size ${size}`)
  const topDown: LeafRange[] = []
  let start = 0
  let end = size
  let m = index
  while (end - start > 1) {
    const k = splitPoint(end - start)
    if (m < k) {
      topDown.push({ start: start + k, end })
      end = start + k
    } else {
      topDown.push({ start, end: start + k })
      start += k
      m -= k
    }
  }
  return topDown.reverse()
}

/**
 * The subtrees whose roots make the consistency proof from the first `oldSize` leaves to a tree of
 * `size` leaves (RFC 9162 §2.1.4.1, SUBPROOF unrolled). Equal sizes give none; oldSize must be ≥ 1.
 */
export function consistencyRanges(oldSize: number, size: number): LeafRange[] {
  if (!isSize(size) || !isSize(oldSize) || oldSize < 1 || oldSize > size) {
    throw new RangeError(`old size ${oldSize} must be between 1 and the tree size ${size}`)
  }
  if (oldSize === size) return []
  const topDown: LeafRange[] = []
  let start = 0
  let end = size
  let m = oldSize
  let complete = true
  while (m !== end - start) {
    const k = splitPoint(end - start)
    if (m <= k) {
      topDown.push({ start: start + k, end })
      end = start + k
    } else {
      topDown.push({ start, end: start + k })
      start += k
      m -= k
      complete = false
    }
  }
  if (!complete) topDown.push({ start, end })
  return topDown.reverse()
}

/** A perfect subtree: the 2^level leaves starting at index × 2^level. */
export interface PerfectSubtree {
  level: number
  index: number
}

/**
 * The perfect subtrees, largest first, that a range's hash is folded from (see `foldSubtrees`).
 * Every range the tree's own recursion produces — the whole tree, and every range in a proof — is
 * aligned so that each piece is half the size of the one before; anything else is refused.
 */
export function perfectSubtrees(range: LeafRange): PerfectSubtree[] {
  const { start, end } = range
  if (!isSize(start) || !isSize(end) || end < start) throw new RangeError(`[${start}, ${end}) is not a range of leaves`)
  const pieces: PerfectSubtree[] = []
  let at = start
  let previous = Infinity
  while (at < end) {
    let width = 1
    let level = 0
    while (at % (width * 2) === 0 && at + width * 2 <= end) {
      width *= 2
      level += 1
    }
    if (width >= previous) throw new RangeError(`[${start}, ${end}) is not a range the tree hashes as one subtree`)
    pieces.push({ level, index: at / width })
    previous = width
    at += width
  }
  return pieces
}

/** The hash of a range from its perfect subtrees' hashes, largest first: folded from the right. */
export function foldSubtrees(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return EMPTY_ROOT
  let root = hashes[hashes.length - 1]!
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i]!, root)
  return root
}

/**
 * The root of a tree built one leaf at a time, in order, keeping only its right edge (one hash per
 * perfect subtree, a few dozen at most): a million leaves are read as a stream, not held.
 */
export class RootBuilder {
  size = 0
  readonly #edge: Array<{ level: number; hash: Uint8Array }> = []

  push(leafHash: Uint8Array): void {
    this.size += 1
    this.#edge.push({ level: 0, hash: leafHash })
    while (this.#edge.length >= 2 && this.#edge[this.#edge.length - 1]!.level === this.#edge[this.#edge.length - 2]!.level) {
      const right = this.#edge.pop()!
      const left = this.#edge.pop()!
      this.#edge.push({ level: left.level + 1, hash: nodeHash(left.hash, right.hash) })
    }
  }

  /** The root of the tree of the leaves pushed so far. */
  root(): Uint8Array {
    return foldSubtrees(this.#edge.map((e) => e.hash))
  }
}

/** Audit path for leaf `index` in the tree of all `leafHashes` (RFC 9162 §2.1.3.1), leaf-side first. */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  return inclusionRanges(index, leafHashes.length).map((r) => subtreeRoot(leafHashes, r.start, r.end))
}

/**
 * Consistency proof from the tree of the first `oldSize` leaves to the tree of all `leafHashes`
 * (RFC 9162 §2.1.4.1). Equal sizes give the empty proof; oldSize must be ≥ 1.
 */
export function consistencyProof(leafHashes: readonly Uint8Array[], oldSize: number): Uint8Array[] {
  return consistencyRanges(oldSize, leafHashes.length).map((r) => subtreeRoot(leafHashes, r.start, r.end))
}

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE
}

function isProof(proof: unknown): proof is Uint8Array[] {
  return Array.isArray(proof) && proof.every(isHash)
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

const isOdd = (x: number): boolean => x % 2 === 1
const half = (x: number): number => Math.floor(x / 2)

/** RFC 9162 §2.1.3.2. Sizes may exceed 2^32, so no 32-bit bitwise operators on them. */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  try {
    if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return false
    if (!isHash(leaf) || !isHash(root) || !isProof(proof)) return false
    let fn = leafIndex
    let sn = treeSize - 1
    let r = leaf
    for (const p of proof) {
      if (sn === 0) return false
      if (isOdd(fn) || fn === sn) {
        r = nodeHash(p, r)
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn)
          sn = half(sn)
        }
      } else {
        r = nodeHash(r, p)
      }
      fn = half(fn)
      sn = half(sn)
    }
    return sn === 0 && bytesEqual(r, root)
  } catch {
    return false
  }
}

/**
 * RFC 9162 §2.1.4.2. Equal sizes are consistent exactly when the proof is empty and the roots are
 * byte-for-byte equal (the transparency-dev vectors accept this even for roots that are not 32
 * bytes, since nothing is hashed). A consistency proof from the empty tree is undefined (RFC 9162
 * defines PROOF(m, D[n]) for 0 < m) and is rejected.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  try {
    if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize || oldSize === 0) return false
    if (!(oldRoot instanceof Uint8Array) || !(newRoot instanceof Uint8Array) || !isProof(proof)) return false
    if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot)
    if (!isHash(oldRoot) || !isHash(newRoot) || proof.length === 0) return false

    const path: Uint8Array[] = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof]
    let fn = oldSize - 1
    let sn = newSize - 1
    while (isOdd(fn)) {
      fn = half(fn)
      sn = half(sn)
    }
    let fr = path[0]!
    let sr = path[0]!
    for (let i = 1; i < path.length; i++) {
      const c = path[i]!
      if (sn === 0) return false
      if (isOdd(fn) || fn === sn) {
        fr = nodeHash(c, fr)
        sr = nodeHash(c, sr)
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn)
          sn = half(sn)
        }
      } else {
        sr = nodeHash(sr, c)
      }
      fn = half(fn)
      sn = half(sn)
    }
    return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot)
  } catch {
    return false
  }
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false
  while (n % 2 === 0) n /= 2
  return n === 1
}
