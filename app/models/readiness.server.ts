import { sql } from 'kysely'
import { pendingMigrations, type Database } from '../../db/client'
import type { NoteSigner } from '../domain/signed-note'
import { signsLatestCheckpoint } from './ledger-tree.server'

/**
 * What a load balancer asks before it sends readers to this app server. Each check says only
 * which state it is in: never an error message, a URL, a path or a key, since anyone can ask.
 */
export interface Readiness {
  ready: boolean
  database: 'reachable' | 'unreachable'
  migrations: 'current' | 'pending' | 'unknown'
  signingKey: 'signs-the-ledger' | 'did-not-sign-the-ledger' | 'unknown'
}

const UNREACHABLE: Readiness = { ready: false, database: 'unreachable', migrations: 'unknown', signingKey: 'unknown' }

export async function readiness(db: Database, signer: NoteSigner): Promise<Readiness> {
  try {
    await sql`select 1`.execute(db)
    const [pending, signs] = await Promise.all([pendingMigrations(db), signsLatestCheckpoint(db, signer)])
    const migrations = pending.length === 0 ? 'current' : 'pending'
    return { ready: migrations === 'current' && signs, database: 'reachable', migrations, signingKey: signs ? 'signs-the-ledger' : 'did-not-sign-the-ledger' }
  } catch {
    // Whatever failed, the database could not answer; what it said stays in the server's log.
    return UNREACHABLE
  }
}
