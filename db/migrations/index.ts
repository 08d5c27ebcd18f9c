import type { Migration, MigrationProvider } from 'kysely'
import * as createDomain from './2026-11-28T2100Z-create-domain'
import * as loadGfsRevenueStreams from './2026-11-28T2101Z-load-gfs-revenue-streams'
import * as signIn from './2026-11-28T2200Z-sign-in'
import * as reversalRetry from './2026-11-28T2300Z-reversal-retry'
import * as ledgerListIndexes from './2026-11-28T2301Z-ledger-list-indexes'
import * as ledgerTree from './2026-11-29T0000Z-ledger-tree'
import * as partyCatalogue from './2026-12-02T1700Z-party-catalogue'
import * as dataVersion from './2026-12-07T1600Z-data-version'
import * as ledgerTextSearch from './2026-12-07T1600Z-ledger-text-search'
import * as ledgerTotals from './2026-12-07T2300Z-ledger-totals'

/**
 * Every migration, by name, in order. Listed by hand rather than read from the folder so that the
 * same list works in the Vite server bundle and under tsx; a test checks that no file is left out.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28T2100Z-create-domain': createDomain,
  '2026-11-28T2101Z-load-gfs-revenue-streams': loadGfsRevenueStreams,
  '2026-11-28T2200Z-sign-in': signIn,
  '2026-11-28T2300Z-reversal-retry': reversalRetry,
  '2026-11-28T2301Z-ledger-list-indexes': ledgerListIndexes,
  '2026-11-29T0000Z-ledger-tree': ledgerTree,
  '2026-12-02T1700Z-party-catalogue': partyCatalogue,
  '2026-12-07T1600Z-data-version': dataVersion,
  '2026-12-07T1600Z-ledger-text-search': ledgerTextSearch,
  '2026-12-07T2300Z-ledger-totals': ledgerTotals,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
}
