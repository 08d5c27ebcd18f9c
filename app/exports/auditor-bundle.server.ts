import { createHash } from 'node:crypto'
import type { Database } from '../../db/client'
import { exportLine } from '../domain/published-entry'
import { signNote, verifierKey, type NoteSigner } from '../domain/signed-note'
import { everyAuditEvent, everyEntry } from '../models/auditor-export.server'
import { entriesBySeq } from '../models/ledger-export.server'
import type { PublishedCheckpoint } from '../models/ledger-tree.server'
import { zipStream, type ZipPart } from './zip-stream'

export const BUNDLE_FORMAT = 'hisaab-auditor-bundle/1'

/**
 * The auditor's bundle, one zip:
 *
 *   ledger.ndjson           the public ledger up to the checkpoint, verifiable as docs/ledger-format.md says
 *   checkpoint.txt, key.txt that checkpoint and the key that signed it
 *   ledger-complete.ndjson  every entry — pending and rejected too — with who recorded and decided it
 *   audit-events.ndjson     the whole audit trail, this export's own event included
 *   manifest.json           what is in the bundle: each file's size and SHA-256, who made it, when
 *   manifest.json.sig       manifest.json as a signed note, signed with the ledger key
 *
 * Checking the signature of the manifest, then each file's hash against it, proves the bundle is
 * what the portal produced; ledger.ndjson is checked against the checkpoint as any export is.
 */
export function auditorBundle(db: Database, signer: NoteSigner, checkpoint: PublishedCheckpoint, madeBy: { id: number; name: string }, now: Date): ReadableStream<Uint8Array> {
  const files: Array<{ path: string; bytes: number; sha256: string }> = []
  const hashed = (name: string, content: () => AsyncIterable<string>): ZipPart => ({
    name,
    async *content() {
      const hash = createHash('sha256')
      let bytes = 0
      for await (const piece of content()) {
        const data = Buffer.from(piece, 'utf8')
        hash.update(data)
        bytes += data.length
        yield data
      }
      files.push({ path: name, bytes, sha256: hash.digest('base64') })
    },
  })
  const ndjson = (batches: () => AsyncIterable<Array<Record<string, unknown>>>) =>
    async function* () {
      for await (const batch of batches()) yield batch.map((row) => `${JSON.stringify(row)}\n`).join('')
    }
  const manifest = () =>
    `${JSON.stringify(
      {
        format: BUNDLE_FORMAT,
        generated_at: now.toISOString(),
        generated_by: madeBy,
        checkpoint: { size: checkpoint.size, root: Buffer.from(checkpoint.rootHash).toString('base64'), signed_at: checkpoint.signedAt },
        key: verifierKey(signer),
        files,
      },
      null,
      2,
    )}\n`
  return zipStream([
    hashed('ledger.ndjson', async function* () {
      for await (const batch of entriesBySeq(db, 0, checkpoint.size)) yield batch.map((e) => `${exportLine(e.entryJson, e.leafHash)}\n`).join('')
    }),
    hashed('checkpoint.txt', async function* () {
      yield checkpoint.note
    }),
    hashed('key.txt', async function* () {
      yield `${verifierKey(signer)}\n`
    }),
    hashed('ledger-complete.ndjson', ndjson(() => everyEntry(db))),
    hashed('audit-events.ndjson', ndjson(() => everyAuditEvent(db))),
    // Written last, when every file above has been hashed.
    {
      name: 'manifest.json',
      async *content() {
        yield manifest()
      },
    },
    {
      name: 'manifest.json.sig',
      async *content() {
        yield signNote(manifest(), signer)
      },
    },
  ])
}
