import { sql } from 'kysely'
import type { Database } from '../../db/client'

/**
 * The version of everything the public can read. Every write a reader could see bumps it inside
 * its own transaction (writeTransaction does, for the ledger, employment and sharing), so a page
 * cached under an older version is never served after that write commits, in any app process.
 */
export async function readDataVersion(db: Database): Promise<number> {
  const row = await db.selectFrom('data_version').select('version').where('scope', '=', 'public').executeTakeFirstOrThrow()
  return row.version
}

export async function bumpDataVersion(trx: Database): Promise<void> {
  await trx.updateTable('data_version').set({ version: sql`version + 1` }).where('scope', '=', 'public').execute()
}
