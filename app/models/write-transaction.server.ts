import { sql } from 'kysely'
import { isSqlite, type Database } from '../../db/client'
import { bumpDataVersion } from './data-version.server'

/**
 * The histories that several app processes may write at once, each serialised on its own lock:
 * the ledger (entries, decisions, sequence numbers, Merkle leaves and checkpoints, and the trust
 * balances that guard a disbursement), employment reports and quotas, revenue-sharing rules, and
 * the catalogue of projects, parties and places that an admin keeps.
 */
export type WriteLock = 'ledger' | 'employment' | 'sharing' | 'catalogue'

/** PostgreSQL advisory lock keys: one namespace ("HSAB") and one number per history. */
const LOCK_NAMESPACE = 0x48534142
const LOCK_NUMBERS: Record<WriteLock, number> = { ledger: 1, employment: 2, sharing: 3, catalogue: 4 }

/** How often a transaction that PostgreSQL aborted for a serialisation failure or deadlock is run again. */
export const MAX_ATTEMPTS = 5

/**
 * Runs `work` in one transaction that holds `lock` from its first statement to its commit, so that
 * what it reads (the last seq, a trust's balance, whether an entry is still pending) cannot change
 * under it in another process before it writes. On PostgreSQL that is a transaction-level advisory
 * lock, released by COMMIT or ROLLBACK whatever happens, so a process that dies holding it frees it.
 * SQLite needs none: a SQLite file has one app process (docs/deploy.md), whose connection Kysely
 * serialises.
 *
 * The data version is bumped before the commit, so pages cached before it are not served after it.
 *
 * A transaction PostgreSQL aborts as a serialisation failure or a deadlock did nothing, and is run
 * again (a few times, after a short random pause), so that neither ever reaches a user. A lost
 * connection is not retried: the commit may or may not have happened, and the caller must ask.
 */
export async function writeTransaction<T>(db: Database, lock: WriteLock | null, work: (trx: Database) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        if (lock !== null && !isSqlite(trx)) await sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${LOCK_NUMBERS[lock]})`.execute(trx)
        const result = await work(trx)
        // Each of these histories is public: cached pages made before this commit are stale after it.
        if (lock !== null) await bumpDataVersion(trx)
        return result
      })
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt))
    }
  }
}

/** serialization_failure and deadlock_detected: PostgreSQL rolled the transaction back whole. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01'])

export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRYABLE_SQLSTATES.has((error as { code?: unknown }).code as string)
}
