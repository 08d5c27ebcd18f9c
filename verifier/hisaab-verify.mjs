#!/usr/bin/env node
// Hisaab ledger verifier. Needs nothing but Node.js (18 or later): copy this one file anywhere.
//
//   node hisaab-verify.mjs <ledger.ndjson> --checkpoint <file> --key <file or key> [--previous <file>]
//       Recomputes the Merkle root of a full ledger export (/downloads/ledger/full.ndjson), checks
//       the checkpoint's signature against the portal's key (/ledger/key), and, given a checkpoint
//       kept from earlier, that the export's first entries are exactly the tree it signed then.
//
//   node hisaab-verify.mjs --checkpoint <new> --previous <kept> --proof <file> --key <file or key>
//       Without an export: checks a consistency proof (/ledger/proofs/consistency?from=M&to=N)
//       that the newer checkpoint's tree extends the kept one.
//
// Exit status 0 when everything verifies, 1 when anything does not (the reason is printed, naming
// the entry), 2 when the command is wrong. The format is specified in docs/ledger-format.md; this
// file is a second, independent implementation of it, deliberately sharing no code with the portal.
import * as crypto from 'node:crypto'
import { createReadStream, existsSync, readFileSync } from 'node:fs'

const ENTRY_FORMAT = 'hisaab-ledger-entry/1'
// A line is {"entry":<entry bytes>,"leaf_hash":"<44 base64 characters>"}: fixed bytes either side.
const LINE_START = Buffer.from('{"entry":')
const HASH_KEY = Buffer.from(',"leaf_hash":"')
const LINE_TAIL = HASH_KEY.length + 44 + 2
const FORMAT_FIELD = Buffer.from(`"format":"${ENTRY_FORMAT}"`)

export class VerificationError extends Error {}

// ---------------------------------------------------------------- hashing (RFC 9162 §2.1)

const sha256 = (...parts) => {
  const h = crypto.createHash('sha256')
  for (const p of parts) h.update(p)
  return h.digest()
}
// One-shot hashing of a reused buffer is twice as fast as a hash object per leaf (Node 20.12+).
const oneShot = typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'buffer') : (data) => sha256(data)
let scratch = Buffer.alloc(4096)
export function leafHash(bytes) {
  if (scratch.length < bytes.length + 1) scratch = Buffer.alloc(bytes.length * 2 + 1)
  scratch[0] = 0x00
  scratch.set(bytes, 1)
  return oneShot(scratch.subarray(0, bytes.length + 1))
}
const nodeScratch = Buffer.alloc(65)
export function nodeHash(left, right) {
  nodeScratch[0] = 0x01
  nodeScratch.set(left, 1)
  nodeScratch.set(right, 33)
  return oneShot(nodeScratch)
}

/** The root of a tree fed one leaf at a time, in O(log n) memory: a stack of perfect subtrees. */
export class RootBuilder {
  size = 0
  #stack = []
  push(leaf) {
    this.#stack.push(leaf)
    this.size += 1
    for (let n = this.size; n % 2 === 0; n /= 2) {
      const right = this.#stack.pop()
      this.#stack.push(nodeHash(this.#stack.pop(), right))
    }
  }
  root() {
    if (this.#stack.length === 0) return sha256(Buffer.alloc(0))
    let root = this.#stack[this.#stack.length - 1]
    for (let i = this.#stack.length - 2; i >= 0; i--) root = nodeHash(this.#stack[i], root)
    return root
  }
}

/** RFC 9162 §2.1.4.2: is the tree of `oldSize` leaves with `oldRoot` a prefix of the newer one? */
export function verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof) {
  if (oldSize < 1 || oldSize > newSize) return false
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot)
  if (proof.length === 0) return false
  let isPowerOfTwo = oldSize
  while (isPowerOfTwo % 2 === 0) isPowerOfTwo /= 2
  const path = isPowerOfTwo === 1 ? [oldRoot, ...proof] : [...proof]
  let fn = oldSize - 1
  let sn = newSize - 1
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  let fr = path[0]
  let sr = path[0]
  for (const c of path.slice(1)) {
    if (sn === 0) return false
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr)
      sr = nodeHash(c, sr)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else {
      sr = nodeHash(sr, c)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot)
}

// ---------------------------------------------------------------- signed notes (c2sp.org/signed-note)

/** `<name>+<8 hex key ID>+<base64(0x01 || Ed25519 public key)>` */
export function parseVerifierKey(text) {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(text.trim())
  if (!match) throw new VerificationError('the key is not a signed-note verifier key (name+id+key)')
  const [, name, id, encoded] = match
  const raw = Buffer.from(encoded, 'base64')
  if (raw.length !== 33 || raw[0] !== 0x01) throw new VerificationError('the key is not an Ed25519 verifier key')
  const keyId = sha256(Buffer.from(`${name}\n`), raw).subarray(0, 4)
  if (keyId.toString('hex') !== id) throw new VerificationError('the key does not match its own key ID: it has been altered')
  const publicKey = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.subarray(1).toString('base64url') }, format: 'jwk' })
  return { name, keyId, publicKey, text: text.trim() }
}

/** The checkpoint inside a signed note, if `key` signed it. */
export function openCheckpoint(note, key, label = 'the checkpoint') {
  const split = note.lastIndexOf('\n\n')
  if (split < 0 || !note.endsWith('\n')) throw new VerificationError(`${label} is not a signed note`)
  const text = note.slice(0, split + 1)
  const signed = note
    .slice(split + 2, -1)
    .split('\n')
    .some((line) => {
      const match = /^\u2014 (\S+) (\S+)$/u.exec(line)
      if (!match || match[1] !== key.name) return false
      const raw = Buffer.from(match[2], 'base64')
      return raw.length === 68 && raw.subarray(0, 4).equals(key.keyId) && crypto.verify(null, Buffer.from(text), key.publicKey, raw.subarray(4))
    })
  if (!signed) throw new VerificationError(`${label} is not signed by ${key.text}: its signature is missing, altered, or made with another key`)
  const lines = text.split('\n')
  const [origin, size, root] = lines
  const rootBytes = Buffer.from(root ?? '', 'base64')
  if (!/^(0|[1-9][0-9]*)$/.test(size ?? '') || rootBytes.length !== 32) throw new VerificationError(`${label} is signed but not a checkpoint`)
  if (origin !== key.name) throw new VerificationError(`${label} is for the log "${origin}", not "${key.name}"`)
  const time = lines.find((l) => l.startsWith('time '))
  return { origin, size: Number(size), root: rootBytes, signedAt: time ? time.slice(5) : 'an unstated time' }
}

// ---------------------------------------------------------------- the export

/**
 * Reads an export line by line, checking every entry, and returns the count, the roots at the
 * sizes asked for, what is wrong (naming the entries), and whether the export runs on past the
 * checkpoint of `size` entries (`newer`).
 */
export async function checkExport(lines, rootSizes, size) {
  const roots = new Map()
  const builder = new RootBuilder()
  const damaged = []
  const order = new SeqOrder(size)
  let lineNo = 0
  // `lines` gives lines one at a time, or in arrays (a chunk of the file at a time, which is faster).
  for await (const item of lines) for (const text of Array.isArray(item) ? item : [item]) {
    lineNo += 1
    const line = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
    const n = line.length
    const shaped =
      n > LINE_START.length + LINE_TAIL &&
      line.compare(LINE_START, 0, LINE_START.length, 0, LINE_START.length) === 0 &&
      line.compare(HASH_KEY, 0, HASH_KEY.length, n - LINE_TAIL, n - LINE_TAIL + HASH_KEY.length) === 0 &&
      line[n - 2] === 0x22 &&
      line[n - 1] === 0x7d
    if (!shaped) {
      damaged.push(`line ${lineNo} is not an export line ({"entry":…,"leaf_hash":"…"}): it has been damaged`)
      builder.push(leafHash(line))
      if (rootSizes.includes(builder.size)) roots.set(builder.size, builder.root())
      continue
    }
    const entry = line.subarray(LINE_START.length, n - LINE_TAIL)
    const hash = leafHash(entry)
    builder.push(hash)
    if (rootSizes.includes(builder.size)) roots.set(builder.size, builder.root())
    const seq = seqOf(entry)
    const name = seq === null ? `the entry on line ${lineNo}` : `entry seq ${seq} (line ${lineNo})`
    if (hash.toString('base64') !== line.toString('latin1', n - 46, n - 2)) damaged.push(`${name} has been altered: its bytes no longer hash to its leaf hash`)
    else if (entry.indexOf(FORMAT_FIELD) < 0) damaged.push(`${name} is not in the format ${ENTRY_FORMAT}`)
    if (seq === null) damaged.push(`line ${lineNo} has no sequence number`)
    else order.see(seq, lineNo)
  }
  if (rootSizes.includes(0)) roots.set(0, new RootBuilder().root())
  const { problems, newer } = order.result()
  return { count: builder.size, roots, problems: [...damaged, ...problems].slice(0, 20), newer }
}

/**
 * What the sequence numbers say against a checkpoint of `size` entries (docs/ledger-format.md §7,
 * step 3). Order is judged between neighbours, never by line number, so that one removed or
 * inserted entry does not make every later line look out of place.
 */
class SeqOrder {
  #size
  #lineOf // lineOf[seq] = the first line holding seq, for seq 1 … size; 0 for none yet
  #duplicates = new Map() // seq → every line holding it
  #inserted = []
  #outOfOrder = []
  #previous = null // the last line holding a seq of the checkpoint's, seen for the first time
  #beyond = null // lines since the last seq of the checkpoint's that hold seqs above it
  #lastLine = 0

  constructor(size) {
    this.#size = size
    this.#lineOf = new Uint32Array(size + 1)
  }

  see(seq, line) {
    this.#lastLine = line
    if (seq > this.#size) {
      this.#beyond ??= { first: line, seqs: [] }
      if (this.#beyond.seqs.length < 20) this.#beyond.seqs.push([seq, line])
      return
    }
    // Entries above the checkpoint followed by one of its own were put in among them.
    if (this.#beyond) for (const [s, l] of this.#beyond.seqs) this.#inserted.push(`line ${l} holds entry seq ${s}, which is not in the checkpoint's ${this.#size} entries: an entry was inserted`)
    this.#beyond = null
    const first = this.#lineOf[seq]
    if (first !== 0) {
      this.#duplicates.set(seq, [...(this.#duplicates.get(seq) ?? [first]), line])
      return
    }
    this.#lineOf[seq] = line
    if (this.#previous && seq < this.#previous.seq) {
      this.#outOfOrder.push(`entry seq ${seq} (line ${line}) comes after entry seq ${this.#previous.seq} (line ${this.#previous.line}): entries are out of order`)
    }
    this.#previous = { seq, line }
  }

  result() {
    const problems = [...this.#duplicates].map(([seq, lines]) => `entry seq ${seq} appears more than once (lines ${lines.join(', ')}): an entry was duplicated or inserted`)
    problems.push(...this.#inserted, ...this.#missing())
    // A copy placed before its original makes the entries after it look out of order: name the copy alone.
    if (this.#duplicates.size === 0) problems.push(...this.#outOfOrder)
    // Entries above the checkpoint after all of its own: the export was made after the checkpoint.
    const newer = this.#beyond && { firstLine: this.#beyond.first, lastLine: this.#lastLine }
    return { problems, newer }
  }

  /** Runs of seqs 1 … size on no line; a run at the end may only mean the export is older. */
  #missing() {
    const runs = []
    for (let seq = 1; seq <= this.#size && runs.length < 20; seq++) {
      if (this.#lineOf[seq] !== 0) continue
      let last = seq
      while (last < this.#size && this.#lineOf[last + 1] === 0) last++
      const which = seq === last ? `entry seq ${seq} is missing` : `entries seq ${seq}–${last} are missing`
      const removed = seq === last ? 'it was removed' : 'they were removed'
      runs.push(
        last === this.#size && seq > 1
          ? `${which}: ${removed}, or the export is older than the checkpoint (then verify it against the checkpoint for ${seq - 1} entries, /ledger/checkpoints/${seq - 1})`
          : `${which}: ${removed}`,
      )
      seq = last
    }
    return runs
  }
}

const SEQ_KEY = Buffer.from('"seq":')

/**
 * The entry's seq, read without parsing the whole entry: in canonical JSON a quotation mark inside
 * a string is always escaped, so `"seq":` preceded by `{` or `,` can only be the member itself.
 * Anything else (a damaged entry) is parsed properly, if it parses.
 */
function seqOf(entry) {
  // From the end: members are in name order, and seq is near the end.
  for (let at = entry.lastIndexOf(SEQ_KEY); at > 0; at = entry.lastIndexOf(SEQ_KEY, at - 1)) {
    if (entry[at - 1] !== 0x2c && entry[at - 1] !== 0x7b) continue
    let end = at + SEQ_KEY.length
    let value = 0
    while (end < entry.length && entry[end] >= 0x30 && entry[end] <= 0x39 && end - at < 22) value = value * 10 + entry[end++] - 0x30
    if (end > at + SEQ_KEY.length && (entry[end] === 0x2c || entry[end] === 0x7d) && Number.isSafeInteger(value) && value > 0) return value
    break
  }
  try {
    const seq = JSON.parse(entry.toString('utf8'))?.seq
    return Number.isSafeInteger(seq) && seq > 0 ? seq : null
  } catch {
    return null
  }
}

/** The file's lines as bytes (no decoding: the bytes are what is hashed), without their LF, a chunk's worth at a time. */
async function* linesOf(path) {
  let rest = Buffer.alloc(0)
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk
    const lines = []
    let start = 0
    for (let end = buffer.indexOf(0x0a, start); end >= 0; end = buffer.indexOf(0x0a, start)) {
      lines.push(buffer.subarray(start, end))
      start = end + 1
    }
    rest = buffer.subarray(start)
    yield lines
  }
  if (rest.length > 0) yield [rest]
}

// ---------------------------------------------------------------- the command

function readArgument(value, what) {
  if (value === undefined) throw new UsageError(`${what} is missing`)
  return existsSync(value) ? readFileSync(value, 'utf8') : value
}

class UsageError extends Error {}

function parseArguments(argv) {
  const options = { export: undefined, checkpoint: undefined, key: undefined, previous: undefined, proof: undefined }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const flag = /^--(checkpoint|key|previous|proof)$/.exec(arg)
    if (flag) options[flag[1]] = argv[++i]
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`)
    else if (options.export === undefined) options.export = arg
    else throw new UsageError(`more than one export given: ${arg}`)
  }
  if (!options.checkpoint || !options.key) throw new UsageError('--checkpoint and --key are required')
  if (!options.export && !(options.previous && options.proof)) throw new UsageError('give an export to verify, or --previous and --proof to check consistency')
  return options
}

/** Verifies as the options say; returns the report's lines, throwing a VerificationError at the first failure. */
export async function run(options, lines = options.export ? linesOf(options.export) : undefined) {
  const report = []
  const key = parseVerifierKey(readArgument(options.key, 'the key'))
  const checkpoint = openCheckpoint(readArgument(options.checkpoint, 'the checkpoint'), key)
  report.push(`ok  checkpoint: ${checkpoint.size} entries, root ${checkpoint.root.toString('base64')}, signed at ${checkpoint.signedAt} by ${key.name}`)
  const previous = options.previous ? openCheckpoint(readArgument(options.previous, 'the kept checkpoint'), key, 'the kept checkpoint') : undefined
  if (previous && previous.size > checkpoint.size) throw new VerificationError(`the kept checkpoint (${previous.size} entries) is larger than the new one (${checkpoint.size}): the ledger cannot shrink`)

  if (options.proof && !lines) {
    const proof = JSON.parse(readArgument(options.proof, 'the proof'))
    const hashes = (proof.proof ?? []).map((h) => Buffer.from(h, 'base64'))
    if (proof.from !== previous.size || proof.to !== checkpoint.size) throw new VerificationError(`the proof is from ${proof.from} to ${proof.to}, not from ${previous.size} to ${checkpoint.size}`)
    if (!verifyConsistency(previous.size, checkpoint.size, previous.root, checkpoint.root, hashes)) {
      throw new VerificationError(`INCONSISTENT: the tree of ${checkpoint.size} entries does not extend the kept tree of ${previous.size} entries — published history was rewritten`)
    }
    report.push(`ok  consistent: the kept checkpoint of ${previous.size} entries is a prefix of the new one (consistency proof)`)
    return report
  }

  const sizes = [checkpoint.size, ...(previous ? [previous.size] : [])]
  const { count, roots, problems, newer } = await checkExport(lines, sizes, checkpoint.size)
  if (problems.length > 0) throw new VerificationError(problems.join('\n'))
  // (Fewer entries than the checkpoint's size shows above, as missing entries.)
  if (newer) {
    const first = roots.get(checkpoint.size).equals(checkpoint.root) ? `its first ${checkpoint.size} entries match the signed root, but` : `its first ${checkpoint.size} entries do not add up to the signed root (one was changed together with its leaf hash), and`
    throw new VerificationError(
      `the export holds ${count} entries, more than the checkpoint's ${checkpoint.size}: ${first} lines ${newer.firstLine}–${newer.lastLine} hold entries approved after the checkpoint, which it does not cover. Verify the export against the checkpoint for ${count} entries (/ledger/checkpoints/${count})`,
    )
  }
  report.push(`ok  ${count} entries, seq 1–${count} in order, each matching its leaf hash`)
  const prefixMatches = previous ? roots.get(previous.size).equals(previous.root) : undefined
  if (!roots.get(checkpoint.size).equals(checkpoint.root)) {
    const where = prefixMatches === undefined ? '' : prefixMatches ? ` among seq ${previous.size + 1}–${checkpoint.size}` : ` among seq 1–${previous.size} (they do not match the kept checkpoint either)`
    throw new VerificationError(`the entries do not add up to the signed root: an entry${where} was changed together with its leaf hash`)
  }
  report.push('ok  the Merkle root of the entries is the signed root')
  if (previous) {
    if (!prefixMatches) {
      throw new VerificationError(`INCONSISTENT: the first ${previous.size} entries of the export are not the tree of the kept checkpoint (signed at ${previous.signedAt}) — published history was rewritten`)
    }
    report.push(`ok  consistent: the kept checkpoint of ${previous.size} entries (signed at ${previous.signedAt}) is a prefix of this one`)
  }
  return report
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href
if (invokedDirectly) {
  try {
    for (const line of await run(parseArguments(process.argv.slice(2)))) console.log(line)
    console.log('VERIFIED')
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\nusage: hisaab-verify <ledger.ndjson> --checkpoint <file> --key <file or key> [--previous <kept checkpoint>]\n       hisaab-verify --checkpoint <file> --previous <kept checkpoint> --proof <file> --key <file or key>`)
      process.exitCode = 2
    } else if (error instanceof VerificationError) {
      console.error(`NOT VERIFIED\n${error.message}`)
      process.exitCode = 1
    } else {
      throw error
    }
  }
}
