import type { Database } from '../../db/client'

/**
 * Runs `work` in a transaction of its own, or, when `db` already is a transaction, in the caller's:
 * a script can then make thousands of model calls one atomic unit, with one commit instead of one
 * per call (the demo seed). Inside the caller's transaction a failure fails the whole of it, so a
 * caller must not catch a model's error and carry on.
 */
export function inTransaction<T>(db: Database, work: (trx: Database) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}
