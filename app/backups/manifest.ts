import { z } from 'zod'
import type { DatabaseFacts } from '../domain/database-facts'

/**
 * What a backup folder holds beside the database itself: which file, its SHA-256, and the facts
 * of the copy as it was taken — every table's rows and checksum, the ledger tree recomputed from
 * its leaves, and the latest signed checkpoint — so that a restore can prove it got exactly that.
 * The signing key is never in a backup (docs/deploy.md says where it is kept instead).
 */
export interface BackupManifest {
  format: 'hisaab-backup/1'
  engine: 'sqlite' | 'postgres'
  takenAt: string
  /** The database file in the same folder: a SQLite file, or a pg_dump archive (custom format). */
  file: string
  bytes: number
  sha256: string
  checkpoint: { size: number; rootHex: string; note: string } | null
  facts: DatabaseFacts
}

export const MANIFEST_FILE = 'manifest.json'

const TableFactsSchema = z.object({ table: z.string(), rows: z.number().int().nonnegative(), sha256: z.string() })
const FactsSchema = z.object({
  migrations: z.array(z.string()),
  tables: z.array(TableFactsSchema),
  tree: z.object({
    leaves: z.number().int().nonnegative(),
    gapAt: z.number().int().nullable(),
    badLeaves: z.number().int().nonnegative(),
    leavesRoot: z.string(),
    nodesRoot: z.string().nullable(),
    checkpoint: z.object({ size: z.number().int(), root: z.string(), leavesRoot: z.string().nullable(), noteMatches: z.boolean() }).nullable(),
  }),
  idCounters: z.record(z.string(), z.number().int()),
})

const ManifestSchema = z.object({
  format: z.literal('hisaab-backup/1'),
  engine: z.enum(['sqlite', 'postgres']),
  takenAt: z.string(),
  // A bare file name: a manifest cannot point a restore elsewhere on the machine.
  file: z.string().regex(/^[A-Za-z0-9._-]+$/),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  checkpoint: z.object({ size: z.number().int().nonnegative(), rootHex: z.string().regex(/^[0-9a-f]{64}$/), note: z.string() }).nullable(),
  facts: FactsSchema,
})

export class ManifestError extends Error {
  override name = 'ManifestError'
}

export function parseManifest(text: string): BackupManifest {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ManifestError('The manifest is not JSON.')
  }
  const parsed = ManifestSchema.safeParse(json)
  if (!parsed.success) throw new ManifestError(`The manifest is not a Hisaab backup manifest: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`).join('; ')}`)
  return parsed.data
}
