import { createDb, migrateToLatest, type Database } from '../db/client'
import { env } from './env.server'

/** The app's one database handle, migrated to the latest schema before the first request. */
export const db: Database = createDb(env.DATABASE_URL)
await migrateToLatest(db)
