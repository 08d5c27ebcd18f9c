import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { canonicalJson, type JsonValue } from '../../app/domain/canonical-json'
import { leafHash } from '../../app/domain/merkle'
import { checkpointText, signNote } from '../../app/domain/signed-note'
import { rootAt } from '../../app/models/ledger-tree.server'
import { leafHash as verifierLeafHash, run } from '../../verifier/hisaab-verify.mjs'
import { createTestDb } from '../fixtures/db'
import { recordFormatVectors } from '../fixtures/format-vectors'
import { testSigner } from '../fixtures/signed-export'

/** The worked vectors of docs/ledger-format.md §8, read from the document itself. */
function vectorsInSpec() {
  const spec = readFileSync(new URL('../../docs/ledger-format.md', import.meta.url), 'utf8')
  const section = spec.slice(spec.indexOf('\n## 8. Worked vectors'))
  const vectors = section
    .split('\n### Vector ')
    .slice(1)
    .map((part) => {
      const [, text] = /\n```json\n([^\n]*)\n```\n/.exec(part) ?? []
      const [, length] = /\n- length: (\d+) bytes\n/.exec(part) ?? []
      const [, base64] = /\n- leaf hash, base64: `([^`]+)`\n/.exec(part) ?? []
      const [, hex] = /\n- leaf hash, hex: `([0-9a-f]{64})`\n/.exec(part) ?? []
      const [, dump] = /<details>[^\n]*\n\n```\n([0-9a-f\n]+)```/.exec(part) ?? []
      if (!text || !length || !base64 || !hex) throw new Error(`vector ${part.slice(0, 1)} is not written as the test expects`)
      return { text, bytes: Buffer.from(text, 'utf8'), length: Number(length), base64, hex, dump: dump?.replace(/\n/g, '') }
    })
  const [, root] = /The root of the tree of size 3 \(§3\) is `([^`]+)`/.exec(section) ?? []
  return { vectors, root: root! }
}

const { vectors, root } = vectorsInSpec()
let t: Awaited<ReturnType<typeof createTestDb>>
beforeAll(async () => {
  t = await createTestDb()
  await recordFormatVectors(t.db)
})
afterAll(async () => t.close())

describe('the worked vectors of docs/ledger-format.md §8', () => {
  test('are the bytes, leaf hashes and root the portal publishes for those entries', async () => {
    expect(vectors).toHaveLength(3)
    const leaves = await t.db.selectFrom('ledger_leaves').select(['seq', 'entry_json', 'leaf_hash']).orderBy('seq').execute()
    expect(leaves.map((l) => l.entry_json)).toEqual(vectors.map((v) => v.text))
    expect(leaves.map((l) => Buffer.from(l.leaf_hash).toString('base64'))).toEqual(vectors.map((v) => v.base64))
    expect(Buffer.from(await rootAt(t.db, 3)).toString('base64')).toBe(root)
    for (const v of vectors) {
      expect(v.bytes.length).toBe(v.length)
      expect(Buffer.from(v.base64, 'base64').toString('hex')).toBe(v.hex)
      expect(Buffer.from(leafHash(v.bytes)).toString('base64')).toBe(v.base64)
      // Parsed and written again, the bytes come back unchanged: they are canonical.
      expect(canonicalJson(JSON.parse(v.text) as JsonValue)).toBe(v.text)
    }
  })

  test('hold what their headings say: escapes, an astral character, and a reversal of vector 1', () => {
    const [payment, escapes, reversal] = vectors.map((v) => JSON.parse(v.text) as Record<string, string | number | null>)
    expect(escapes!.description).toContain('\u2028🏫')
    expect(escapes!.comments).toBe('Pasted from the bank: \u0001\u001f\b\f\r end')
    expect(vectors[1]!.dump).toBe(vectors[1]!.bytes.toString('hex'))
    expect(vectors[1]!.text).toContain('\\u0001\\u001f\\b\\f\\r')
    expect(reversal).toMatchObject({ reverses_seq: payment!.seq, kind: payment!.kind, value_reported: `-${payment!.value_reported}`, value_pkr: `-${payment!.value_pkr}`, comments: null, value_date: '2025-07-01', fiscal_year: '2025-26' })
  })

  test('verify with the standalone verifier, which computes the same leaf hashes and root', async () => {
    for (const v of vectors) expect(verifierLeafHash(v.bytes).toString('base64')).toBe(v.base64)
    const { signer, key } = testSigner()
    const checkpoint = signNote(checkpointText({ origin: signer.name, size: 3, root: Buffer.from(root, 'base64'), signedAt: '2025-06-30T21:00:01.000Z' }), signer)
    const lines = vectors.map((v) => `{"entry":${v.text},"leaf_hash":"${v.base64}"}`)
    const report = await run({ checkpoint, key }, lines)
    expect(report).toContain('ok  3 entries, seq 1–3 in order, each matching its leaf hash')
    expect(report).toContain('ok  the Merkle root of the entries is the signed root')
  })
})
