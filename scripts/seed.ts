/**
 * `npm run db:seed`: migrates the database named by DATABASE_URL and loads the invented demo data
 * set into it. Safe to re-run: a database that already has the demo data is left as it is, and
 * one that holds real data is refused.
 */
import { analyzeAfterBulkLoad, assertReachable, createDb, DatabaseUnreachableError, migrateToLatest } from '../db/client'
import { env } from '../app/env.server'
import { fiscalYearLabel } from '../app/domain/fiscal-year'
import { ledgerSigner } from '../app/ledger-signer.server'
import { publishCheckpoint } from '../app/models/ledger-tree.server'
import { demoDataState, seedDemoData } from './demo-data'

const url = env.DATABASE_URL

async function main(): Promise<number> {
  const db = createDb(url)
  try {
    try {
      await assertReachable(db, url)
    } catch (error) {
      if (!(error instanceof DatabaseUnreachableError)) throw error
      console.error(error.message)
      // PostgreSQL's "database does not exist": the seed makes tables, not databases.
      if ((error.cause as { code?: string } | undefined)?.code === '3D000') {
        const { hostname, port, username, pathname } = new URL(url)
        console.error(`Create it first: createdb -h ${hostname} -p ${port || 5432}${username ? ` -U ${username}` : ''} ${pathname.slice(1)}`)
      }
      return 1
    }
    await migrateToLatest(db)
    const state = await demoDataState(db)
    if (state === 'loaded') {
      console.log(`Demo data is already loaded in ${url}`)
      return 0
    }
    if (state === 'incomplete') {
      console.error(`An earlier demo seed of ${url} stopped part-way. Delete the database file and run npm run db:seed again.`)
      return 1
    }
    if (state === 'real-data') {
      console.error(`Refusing to load demo data: ${url} already holds projects, parties or ledger entries that are not demo data.\nPoint DATABASE_URL at a new file to try the demo.`)
      return 1
    }
    const started = performance.now()
    const s = await seedDemoData(db)
    const checkpoint = await publishCheckpoint(db, ledgerSigner)
    await analyzeAfterBulkLoad(db)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(`Demo data loaded into ${url} in ${seconds} s (invented figures, for demonstration only):`)
    console.log(`  projects             ${s.projects} (${s.provinces.join(', ')})`)
    console.log(`  trusts               ${s.trusts}`)
    console.log(`  companies            ${s.companies}`)
    console.log(`  government parties   ${s.governmentParties}`)
    console.log(`  beneficiaries        ${s.beneficiaries}`)
    console.log(`  localities           ${s.localities}`)
    console.log(`  users                ${s.users} (demo accounts; password and sign-in codes in the README)`)
    console.log(`  sharing rules        ${s.revenueSharingRules}`)
    console.log(`  ledger entries       ${s.ledgerEntries} (${s.approvedEntries} approved, of them ${s.reversals} reversals; ${s.pendingEntries} pending; ${s.rejectedEntries} rejected; ${s.usdEntries} in USD)`)
    for (const [kind, n] of Object.entries(s.entriesByKind)) console.log(`    ${kind.padEnd(20)} ${n}`)
    console.log(`  fiscal years         ${s.fiscalYears.map((fy) => `FY ${fiscalYearLabel(fy)}`).join(', ')}`)
    console.log(`  employment quotas    ${s.employmentQuotas}`)
    console.log(`  employment reports   ${s.employmentReports} (${s.employmentReportLines} lines)`)
    console.log(`  ledger checkpoint    size ${checkpoint.size}, signed by ${ledgerSigner.name}`)
    return 0
  } finally {
    await db.destroy()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
