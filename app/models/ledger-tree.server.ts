import type { Database } from '../../db/client'
import { consistencyRanges, foldSubtrees, inclusionRanges, leafHash, perfectSubtrees, type LeafRange } from '../domain/merkle'
import { entryJson, publishedEntry, type EntryFacts } from '../domain/published-entry'
import { checkpointText, NoteError, noteKeyNames, openNote, signNote, verifierOf, type NoteSigner } from '../domain/signed-note'
import { toMinor } from '../domain/money'
import { writeTransaction } from './write-transaction.server'

/**
 * The ledger's Merkle tree (RFC 9162) in the database: leaves by seq, and the hash of every
 * complete subtree, so that the root and any proof at any size are read, never recomputed.
 * See db/migrations/2026-11-29T0000Z-ledger-tree.ts and docs/ledger-format.md.
 */

/**
 * Appends an approved entry's leaf and the subtree hashes it completes. Called inside the approval's
 * transaction, so an entry is never approved without its leaf or given a leaf without approval.
 */
export async function appendLeaf(trx: Database, entryId: number): Promise<void> {
  await appendLeaves(trx, [entryId])
}

/**
 * Appends the leaves of approved entries whose seqs follow the tree's size without a gap, in seq
 * order, with the subtree hashes they complete. The tree's right edge (its perfect subtrees,
 * largest first) is kept in memory meanwhile, so each leaf costs a hash or two, not queries.
 */
export async function appendLeaves(trx: Database, entryIds: readonly number[]): Promise<void> {
  if (entryIds.length === 0) return
  const rows = await publishedFacts(trx, entryIds)
  let size = await treeSize(trx)
  const edge = await rightEdge(trx, size)
  const leaves: Array<{ seq: number; entry_id: number; entry_json: string; leaf_hash: Uint8Array }> = []
  const nodes: Array<{ level: number; idx: number; hash: Uint8Array }> = []
  for (const row of rows) {
    if (row.status !== 'approved' || row.seq === null || row.decided_at === null) throw new Error(`entry ${row.id} is not approved`)
    if (row.seq !== size + 1) throw new Error(`entry ${row.id} has seq ${row.seq}, but the tree holds ${size} leaves`)
    const json = entryJson(publishedEntry(factsOf(row, row.seq, row.decided_at)))
    const hash = leafHash(Buffer.from(json, 'utf8'))
    leaves.push({ seq: row.seq, entry_id: row.id, entry_json: json, leaf_hash: hash })
    size += 1
    // The new leaf completes one subtree for each pair of equal-sized subtrees at the right edge.
    edge.push({ level: 0, hash })
    while (edge.length >= 2 && edge[edge.length - 1]!.level === edge[edge.length - 2]!.level) {
      const right = edge.pop()!
      const left = edge.pop()!
      const level = left.level + 1
      const merged = { level, hash: foldSubtrees([left.hash, right.hash]) }
      edge.push(merged)
      nodes.push({ level, idx: size / 2 ** level - 1, hash: merged.hash })
    }
  }
  if (rows.length !== entryIds.length) throw new Error('an entry to append was not found')
  // Several rows per statement, within SQLite's limit on bound parameters.
  for (let i = 0; i < leaves.length; i += 500) await trx.insertInto('ledger_leaves').values(leaves.slice(i, i + 500)).execute()
  for (let i = 0; i < nodes.length; i += 500) await trx.insertInto('ledger_tree_nodes').values(nodes.slice(i, i + 500)).execute()
}

/** The perfect subtrees the tree of `size` leaves ends with, largest first, with their hashes. */
async function rightEdge(db: Database, size: number): Promise<Array<{ level: number; hash: Uint8Array }>> {
  const pieces = perfectSubtrees({ start: 0, end: size })
  const hashes = await subtreeHashes(db, pieces)
  return pieces.map((p, i) => ({ level: p.level, hash: hashes[i]! }))
}

function publishedFacts(db: Database, entryIds: readonly number[]) {
  return db
    .selectFrom('ledger_entries as e')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .innerJoin('parties as f', 'f.id', 'e.from_party_id')
    .innerJoin('parties as t', 't.id', 'e.to_party_id')
    .leftJoin('localities as l', 'l.id', 'e.locality_id')
    .leftJoin('revenue_streams as rs', 'rs.gfs_code', 'e.gfs_code')
    .leftJoin('ledger_entries as original', 'original.id', 'e.reverses_entry_id')
    .select([
      'e.id', 'e.seq', 'e.status', 'e.kind', 'e.value_date', 'e.fiscal_year', 'e.gfs_code', 'e.purpose', 'e.currency',
      'e.amount_minor', 'e.exchange_rate_micros', 'e.pkr_amount_minor', 'e.reference', 'e.description', 'e.comments',
      'e.reversal_reason', 'e.decided_at', 'p.slug as project_slug', 'p.name_en as project_en', 'f.slug as from_slug',
      'f.name_en as from_en', 'f.kind as from_kind', 'rs.name_en as revenue_stream_en', 't.slug as to_slug', 't.name_en as to_en', 'l.name_en as locality_en', 'original.seq as reverses_seq',
    ])
    .where('e.id', 'in', [...entryIds])
    .orderBy('e.seq')
    .execute()
}

function factsOf(row: Awaited<ReturnType<typeof publishedFacts>>[number], seq: number, approvedAt: string): EntryFacts {
  return {
    seq,
    entryId: row.id,
    kind: row.kind,
    valueDate: row.value_date,
    fiscalYear: row.fiscal_year,
    project: { slug: row.project_slug, nameEn: row.project_en },
    from: { slug: row.from_slug, nameEn: row.from_en },
    to: { slug: row.to_slug, nameEn: row.to_en },
    companyNameEn: row.from_kind === 'company' ? row.from_en : null,
    gfsCode: row.gfs_code,
    revenueStreamNameEn: row.revenue_stream_en,
    purpose: row.purpose,
    localityNameEn: row.locality_en,
    currency: row.currency,
    amountMinor: toMinor(row.amount_minor),
    exchangeRateMicros: toMinor(row.exchange_rate_micros),
    pkrAmountMinor: toMinor(row.pkr_amount_minor),
    reference: row.reference,
    description: row.description,
    comments: row.comments,
    reversesSeq: row.reverses_seq,
    reversalReason: row.reversal_reason,
    approvedAt,
  }
}

/**
 * Gives leaves to approved entries that have none — those approved before the tree existed — in
 * seq order. Idempotent; run at start.
 */
export async function syncLedgerTree(db: Database): Promise<number> {
  let added = 0
  for (;;) {
    // Read under the ledger lock: another app server starting at the same moment may be adding
    // the same leaves, and then this one finds them there.
    const batch = await writeTransaction(db, 'ledger', async (trx) => {
      // Only approval gives a seq, so this walks the seq index alone (a status condition would not).
      const missing = await trx
        .selectFrom('ledger_entries')
        .select('id')
        .where('seq', '>', await treeSize(trx))
        .orderBy('seq')
        .limit(5000)
        .execute()
      await appendLeaves(trx, missing.map((m) => m.id))
      return missing.length
    })
    if (batch === 0) return added
    added += batch
  }
}

export async function treeSize(db: Database): Promise<number> {
  const { size } = await db.selectFrom('ledger_leaves').select((eb) => eb.fn.max('seq').as('size')).executeTakeFirstOrThrow()
  return size ?? 0
}

/** The hashes of these perfect subtrees, in their order: two queries at most (leaves, inner nodes), however many subtrees. */
async function subtreeHashes(db: Database, nodes: ReturnType<typeof perfectSubtrees>): Promise<Uint8Array[]> {
  const leafSeqs = nodes.filter((n) => n.level === 0).map((n) => n.index + 1)
  const inner = nodes.filter((n) => n.level > 0)
  const found = new Map<string, Uint8Array>()
  if (leafSeqs.length > 0) {
    const leaves = await db.selectFrom('ledger_leaves').select(['seq', 'leaf_hash']).where('seq', 'in', leafSeqs).execute()
    for (const leaf of leaves) found.set(`0:${leaf.seq - 1}`, leaf.leaf_hash)
  }
  if (inner.length > 0) {
    const rows = await db
      .selectFrom('ledger_tree_nodes')
      .select(['level', 'idx', 'hash'])
      .where((eb) => eb.or(inner.map((n) => eb.and([eb('level', '=', n.level), eb('idx', '=', n.index)]))))
      .execute()
    for (const row of rows) found.set(`${row.level}:${row.idx}`, row.hash)
  }
  return nodes.map(({ level, index }) => {
    const hash = found.get(`${level}:${index}`)
    if (!hash) throw new Error(`the tree has no node at level ${level}, index ${index}`)
    return hash
  })
}

async function rangeHash(db: Database, range: LeafRange): Promise<Uint8Array> {
  return foldSubtrees(await subtreeHashes(db, perfectSubtrees(range)))
}

export class TreeSizeError extends Error {}

async function assertWithin(db: Database, ...sizes: number[]): Promise<void> {
  const size = await treeSize(db)
  for (const s of sizes) if (!Number.isSafeInteger(s) || s < 0 || s > size) throw new TreeSizeError(`the ledger tree has ${size} leaves; ${s} is out of range`)
}

/** The root hash of the tree of the first `size` leaves. */
export async function rootAt(db: Database, size: number): Promise<Uint8Array> {
  await assertWithin(db, size)
  return rangeHash(db, { start: 0, end: size })
}

/** The audit path for entry `seq` in the tree of the first `size` leaves, leaf-side first. */
export async function inclusionProofAt(db: Database, seq: number, size: number): Promise<Uint8Array[]> {
  await assertWithin(db, size)
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > size) throw new TreeSizeError(`entry ${seq} is not in a tree of ${size} leaves`)
  const proof: Uint8Array[] = []
  for (const range of inclusionRanges(seq - 1, size)) proof.push(await rangeHash(db, range))
  return proof
}

/** Entry `seq`'s leaf hash and its audit path in the tree of the first `size` leaves. */
export async function inclusionAt(db: Database, seq: number, size: number): Promise<{ leafHash: Uint8Array; proof: Uint8Array[] }> {
  const proof = await inclusionProofAt(db, seq, size)
  const [leafHash] = await subtreeHashes(db, [{ level: 0, index: seq - 1 }])
  return { leafHash: leafHash!, proof }
}

export type EntryInclusion = { pending: true } | { pending: false; seq: number; size: number; leafHash: Uint8Array; root: Uint8Array; proof: Uint8Array[] }

/** A published entry's audit path up to the latest checkpoint, or `pending` until a checkpoint covers it. */
export async function entryInclusion(db: Database, entryId: number): Promise<EntryInclusion> {
  const [leaf, checkpoint] = await Promise.all([leafOf(db, entryId), latestCheckpoint(db)])
  if (!leaf || !checkpoint || checkpoint.size < leaf.seq) return { pending: true }
  return { pending: false, seq: leaf.seq, size: checkpoint.size, leafHash: leaf.leafHash, root: checkpoint.rootHash, proof: await inclusionProofAt(db, leaf.seq, checkpoint.size) }
}

/** The proof that the tree of `from` leaves is a prefix of the tree of `to` leaves. */
export async function consistencyProofBetween(db: Database, from: number, to: number): Promise<Uint8Array[]> {
  await assertWithin(db, from, to)
  if (from < 1 || from > to) throw new TreeSizeError(`no consistency proof from ${from} to ${to}`)
  const proof: Uint8Array[] = []
  for (const range of consistencyRanges(from, to)) proof.push(await rangeHash(db, range))
  return proof
}

export async function leafOf(db: Database, entryId: number): Promise<{ seq: number; leafHash: Uint8Array; entryJson: string } | undefined> {
  const row = await db.selectFrom('ledger_leaves').select(['seq', 'leaf_hash', 'entry_json']).where('entry_id', '=', entryId).executeTakeFirst()
  return row && { seq: row.seq, leafHash: row.leaf_hash, entryJson: row.entry_json }
}

export interface PublishedCheckpoint {
  size: number
  rootHash: Uint8Array
  signedAt: string
  note: string
}

/** Signs and keeps a checkpoint for the tree as it stands, unless the latest one already covers it; times never go backwards. */
export async function publishCheckpoint(db: Database, signer: NoteSigner, now = new Date()): Promise<PublishedCheckpoint> {
  return writeTransaction(db, 'ledger', async (trx) => {
    const size = await treeSize(trx)
    const latest = await latestCheckpoint(trx)
    if (latest && latest.size >= size) return latest
    const rootHash = await rangeHash(trx, { start: 0, end: size })
    // Another server may have signed a smaller tree while this one waited for the lock: a larger
    // tree is never signed at an earlier time than a smaller one.
    const signedAt = latest && latest.signedAt > now.toISOString() ? latest.signedAt : now.toISOString()
    const note = signNote(checkpointText({ origin: signer.name, size, root: Buffer.from(rootHash), signedAt }), signer)
    await trx.insertInto('ledger_checkpoints').values({ size, root_hash: rootHash, signed_at: signedAt, note }).execute()
    return { size, rootHash, signedAt, note }
  })
}

export class SigningKeyMismatchError extends Error {
  override name = 'SigningKeyMismatchError'
}

/**
 * App servers that share a database must share its signing key: one that made a key of its own
 * would sign checkpoints no reader's key verifies, a second history beside the first. So a key
 * that did not sign the latest checkpoint is refused (a ledger with no checkpoint takes any key).
 * `keySource` says where the key came from, for the message.
 */
/** Whether `signer` signed the latest checkpoint (a ledger with none takes any key). */
export async function signsLatestCheckpoint(db: Database, signer: NoteSigner): Promise<boolean> {
  const latest = await latestCheckpoint(db)
  if (!latest) return true
  try {
    openNote(latest.note, verifierOf(signer))
    return true
  } catch (error) {
    if (error instanceof NoteError) return false
    throw error
  }
}

export async function assertSignsLatestCheckpoint(db: Database, signer: NoteSigner, keySource: string): Promise<void> {
  if (await signsLatestCheckpoint(db, signer)) return
  const latest = (await latestCheckpoint(db))!
  const signedBy = noteKeyNames(latest.note).join(', ') || 'no readable signature'
  throw new SigningKeyMismatchError(
    `Hisaab will not start: its ledger signing key ${signer.name}+${signer.keyId.toString('hex')} (${keySource}) did not sign this database's latest checkpoint ` +
      `(size ${latest.size}, signed by ${signedBy}). Every app server of one database must load the key that signed it: ` +
      'give each the same key file in HISAAB_LEDGER_KEY_FILE (or the key in HISAAB_LEDGER_KEY). Starting would sign a second, different history.',
  )
}

export async function latestCheckpoint(db: Database): Promise<PublishedCheckpoint | undefined> {
  const row = await db.selectFrom('ledger_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst()
  return row && { size: row.size, rootHash: row.root_hash, signedAt: row.signed_at, note: row.note }
}

export async function checkpointAt(db: Database, size: number): Promise<PublishedCheckpoint | undefined> {
  const row = await db.selectFrom('ledger_checkpoints').selectAll().where('size', '=', size).executeTakeFirst()
  return row && { size: row.size, rootHash: row.root_hash, signedAt: row.signed_at, note: row.note }
}

/** Every published checkpoint's size and time, newest first, a page at a time. */
export async function listCheckpoints(db: Database, options: { before?: number; limit: number }): Promise<Array<{ size: number; signedAt: string }>> {
  let q = db.selectFrom('ledger_checkpoints').select(['size', 'signed_at as signedAt']).orderBy('size', 'desc').limit(options.limit)
  if (options.before !== undefined) q = q.where('size', '<', options.before)
  return q.execute()
}
