import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createDb, type Database } from '../../db/client'
import { rootHash, verifyConsistency } from '../../app/domain/merkle'
import { generateSigner } from '../../app/domain/signed-note'
import { approveEntry, createEntry, createReversal, LedgerRuleError, rejectEntry } from '../../app/models/ledger.server'
import { publishCheckpoint, rootAt, consistencyProofBetween, syncLedgerTree, treeSize } from '../../app/models/ledger-tree.server'
import { isRetryable, writeTransaction } from '../../app/models/write-transaction.server'
import { createTestDb } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

/**
 * Several writers at once, as several app servers behind one database are. On PostgreSQL each
 * writer is a connection pool of its own, as a second process would have; a SQLite file has one
 * app process (docs/deploy.md), so there the writers share its one connection.
 */
let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
let writers: Database[]
beforeEach(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
  writers = t.engine === 'postgres' ? [t.db, createDb(t.url, { poolSize: 6 })] : [t.db, t.db]
})
afterEach(async () => {
  if (writers[1] !== t.db) await writers[1]!.destroy()
  await t.close()
})

const receipt = (amountMinor: bigint, key: string) =>
  ({ kind: 'share_transfer', projectId: w.project, fromPartyId: w.province, toPartyId: w.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor, idempotencyKey: key }) as const
const disbursement = (amountMinor: bigint, key: string) =>
  ({ kind: 'disbursement', projectId: w.project, fromPartyId: w.trust, toPartyId: w.school, valueDate: '2025-08-02', currency: 'PKR', purpose: 'education', amountMinor, idempotencyKey: key }) as const

/** Runs `tasks` with `parallel` of them in flight at a time per writer, alternating writers. */
async function inParallel<T>(tasks: Array<(db: Database) => Promise<T>>, parallel: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length)
  let next = 0
  const lane = async (db: Database) => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await tasks[i]!(db).then(
        (value) => ({ status: 'fulfilled', value }) as const,
        (reason: unknown) => ({ status: 'rejected', reason }) as const,
      )
    }
  }
  await Promise.all(writers.flatMap((db) => Array.from({ length: parallel }, () => lane(db))))
  return results
}

const ENTRIES = 200

describe('several writers at once', () => {
  test(`${ENTRIES} approvals from two writers in parallel: seq 1–${ENTRIES} without a gap or a repeat, a leaf each, a tree that verifies, checkpoints each consistent with the last`, async () => {
    const ids: number[] = []
    for (let i = 0; i < ENTRIES; i++) ids.push((await createEntry(t.db, w.officerA, receipt(BigInt(i + 1) * 100n, `r${i}`))).id)
    const { signer } = generateSigner('test.example/ledger')
    const results = await inParallel(
      ids.map((id, i) => async (db) => {
        const { seq } = await approveEntry(db, w.officerB, id)
        // Some approvals sign a checkpoint straight after, as the approve action does.
        if (i % 10 === 0) await publishCheckpoint(db, signer)
        return seq
      }),
      8,
    )
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    const seqs = results.map((r) => (r as PromiseFulfilledResult<number>).value).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: ENTRIES }, (_, i) => i + 1))

    const leaves = await t.db.selectFrom('ledger_leaves').select(['seq', 'entry_id', 'leaf_hash']).orderBy('seq').execute()
    expect(leaves.map((l) => l.seq)).toEqual(seqs)
    const bySeq = await t.db.selectFrom('ledger_entries').select(['id', 'seq']).where('status', '=', 'approved').orderBy('seq').execute()
    expect(leaves.map((l) => l.entry_id)).toEqual(bySeq.map((e) => e.id))
    expect(Buffer.from(await rootAt(t.db, ENTRIES)).equals(Buffer.from(rootHash(leaves.map((l) => l.leaf_hash))))).toBe(true)

    await publishCheckpoint(t.db, signer)
    const checkpoints = await t.db.selectFrom('ledger_checkpoints').select(['size', 'root_hash', 'signed_at']).orderBy('size').execute()
    expect(checkpoints.at(-1)?.size).toBe(ENTRIES)
    expect(checkpoints.map((c) => c.signed_at)).toEqual(checkpoints.map((c) => c.signed_at).sort())
    for (let i = 1; i < checkpoints.length; i++) {
      const [older, newer] = [checkpoints[i - 1]!, checkpoints[i]!]
      if (older.size === 0) continue
      expect(verifyConsistency(older.size, newer.size, older.root_hash, newer.root_hash, await consistencyProofBetween(t.db, older.size, newer.size))).toBe(true)
    }
  })

  test('disbursements recorded at once cannot together spend more than the trust has', async () => {
    const { id } = await createEntry(t.db, w.officerA, receipt(100_00n, 'funds'))
    await approveEntry(t.db, w.officerB, id)
    // 100 rupees available: three of these fit, the fourth would overdraw.
    const results = await inParallel(
      Array.from({ length: 12 }, (_, i) => (db: Database) => createEntry(db, w.officerA, disbursement(30_00n, `d${i}`))),
      6,
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'insufficient_balance' })
  })

  test('a decision races another on the same entry: exactly one wins, the other is told it is no longer pending', async () => {
    for (let round = 0; round < 10; round++) {
      const { id } = await createEntry(t.db, w.officerA, receipt(500n, `race${round}`))
      const [approved, rejected] = await Promise.allSettled([approveEntry(writers[0]!, w.officerB, id), rejectEntry(writers[1]!, w.officerB, id, 'duplicate')])
      expect([approved.status, rejected.status].sort()).toEqual(['fulfilled', 'rejected'])
      const loser = (approved.status === 'rejected' ? approved : rejected) as PromiseRejectedResult
      expect(loser.reason).toBeInstanceOf(LedgerRuleError)
      expect(loser.reason).toMatchObject({ code: 'not_pending' })
      const events = await t.db.selectFrom('audit_events').select('action').where('target_type', '=', 'ledger_entry').where('target_id', '=', String(id)).execute()
      expect(events.map((e) => e.action).filter((a) => a !== 'ledger.entry.created')).toHaveLength(1)
    }
  })

  test('two reversals of one entry asked for at once: one is recorded', async () => {
    const { id } = await createEntry(t.db, w.officerA, receipt(500n, 'original'))
    await approveEntry(t.db, w.officerB, id)
    const results = await inParallel(
      Array.from({ length: 6 }, (_, i) => (db: Database) => createReversal(db, w.officerA, { reversesEntryId: id, reason: 'typed twice', idempotencyKey: `rev${i}` })),
      3,
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'not_reversible' })
  })

  test('the same form sent twice at once to two servers records one entry', async () => {
    const results = await Promise.all(writers.map((db) => createEntry(db, w.officerA, receipt(700n, 'double-submit'))))
    expect(results.map((r) => r.id)[0]).toBe(results[1]!.id)
    expect(results.filter((r) => r.created)).toHaveLength(1)
  })

  test('two servers starting at once catch the tree up once between them', async () => {
    const { id } = await createEntry(t.db, w.officerA, receipt(100n, 'first'))
    await approveEntry(t.db, w.officerB, id)
    // As an older database would hold them: approved, with a seq, but no leaf yet.
    const { id: _id, seq: _seq, ...rest } = await t.db.selectFrom('ledger_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    for (let seq = 2; seq <= 30; seq++) await t.db.insertInto('ledger_entries').values({ ...rest, seq, idempotency_key: `old-${seq}` }).execute()
    const before = await treeSize(t.db)
    const added = await Promise.all(writers.map((db) => syncLedgerTree(db)))
    expect(added.reduce((a, b) => a + b, 0)).toBe(30 - before)
    expect(await treeSize(t.db)).toBe(30)
  })
})

describe('writeTransaction', () => {
  test('a transaction aborted as a serialisation failure is run again, and its first attempt leaves nothing', async () => {
    let attempts = 0
    const id = await writeTransaction(t.db, 'ledger', async (trx) => {
      attempts++
      const { id } = await trx.insertInto('localities').values({ kind: 'village', name_en: `try ${attempts}`, name_ur: 'x', name_bal: 'x', district: 'Chagai', province: 'balochistan', parent_id: null }).returning('id').executeTakeFirstOrThrow()
      if (attempts === 1) throw Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' })
      return id
    })
    expect(attempts).toBe(2)
    const rows = await t.db.selectFrom('localities').select(['id', 'name_en']).where('name_en', 'like', 'try %').execute()
    expect(rows).toEqual([{ id, name_en: 'try 2' }])
  })

  test('other failures are not retried', async () => {
    let attempts = 0
    await expect(
      writeTransaction(t.db, 'ledger', async () => {
        attempts++
        throw new LedgerRuleError('not_found')
      }),
    ).rejects.toBeInstanceOf(LedgerRuleError)
    expect(attempts).toBe(1)
    expect(isRetryable(Object.assign(new Error(), { code: '40P01' }))).toBe(true)
    expect(isRetryable(Object.assign(new Error(), { code: '23505' }))).toBe(false)
  })
})
