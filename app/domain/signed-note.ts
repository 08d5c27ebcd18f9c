/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys, and the transparency-log
 * checkpoint they carry (https://c2sp.org/tlog-checkpoint).
 *
 *   key ID        = SHA-256(name || 0x0A || 0x01 || public key)[0:4]
 *   verifier key  = <name>+<key ID, 8 hex digits>+<base64(0x01 || public key)>
 *   private key   = PRIVATE+KEY+<name>+<key ID>+<base64(0x01 || 32-byte seed)>   (Go's note.NewSigner format)
 *   signed note   = text (ending in a newline) || "\n" || one line per signature:
 *                   "— <name> <base64(key ID || Ed25519 signature of text)>\n"
 */
import * as crypto from 'node:crypto'

const ED25519 = 0x01
const SIGNATURE_PREFIX = '\u2014 ' // EM DASH, space
// An Ed25519 private key in PKCS #8 DER is this fixed header followed by the 32-byte seed.
const PKCS8_ED25519_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex')

export interface NoteSigner {
  name: string
  keyId: Buffer
  privateKey: crypto.KeyObject
  publicKey: Buffer
}

export class NoteError extends Error {}

function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !/\p{Cc}/u.test(name)
}

function keyIdOf(name: string, publicKey: Buffer): Buffer {
  return crypto.createHash('sha256').update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519]), publicKey])).digest().subarray(0, 4)
}

function signerFromSeed(name: string, seed: Buffer): NoteSigner {
  if (!isValidKeyName(name)) throw new NoteError(`"${name}" cannot name a key: it must be non-empty, with no spaces and no "+"`)
  if (seed.length !== 32) throw new NoteError('an Ed25519 seed is 32 bytes')
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_HEADER, seed]), format: 'der', type: 'pkcs8' })
  const jwk = crypto.createPublicKey(privateKey).export({ format: 'jwk' })
  const publicKey = Buffer.from(jwk.x as string, 'base64url')
  return { name, keyId: keyIdOf(name, publicKey), privateKey, publicKey }
}

/** A new random key named `name`, and its private-key string (the one thing to keep secret). */
export function generateSigner(name: string): { signer: NoteSigner; privateKeyText: string } {
  const seed = crypto.randomBytes(32)
  const signer = signerFromSeed(name, seed)
  return { signer, privateKeyText: `PRIVATE+KEY+${name}+${signer.keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}` }
}

/** Reads a `PRIVATE+KEY+…` string, checking that its key ID matches the key. */
export function parsePrivateKey(text: string): NoteSigner {
  // Base64 may itself hold "+", so the fields are matched from the left, not split.
  const match = /^PRIVATE\+KEY\+([^+\s]+)\+([0-9a-fA-F]{8})\+(\S+)$/.exec(text.trim())
  if (!match) throw new NoteError('not a signed-note private key (PRIVATE+KEY+name+id+key)')
  const [, name, id, key] = match as unknown as [string, string, string, string]
  const raw = Buffer.from(key, 'base64')
  if (raw.length !== 33 || raw[0] !== ED25519) throw new NoteError('the private key is not an Ed25519 key')
  const signer = signerFromSeed(name, raw.subarray(1))
  if (signer.keyId.toString('hex') !== id.toLowerCase()) throw new NoteError('the private key does not match its key ID')
  return signer
}

/** The public verifier key, as published at /ledger/key. */
export function verifierKey(signer: Pick<NoteSigner, 'name' | 'keyId' | 'publicKey'>): string {
  return `${signer.name}+${signer.keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), signer.publicKey]).toString('base64')}`
}

export interface Verifier {
  name: string
  keyId: Buffer
  publicKey: crypto.KeyObject
}

export function parseVerifierKey(text: string): Verifier {
  const match = /^([^+\s]+)\+([0-9a-fA-F]{8})\+(\S+)$/.exec(text.trim())
  if (!match || !isValidKeyName(match[1]!)) throw new NoteError('not a signed-note verifier key (name+id+key)')
  const [, name, id, key] = match as unknown as [string, string, string, string]
  const raw = Buffer.from(key, 'base64')
  if (raw.length !== 33 || raw[0] !== ED25519) throw new NoteError('the verifier key is not an Ed25519 key')
  const keyId = keyIdOf(name, raw.subarray(1))
  if (keyId.toString('hex') !== id.toLowerCase()) throw new NoteError('the verifier key does not match its key ID')
  const publicKey = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.subarray(1).toString('base64url') }, format: 'jwk' })
  return { name, keyId, publicKey }
}

/** The verifier for a signer's own key. */
export function verifierOf(signer: NoteSigner): Verifier {
  return { name: signer.name, keyId: signer.keyId, publicKey: crypto.createPublicKey(signer.privateKey) }
}

/** The keys a note's signature lines name, as `name+key ID`; not verified, for telling a reader which key signed. */
export function noteKeyNames(note: string): string[] {
  const split = note.lastIndexOf('\n\n')
  if (split < 0) return []
  const names: string[] = []
  for (const line of note.slice(split + 2).split('\n')) {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line)
    if (!match) continue
    const raw = Buffer.from(match[2]!, 'base64')
    names.push(`${match[1]}+${raw.subarray(0, 4).toString('hex')}`)
  }
  return names
}

/** Signs `text`, which must end in a newline and hold no blank line at its end. */
export function signNote(text: string, signer: NoteSigner): string {
  if (!text.endsWith('\n') || text.endsWith('\n\n')) throw new NoteError('a note ends in exactly one newline')
  const signature = crypto.sign(null, Buffer.from(text, 'utf8'), signer.privateKey)
  return `${text}\n${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`
}

/**
 * The text of a signed note if `verifier` signed it; otherwise a NoteError saying why. Signatures
 * by other keys are allowed alongside (a witness may cosign), but one from `verifier` must verify.
 */
export function openNote(note: string, verifier: Verifier): string {
  const split = note.lastIndexOf('\n\n')
  if (split < 0 || !note.endsWith('\n')) throw new NoteError('not a signed note: no blank line before the signatures')
  const text = note.slice(0, split + 1)
  const lines = note.slice(split + 2, -1).split('\n')
  let sawOurName = false
  for (const line of lines) {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line)
    if (!match) throw new NoteError(`not a signature line: ${JSON.stringify(line)}`)
    const [, name, encoded] = match as unknown as [string, string, string]
    if (name !== verifier.name) continue
    sawOurName = true
    const raw = Buffer.from(encoded, 'base64')
    if (raw.length !== 4 + 64 || !raw.subarray(0, 4).equals(verifier.keyId)) continue
    if (crypto.verify(null, Buffer.from(text, 'utf8'), verifier.publicKey, raw.subarray(4))) return text
  }
  throw new NoteError(sawOurName ? `the signature by ${verifier.name} does not verify with this key` : `the note carries no signature by ${verifier.name}`)
}

export interface Checkpoint {
  origin: string
  size: number
  root: Buffer
  /** When the portal signed it: an extension line `time <ISO 8601 UTC>`. */
  signedAt: string
}

export function checkpointText(c: Checkpoint): string {
  return `${c.origin}\n${c.size}\n${c.root.toString('base64')}\ntime ${c.signedAt}\n`
}

export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n')
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new NoteError('a checkpoint has an origin, a size and a root hash, each on its own line')
  const [origin, size, root] = lines as [string, string, string]
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) throw new NoteError(`the checkpoint size "${size}" is not a number`)
  const rootBytes = Buffer.from(root, 'base64')
  if (rootBytes.length !== 32 || rootBytes.toString('base64') !== root) throw new NoteError('the checkpoint root is not a base64 SHA-256 hash')
  const time = lines.slice(3, -1).find((l) => l.startsWith('time '))
  return { origin, size: Number(size), root: rootBytes, signedAt: time ? time.slice(5) : '' }
}
