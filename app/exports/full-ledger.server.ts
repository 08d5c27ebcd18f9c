import { db } from '../db.server'
import { env } from '../env.server'
import { ledgerSigner } from '../ledger-signer.server'
import { defaultExportDir } from '../local-files.server'
import { publishCheckpoint, type PublishedCheckpoint } from '../models/ledger-tree.server'
import { FullLedgerExport } from './full-ledger-file.server'

/** The app's one prebuilt full-ledger file. */
export const fullLedger = new FullLedgerExport(db, env.HISAAB_EXPORT_DIR ?? defaultExportDir(env.DATABASE_URL))

/**
 * After an approval: sign the new tree head, and append the new entry to the prebuilt export so
 * that it grows with the ledger. The approval has committed by then; if the file cannot be written
 * (a full disk, say) that is logged, and the next download catches the file up.
 */
export async function publishApprovals(): Promise<PublishedCheckpoint> {
  const checkpoint = await publishCheckpoint(db, ledgerSigner)
  try {
    await fullLedger.upTo(checkpoint.size)
  } catch (error) {
    console.error('The full-ledger export could not be grown; the next download will retry.', error)
  }
  return checkpoint
}
