import { assertReachable, createDb, migrateToLatest, type Database } from '../db/client'
import { env } from './env.server'
import { ledgerKeySource, ledgerSigner } from './ledger-signer.server'
import { assertSignsLatestCheckpoint, publishCheckpoint, syncLedgerTree } from './models/ledger-tree.server'

/**
 * The app's one database handle, migrated to the latest schema before the first request, with the
 * ledger tree caught up and its head signed (entries approved before the tree existed get their
 * leaves here; a crash between an approval and its checkpoint is mended here). A server whose key
 * did not sign the latest checkpoint stops here, before it signs anything.
 */
export const db: Database = createDb(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE })
await assertReachable(db, env.DATABASE_URL)
await migrateToLatest(db)
await assertSignsLatestCheckpoint(db, ledgerSigner, ledgerKeySource)
await syncLedgerTree(db)
await publishCheckpoint(db, ledgerSigner)
