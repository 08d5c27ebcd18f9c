import canonicalize from 'canonicalize'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { ENTRY_FORMAT } from '../../app/domain/published-entry'
import { leafHash, rootHash, verifyConsistency, verifyInclusion } from '../../app/domain/merkle'
import { checkpointText, generateSigner, openNote, parseCheckpoint, parseVerifierKey, verifierKey } from '../../app/domain/signed-note'
import { approveEntry, createEntry, createReversal, LedgerRuleError, rejectEntry } from '../../app/models/ledger.server'
import {
  appendLeaf,
  checkpointAt,
  consistencyProofBetween,
  entryInclusion,
  inclusionAt,
  inclusionProofAt,
  latestCheckpoint,
  leafOf,
  publishCheckpoint,
  rootAt,
  SigningKeyMismatchError,
  assertSignsLatestCheckpoint,
  syncLedgerTree,
  treeSize,
} from '../../app/models/ledger-tree.server'
import { createTestDb } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
beforeEach(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
})
afterEach(async () => t.close())

const receipt = (amountMinor: bigint, description: string | null = null) =>
  ({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor, description }) as const

async function leafHashes(): Promise<Uint8Array[]> {
  return (await t.db.selectFrom('ledger_leaves').select('leaf_hash').orderBy('seq').execute()).map((r) => r.leaf_hash)
}

describe('the ledger tree', () => {
  test('every approval appends its leaf; roots and proofs read from stored subtrees match the tree recomputed from all leaves', async () => {
    for (let i = 1; i <= 21; i++) await w.post(receipt(BigInt(i) * 100n))
    expect(await treeSize(t.db)).toBe(21)
    const leaves = await leafHashes()
    for (let size = 0; size <= 21; size++) {
      const root = await rootAt(t.db, size)
      expect(Buffer.from(root).toString('hex')).toBe(Buffer.from(rootHash(leaves.slice(0, size))).toString('hex'))
      for (let seq = 1; seq <= size; seq++) {
        expect(verifyInclusion(seq - 1, size, leaves[seq - 1]!, await inclusionProofAt(t.db, seq, size), root)).toBe(true)
      }
      for (let from = 1; from <= size; from++) {
        expect(verifyConsistency(from, size, await rootAt(t.db, from), root, await consistencyProofBetween(t.db, from, size))).toBe(true)
      }
    }
    // What the proof URL and the entry page serve: the leaf hash with its path, up to the latest checkpoint.
    const at = await inclusionAt(t.db, 5, 21)
    expect(Buffer.from(at.leafHash).equals(Buffer.from(leaves[4]!))).toBe(true)
    expect(verifyInclusion(4, 21, at.leafHash, at.proof, await rootAt(t.db, 21))).toBe(true)
    const fifth = await t.db.selectFrom('ledger_leaves').select('entry_id').where('seq', '=', 5).executeTakeFirstOrThrow()
    expect(await entryInclusion(t.db, fifth.entry_id)).toEqual({ pending: true })
    const { signer } = generateSigner('test.example/ledger')
    await publishCheckpoint(t.db, signer)
    const shown = await entryInclusion(t.db, fifth.entry_id)
    expect(shown).toMatchObject({ pending: false, seq: 5, size: 21 })
    if (!shown.pending) expect(verifyInclusion(4, 21, shown.leafHash, shown.proof, shown.root)).toBe(true)
    await expect(rootAt(t.db, 22)).rejects.toThrow(/out of range/)
    await expect(inclusionProofAt(t.db, 0, 5)).rejects.toThrow(/not in a tree/)
    await expect(consistencyProofBetween(t.db, 6, 5)).rejects.toThrow(/no consistency proof/)
  })

  test("an entry's leaf is the hash of its RFC 8785 canonical public fields, reversals included", async () => {
    const id = await w.post(receipt(12_345_67n, 'Royalty share, Q1 — \u0645\u0627\u06c1\u0627\u0646\u06c1 "quoted"'))
    const reversal = await createReversal(t.db, w.officerA, { reversesEntryId: id, reason: 'Wrong quarter', idempotencyKey: 'rev-1' })
    await approveEntry(t.db, w.officerB, reversal.id)
    const original = await leafOf(t.db, id)
    const reversed = await leafOf(t.db, reversal.id)
    expect(original?.seq).toBe(1)
    expect(reversed?.seq).toBe(2)
    const parsed = JSON.parse(original!.entryJson)
    expect(canonicalize(parsed)).toBe(original!.entryJson)
    expect(Buffer.from(original!.leafHash).equals(Buffer.from(leafHash(Buffer.from(original!.entryJson, 'utf8'))))).toBe(true)
    expect(parsed).toMatchObject({ format: ENTRY_FORMAT, seq: 1, entry_id: id, kind: 'share_transfer', value_pkr: '12345.67', value_reported: '12345.67', reporting_currency: 'PKR', currency_rate: '1.000000', fiscal_year: '2025-26', reverses_seq: null })
    expect(JSON.parse(reversed!.entryJson)).toMatchObject({ seq: 2, value_pkr: '-12345.67', reverses_seq: 1, reversal_reason: 'Wrong quarter' })
    // No officer names or internal times in the public bytes.
    expect(original!.entryJson).not.toMatch(/@example\.test|created_at|created_by/)
  })

  test('a refused approval leaves no leaf; pending and rejected entries have none', async () => {
    await w.post(receipt(10_00n))
    const spend = await createEntry(t.db, w.officerA, { kind: 'disbursement', projectId: w.project, fromPartyId: w.trust, toPartyId: w.school, valueDate: '2025-09-01', purpose: 'water', currency: 'PKR', amountMinor: 6_00n, idempotencyKey: 'd1' })
    // Money taken back meanwhile (not possible by the forms, so written directly, with its leaf).
    const clawback = await t.db
      .insertInto('ledger_entries')
      .values({ kind: 'share_transfer', status: 'approved', seq: 2, project_id: w.project, from_party_id: w.province, to_party_id: w.trust, fiscal_year: 2025, value_date: '2025-09-02', currency: 'PKR', amount_minor: -5_00n, exchange_rate_micros: 1_000_000n, pkr_amount_minor: -5_00n, reverses_entry_id: 1, reversal_reason: 'clawback', idempotency_key: 'direct', created_at: '2026-01-01', decided_at: '2026-01-01T00:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendLeaf(t.db, clawback.id)
    await expect(approveEntry(t.db, w.officerB, spend.id)).rejects.toBeInstanceOf(LedgerRuleError)
    expect(await treeSize(t.db)).toBe(2)
    expect(await leafOf(t.db, spend.id)).toBeUndefined()
    await rejectEntry(t.db, w.officerB, spend.id, 'No money left')
    expect(await leafOf(t.db, spend.id)).toBeUndefined()
    expect(await treeSize(t.db)).toBe(2)
  })

  test('leaves, subtree hashes and checkpoints can be neither changed nor deleted', async () => {
    for (let i = 0; i < 4; i++) await w.post(receipt(100n))
    const { signer } = generateSigner('test.example/ledger')
    await publishCheckpoint(t.db, signer)
    await expect(t.db.updateTable('ledger_leaves').set({ entry_json: '{}' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/)
    await expect(t.db.deleteFrom('ledger_leaves').where('seq', '=', 4).execute()).rejects.toThrow(/append-only/)
    await expect(t.db.updateTable('ledger_tree_nodes').set({ hash: new Uint8Array(32) }).execute()).rejects.toThrow(/append-only/)
    await expect(t.db.deleteFrom('ledger_checkpoints').execute()).rejects.toThrow(/append-only/)
    await expect(t.db.updateTable('ledger_checkpoints').set({ note: 'forged' }).execute()).rejects.toThrow(/append-only/)
  })

  test('entries approved before the tree existed get their leaves, in seq order, from syncLedgerTree', async () => {
    await w.post(receipt(100n))
    // As an older database would hold it: approved, with a seq, but no leaf.
    const old = await t.db
      .insertInto('ledger_entries')
      .values({ kind: 'share_transfer', status: 'approved', seq: 2, project_id: w.project, from_party_id: w.province, to_party_id: w.trust, fiscal_year: 2025, value_date: '2025-09-02', currency: 'PKR', amount_minor: 7n, exchange_rate_micros: 1_000_000n, pkr_amount_minor: 7n, idempotency_key: 'old', created_at: '2025-01-01', decided_at: '2025-01-02T00:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(await syncLedgerTree(t.db)).toBe(1)
    expect(await syncLedgerTree(t.db)).toBe(0)
    expect((await leafOf(t.db, old.id))?.seq).toBe(2)
    await expect(appendLeaf(t.db, old.id)).rejects.toThrow()
  })

  test('leaves appended in one batch make the same tree, and the same stored subtrees, as one at a time', async () => {
    await w.post(receipt(100n))
    const template = await t.db.selectFrom('ledger_entries').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow()
    const { id: _id, seq: _seq, ...rest } = template
    for (let seq = 2; seq <= 29; seq++) await t.db.insertInto('ledger_entries').values({ ...rest, seq, idempotency_key: `old-${seq}` }).execute()
    expect(await syncLedgerTree(t.db)).toBe(28)
    const leaves = await leafHashes()
    for (const size of [1, 2, 3, 7, 8, 16, 29]) expect(Buffer.from(await rootAt(t.db, size)).equals(Buffer.from(rootHash(leaves.slice(0, size))))).toBe(true)
    // One stored node per merge: n leaves make n − popcount(n) of them.
    const nodes = await t.db.selectFrom('ledger_tree_nodes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(nodes.n)).toBe(29 - 4)
    for (let seq = 1; seq <= 29; seq++) expect(verifyInclusion(seq - 1, 29, leaves[seq - 1]!, await inclusionProofAt(t.db, seq, 29), await rootAt(t.db, 29))).toBe(true)
  })
})

describe('checkpoints', () => {
  test('signed in the C2SP signed-note format, one per new size, every one kept', async () => {
    const { signer } = generateSigner('test.example/ledger')
    const key = parseVerifierKey(verifierKey(signer))
    const empty = await publishCheckpoint(t.db, signer, new Date('2026-01-01T00:00:00Z'))
    expect(empty.size).toBe(0)
    for (let i = 0; i < 3; i++) await w.post(receipt(100n))
    const three = await publishCheckpoint(t.db, signer, new Date('2026-01-02T00:00:00Z'))
    expect(await publishCheckpoint(t.db, signer)).toEqual(three)
    await w.post(receipt(100n))
    const four = await publishCheckpoint(t.db, signer, new Date('2026-01-03T00:00:00Z'))

    const body = openNote(four.note, key)
    expect(body).toBe(checkpointText({ origin: 'test.example/ledger', size: 4, root: Buffer.from(await rootAt(t.db, 4)), signedAt: '2026-01-03T00:00:00.000Z' }))
    expect(parseCheckpoint(body)).toMatchObject({ origin: 'test.example/ledger', size: 4 })
    expect(four.note).toMatch(/^test\.example\/ledger\n4\n[A-Za-z0-9+/]{43}=\ntime 2026-01-03T00:00:00\.000Z\n\n\u2014 test\.example\/ledger [A-Za-z0-9+/]+=*\n$/)
    expect((await latestCheckpoint(t.db))?.size).toBe(4)
    expect((await checkpointAt(t.db, 3))?.note).toBe(three.note)
    expect(await checkpointAt(t.db, 2)).toBeUndefined()
    // The kept checkpoint of size 3 is proved a prefix of the newest.
    const old = parseCheckpoint(openNote(three.note, key))
    expect(verifyConsistency(3, 4, old.root, four.rootHash, await consistencyProofBetween(t.db, 3, 4))).toBe(true)
  })
})

describe('the signing key at start', () => {
  test('a ledger without checkpoints takes any key; then only the key that signed the latest checkpoint', async () => {
    const first = generateSigner('hisaab.test/ledger').signer
    const second = generateSigner('hisaab.test/ledger').signer
    await assertSignsLatestCheckpoint(t.db, second, 'a test key')
    await w.post(receipt(100n))
    await publishCheckpoint(t.db, first)
    await assertSignsLatestCheckpoint(t.db, first, 'the first key')

    const refused = assertSignsLatestCheckpoint(t.db, second, 'the file data/ledger-signing-key, made on this start')
    await expect(refused).rejects.toThrow(SigningKeyMismatchError)
    await expect(refused).rejects.toThrow(
      `its ledger signing key hisaab.test/ledger+${second.keyId.toString('hex')} (the file data/ledger-signing-key, made on this start) did not sign this database's latest checkpoint (size 1, signed by hisaab.test/ledger+${first.keyId.toString('hex')})`,
    )
    await expect(refused).rejects.toThrow(/HISAAB_LEDGER_KEY_FILE/)

    // What counts is the latest: a later checkpoint signed by the second key makes it the one.
    await w.post(receipt(200n))
    await publishCheckpoint(t.db, second)
    await assertSignsLatestCheckpoint(t.db, second, 'the second key')
    await expect(assertSignsLatestCheckpoint(t.db, first, 'the first key')).rejects.toThrow(SigningKeyMismatchError)
  })
})
