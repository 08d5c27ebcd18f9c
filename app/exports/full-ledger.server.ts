import { dirname, join } from 'node:path'
import { db } from '../db.server'
import { env } from '../env.server'
import { FullLedgerExport } from './full-ledger-file.server'

/** The app's one prebuilt full-ledger file. */
export const fullLedger = new FullLedgerExport(db, env.HISAAB_EXPORT_DIR ?? join(dirname(env.DATABASE_URL), 'exports'))
