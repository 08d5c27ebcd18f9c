import { readdirSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  EMPTY_ROOT,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  RootBuilder,
  verifyConsistency,
  verifyInclusion,
} from './merkle'

const MERKLE_DIR = new URL('../../../shared/testdata/merkle/', import.meta.url)
const TD_DIR = new URL('transparency-dev/', MERKLE_DIR)

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'))
const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'))
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'))

interface CtVectors {
  emptyRoot: string
  leafInputsHex: string[]
  rootsBySize: Record<string, string>
  inclusion: { leafIndex0: number; treeSize: number; path: string[] }[]
  consistency: { size1: number; size2: number; proof: string[] }[]
  hasherKnownAnswers: Record<string, string>
}
const CT: CtVectors = JSON.parse(readFileSync(new URL('rfc6962-ct-reference-vectors.json', MERKLE_DIR), 'utf8'))
const CT_LEAVES = CT.leafInputsHex.map((h) => leafHash(hex(h)))

/** Every JSON file under a directory, as [path relative to transparency-dev, parsed]. */
function loadDir<T>(sub: string): [string, T][] {
  const root = fileURLToPath(new URL(sub, TD_DIR))
  const out: [string, T][] = []
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = `${dir}/${name}`
      if (statSync(full).isDirectory()) walk(full, `${rel}/${name}`)
      else if (name.endsWith('.json')) out.push([`${rel}/${name}`, JSON.parse(readFileSync(full, 'utf8')) as T])
    }
  }
  walk(root, sub.replace(/\/$/, ''))
  return out
}

interface InclusionCase {
  leafIdx: number
  treeSize: number
  root: string
  leafHash: string
  proof: string[] | null
  desc: string
  wantErr: boolean
}
interface ConsistencyCase {
  size1: number
  size2: number
  root1: string
  root2: string
  proof: string[] | null
  desc: string
  wantErr: boolean
}
const TD_INCLUSION = loadDir<InclusionCase>('inclusion/')
const TD_CONSISTENCY = loadDir<ConsistencyCase>('consistency/')

describe('RFC 9162 hashing', () => {
  test('known answers', () => {
    expect(toHex(EMPTY_ROOT)).toBe(CT.emptyRoot)
    expect(toHex(rootHash([]))).toBe(CT.emptyRoot)
    expect(toHex(leafHash(ascii('L123456')))).toBe(CT.hasherKnownAnswers["leaf('L123456')"])
    expect(toHex(nodeHash(ascii('N123'), ascii('N456')))).toBe(CT.hasherKnownAnswers["node('N123','N456') raw bytes"])
  })

  test('CT reference roots for sizes 0-8', () => {
    expect(Object.keys(CT.rootsBySize)).toHaveLength(8)
    for (let n = 0; n <= 8; n++) {
      const want = n === 0 ? CT.emptyRoot : CT.rootsBySize[String(n)]
      expect(toHex(rootHash(CT_LEAVES.slice(0, n))), `size ${n}`).toBe(want)
    }
  })

  test('iterative root matches the recursive definition for every size up to 70', () => {
    const mth = (d: Uint8Array[]): Uint8Array => {
      if (d.length === 0) return EMPTY_ROOT
      if (d.length === 1) return d[0]!
      let k = 1
      while (k * 2 < d.length) k *= 2
      return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)))
    }
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(new Uint8Array([i, i >> 8])))
    for (let n = 0; n <= 70; n++) expect(toHex(rootHash(leaves.slice(0, n)))).toBe(toHex(mth(leaves.slice(0, n))))
  })

  test('a root built leaf by leaf is the root of those leaves at every size', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(new Uint8Array([i, 7])))
    const builder = new RootBuilder()
    expect(toHex(builder.root())).toBe(toHex(EMPTY_ROOT))
    for (let n = 1; n <= 70; n++) {
      builder.push(leaves[n - 1]!)
      expect(builder.size).toBe(n)
      expect(toHex(builder.root())).toBe(toHex(rootHash(leaves.slice(0, n))))
    }
  })
})

describe('CT reference inclusion and consistency proofs', () => {
  test.each(CT.inclusion)('inclusion leaf $leafIndex0 (0-based) in size $treeSize', ({ leafIndex0, treeSize, path }) => {
    const leaves = CT_LEAVES.slice(0, treeSize)
    const root = rootHash(leaves)
    expect(inclusionProof(leaves, leafIndex0).map(toHex)).toEqual(path)
    expect(verifyInclusion(leafIndex0, treeSize, leaves[leafIndex0]!, path.map(hex), root)).toBe(true)
    // The 1-based index (CT C++ numbering) must not verify the same path.
    expect(verifyInclusion(leafIndex0 + 1, treeSize, leaves[leafIndex0]!, path.map(hex), root)).toBe(false)
  })

  test.each(CT.consistency)('consistency $size1 -> $size2', ({ size1, size2, proof }) => {
    const leaves = CT_LEAVES.slice(0, size2)
    const oldRoot = rootHash(leaves.slice(0, size1))
    const newRoot = rootHash(leaves)
    expect(consistencyProof(leaves, size1).map(toHex)).toEqual(proof)
    expect(verifyConsistency(size1, size2, oldRoot, newRoot, proof.map(hex))).toBe(true)
  })

  test('every inclusion and consistency proof within the 8-leaf reference tree verifies', () => {
    for (let n = 1; n <= 8; n++) {
      const leaves = CT_LEAVES.slice(0, n)
      const root = hex(CT.rootsBySize[String(n)]!)
      for (let i = 0; i < n; i++) expect(verifyInclusion(i, n, leaves[i]!, inclusionProof(leaves, i), root)).toBe(true)
      for (let m = 1; m <= n; m++) {
        const oldRoot = hex(CT.rootsBySize[String(m)]!)
        expect(verifyConsistency(m, n, oldRoot, root, consistencyProof(leaves, m))).toBe(true)
      }
    }
  })
})

describe('transparency-dev inclusion vectors', () => {
  test('the vector set is complete', () => {
    expect(TD_INCLUSION.length).toBe(98)
    expect(TD_INCLUSION.filter(([, c]) => !c.wantErr)).toHaveLength(6)
  })

  test.each(TD_INCLUSION)('%s', (_name, c) => {
    const proof = (c.proof ?? []).map(b64)
    const ok = verifyInclusion(c.leafIdx, c.treeSize, b64(c.leafHash), proof, b64(c.root))
    expect(ok).toBe(!c.wantErr)
    // A valid vector from the reference tree is also what our generator produces.
    if (!c.wantErr && c.treeSize <= CT_LEAVES.length && toHex(b64(c.root)) === CT.rootsBySize[String(c.treeSize)]) {
      expect(inclusionProof(CT_LEAVES.slice(0, c.treeSize), c.leafIdx).map(toHex)).toEqual(proof.map(toHex))
    }
  })
})

describe('transparency-dev consistency vectors', () => {
  test('the vector set is complete', () => {
    expect(TD_CONSISTENCY.length).toBe(98)
    expect(TD_CONSISTENCY.filter(([, c]) => !c.wantErr)).toHaveLength(6)
  })

  test.each(TD_CONSISTENCY)('%s', (_name, c) => {
    const proof = (c.proof ?? []).map(b64)
    const ok = verifyConsistency(c.size1, c.size2, b64(c.root1), b64(c.root2), proof)
    expect(ok).toBe(!c.wantErr)
    if (!c.wantErr && c.size2 <= CT_LEAVES.length && toHex(b64(c.root2)) === CT.rootsBySize[String(c.size2)]) {
      expect(consistencyProof(CT_LEAVES.slice(0, c.size2), c.size1).map(toHex)).toEqual(proof.map(toHex))
    }
  })
})

describe('verifiers reject malformed input without throwing', () => {
  const leaves = CT_LEAVES.slice(0, 5)
  const root = rootHash(leaves)
  const proof = inclusionProof(leaves, 1)
  test('inclusion', () => {
    expect(verifyInclusion(1, 5, leaves[1]!, proof, root)).toBe(true)
    const bad: [number, number, unknown, unknown, unknown][] = [
      [5, 5, leaves[1], proof, root],
      [-1, 5, leaves[1], proof, root],
      [1.5, 5, leaves[1], proof, root],
      [Number.NaN, 5, leaves[1], proof, root],
      [1, 5, leaves[1]!.subarray(1), proof, root],
      [1, 5, leaves[1], proof, root.subarray(0, 31)],
      [1, 5, leaves[1], [...proof, proof[0]], root],
      [1, 5, leaves[1], proof.slice(1), root],
      [1, 5, leaves[1], [proof[0], new Uint8Array(33), proof[2]], root],
      [1, 5, leaves[1], null, root],
      [1, 5, null, proof, root],
      [1, 5, leaves[1], ['x', 'y', 'z'], root],
      [0, 0, EMPTY_ROOT, [], EMPTY_ROOT],
    ]
    for (const args of bad) {
      expect(() => verifyInclusion(...(args as Parameters<typeof verifyInclusion>))).not.toThrow()
      expect(verifyInclusion(...(args as Parameters<typeof verifyInclusion>))).toBe(false)
    }
  })
  test('consistency', () => {
    const all = CT_LEAVES
    const cp = consistencyProof(all, 3)
    const r3 = rootHash(all.slice(0, 3))
    const r8 = rootHash(all)
    expect(verifyConsistency(3, 8, r3, r8, cp)).toBe(true)
    const bad: unknown[][] = [
      [8, 3, r8, r3, cp],
      [0, 8, EMPTY_ROOT, r8, cp],
      [3, 8, r3, r8, [...cp, cp[0]]],
      [3, 8, r3, r8, cp.slice(0, -1)],
      [3, 8, r3, r8, []],
      [3, 8, r3.subarray(1), r8, cp],
      [3, 8, r3, r8, null],
      [3, 9, r3, r8, cp],
      [3, Infinity, r3, r8, cp],
      [3, 8, r8, r3, cp],
    ]
    for (const args of bad) {
      expect(() => verifyConsistency(...(args as Parameters<typeof verifyConsistency>))).not.toThrow()
      expect(verifyConsistency(...(args as Parameters<typeof verifyConsistency>))).toBe(false)
    }
  })
  test('generators refuse arguments outside their domain', () => {
    expect(() => inclusionProof(CT_LEAVES, 8)).toThrow(RangeError)
    expect(() => inclusionProof([], 0)).toThrow(RangeError)
    expect(() => consistencyProof(CT_LEAVES, 0)).toThrow(RangeError)
    expect(() => consistencyProof(CT_LEAVES, 9)).toThrow(RangeError)
  })
})

describe('properties', () => {
  const tree = fc
    .array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 64 })
    .map((data) => data.map(leafHash))

  test('every inclusion proof verifies; flipping any one byte of it does not', () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (leaves, rawIndex, rawPos, mask) => {
        const n = leaves.length
        const root = rootHash(leaves)
        for (let i = 0; i < n; i++) expect(verifyInclusion(i, n, leaves[i]!, inclusionProof(leaves, i), root)).toBe(true)
        const index = rawIndex % n
        const proof = inclusionProof(leaves, index)
        if (proof.length === 0) return
        const pos = rawPos % (proof.length * 32)
        const tampered = proof.map((p) => Uint8Array.from(p))
        tampered[Math.floor(pos / 32)]![pos % 32]! ^= mask
        expect(verifyInclusion(index, n, leaves[index]!, tampered, root)).toBe(false)
      }),
      { numRuns: 150 },
    )
  })

  test('every consistency proof between random sizes verifies; a flipped byte does not', () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (leaves, rawOld, rawPos, mask) => {
        const n = leaves.length
        const m = 1 + (rawOld % n)
        const proof = consistencyProof(leaves, m)
        const oldRoot = rootHash(leaves.slice(0, m))
        const newRoot = rootHash(leaves)
        expect(verifyConsistency(m, n, oldRoot, newRoot, proof)).toBe(true)
        if (proof.length === 0) return
        const pos = rawPos % (proof.length * 32)
        const tampered = proof.map((p) => Uint8Array.from(p))
        tampered[Math.floor(pos / 32)]![pos % 32]! ^= mask
        expect(verifyConsistency(m, n, oldRoot, newRoot, tampered)).toBe(false)
      }),
      { numRuns: 300 },
    )
  })
})
