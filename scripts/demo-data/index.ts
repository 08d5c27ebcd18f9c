import { createDb, migrateToLatest, type Database } from '../../db/client'
import type { EntryKind } from '../../db/schema'
import { DEMO_DATA_KEY } from '../../app/models/settings.server'
import { APP_TABLES } from '../../db/schema/tables'
import { bumpDataVersion } from '../../app/models/data-version.server'
import { copyRows, rowCount } from './copy'
import { seedEmployment } from './employment'
import { seedLedger } from './ledger'
import { buildWorld } from './world'

export { EDGE_CASES, REPORT_QUARTERS } from './employment'
export { CORRECTIONS, PENDING_FROM, REJECTED_DUPLICATES, SHORT_TRANSFERS } from './ledger'
export { DEMO_PASSWORD, DEMO_TOTP_SECRETS } from './world'

/** Marks the demo data set while it is being written; replaced by '1' when it is complete. */
const LOADING = 'loading'

export interface SeedSummary {
  projects: number
  provinces: string[]
  trusts: number
  companies: number
  governmentParties: number
  beneficiaries: number
  localities: number
  users: number
  revenueSharingRules: number
  ledgerEntries: number
  approvedEntries: number
  pendingEntries: number
  rejectedEntries: number
  /** Approved reversals: corrections of approved entries. */
  reversals: number
  entriesByKind: Record<EntryKind, number>
  usdEntries: number
  fiscalYears: number[]
  employmentQuotas: number
  employmentReports: number
  employmentReportLines: number
}

/**
 * What the database holds, as far as seeding is concerned:
 * - `loaded`: the demo data set is there, complete;
 * - `incomplete`: a seed started and did not finish;
 * - `real-data`: projects, parties or ledger entries that are not demo data — never seed over them;
 * - `empty`: nothing yet, safe to seed.
 */
export type DemoDataState = 'loaded' | 'incomplete' | 'real-data' | 'empty'

export async function demoDataState(db: Database): Promise<DemoDataState> {
  const marker = await db.selectFrom('settings').select('value').where('key', '=', DEMO_DATA_KEY).executeTakeFirst()
  if (marker) return marker.value === '1' ? 'loaded' : 'incomplete'
  for (const table of ['projects', 'parties', 'ledger_entries'] as const) {
    const row = await db.selectFrom(table).select('id').limit(1).executeTakeFirst()
    if (row) return 'real-data'
  }
  return 'empty'
}

/**
 * Loads the invented demo data set into an empty, migrated database. Every ledger entry goes
 * through the models the forms use — createEntry, approveEntry, rejectEntry, createReversal; the
 * same rows come out on every run (seeded random numbers, a clock derived from value dates).
 *
 * The models run against a private in-memory SQLite database, where a query costs no round trip,
 * and the rows are then copied into `db` in a few hundred multi-row inserts, in one transaction.
 * Run against PostgreSQL itself, the models' ~58,000 queries, each a round trip to the server,
 * took 20 s on a quiet machine and over a minute on a busy one; both engines make the same rows.
 */
export async function seedDemoData(db: Database): Promise<SeedSummary> {
  const state = await demoDataState(db)
  if (state !== 'empty') throw new Error(`The demo data can only be loaded into an empty database (this one is ${state})`)
  const memory = createDb(':memory:')
  try {
    await migrateToLatest(memory)
    // The app's tables, parents first; derived ones (the text-search index) fill themselves from
    // their triggers as rows arrive, and the data version is the target's own, bumped below.
    const tables: string[] = APP_TABLES.map((t) => t.name).filter((name) => name !== 'data_version')
    // Tables the migrations fill (the GFS list) are in `db` already.
    const filled = new Map(await Promise.all(tables.map(async (t) => [t, await rowCount(memory, t)] as const)))
    await memory.insertInto('settings').values({ key: DEMO_DATA_KEY, value: LOADING }).execute()
    const world = await buildWorld(memory)
    await seedLedger(memory, world)
    await seedEmployment(memory, world)
    await memory.updateTable('settings').set({ value: '1' }).where('key', '=', DEMO_DATA_KEY).execute()
    for (const [table, before] of filled) {
      if (before > 0 && (await rowCount(memory, table)) !== before) throw new Error(`The demo seed wrote to ${table}, which the migrations fill`)
    }
    await db.transaction().execute(async (trx) => {
      await copyRows(memory, trx, tables.filter((t) => filled.get(t) === 0))
      // A server already running on `db` drops the pages it cached before the demo data arrived.
      await bumpDataVersion(trx)
    })
  } finally {
    await memory.destroy()
  }
  return summarise(db)
}

export async function summarise(db: Database): Promise<SeedSummary> {
  const count = async (table: 'projects' | 'localities' | 'users' | 'revenue_sharing_rules' | 'employment_quotas' | 'employment_reports') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const parties = await db.selectFrom('parties').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute()
  const partyCount = (...kinds: string[]) => parties.filter((p) => kinds.includes(p.kind)).reduce((sum, p) => sum + Number(p.n), 0)
  const entries = await db.selectFrom('ledger_entries').select(['kind', 'status', 'currency', 'fiscal_year', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['kind', 'status', 'currency', 'fiscal_year']).execute()
  const entryCount = (keep: (e: (typeof entries)[number]) => boolean) => entries.filter(keep).reduce((sum, e) => sum + Number(e.n), 0)
  const reversals = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'approved')
    .where('reverses_entry_id', 'is not', null)
    .executeTakeFirstOrThrow()
  const provinces = await db.selectFrom('projects').select('province').distinct().orderBy('province').execute()
  const lines = await db.selectFrom('employment_report_lines').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return {
    projects: await count('projects'),
    provinces: provinces.map((p) => p.province),
    trusts: partyCount('trust'),
    companies: partyCount('company'),
    governmentParties: partyCount('government_federal', 'government_provincial'),
    beneficiaries: partyCount('beneficiary'),
    localities: await count('localities'),
    users: await count('users'),
    revenueSharingRules: await count('revenue_sharing_rules'),
    ledgerEntries: entryCount(() => true),
    approvedEntries: entryCount((e) => e.status === 'approved'),
    pendingEntries: entryCount((e) => e.status === 'pending'),
    rejectedEntries: entryCount((e) => e.status === 'rejected'),
    reversals: Number(reversals.n),
    entriesByKind: {
      payment: entryCount((e) => e.kind === 'payment'),
      share_transfer: entryCount((e) => e.kind === 'share_transfer'),
      direct_contribution: entryCount((e) => e.kind === 'direct_contribution'),
      disbursement: entryCount((e) => e.kind === 'disbursement'),
    },
    usdEntries: entryCount((e) => e.currency === 'USD'),
    fiscalYears: [...new Set(entries.map((e) => e.fiscal_year))].sort((a, b) => a - b),
    employmentQuotas: await count('employment_quotas'),
    employmentReports: await count('employment_reports'),
    employmentReportLines: Number(lines.n),
  }
}
