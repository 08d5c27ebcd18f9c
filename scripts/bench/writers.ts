// Officers writing and readers reading at once (issue 14): 20 officers recording and approving
// entries through the portal's own forms while 50 anonymous readers load the Urdu pages, for 60 s,
// on SQLite with synchronous=FULL. No SQLITE_BUSY or serialisation failure may reach an officer.
//   BENCH_ONLY=writers npm run bench
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { createDb, type Database } from '../../db/client'
import { officerCookie, shareTransferForm, type TransferTarget } from '../../tests/fixtures/officers'
import { load, runToEnd, startPortal } from './pages'

const DIR = './data/bench-writers'
const DATABASE_FILE = `${DIR}/hisaab.sqlite`
const WRITERS = Number(process.env.BENCH_WRITERS ?? 20)
const READERS = Number(process.env.BENCH_READERS ?? 50)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60)
const WRITE_P95_TARGET_MS = 5

interface Pair {
  target: TransferTarget
  recorder: string
  approver: string
}

export async function benchWritersAndReaders(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true })
  mkdirSync(DIR, { recursive: true })
  await runToEnd('npx', ['tsx', 'scripts/seed.ts'], { DATABASE_URL: DATABASE_FILE, HISAAB_LEDGER_KEY_FILE: `${DIR}/ledger-signing-key` })
  const db = createDb(DATABASE_FILE)
  const portal = await startPortal(DATABASE_FILE)
  try {
    const pairs = await officerPairs(db)
    const { slug } = await db.selectFrom('projects').select('slug').orderBy('id').executeTakeFirstOrThrow()
    const deadline = Date.now() + SECONDS * 1000
    const writes: number[] = []
    const refusals = new Map<string, number>()
    const post = async (path: string, session: string, form: Record<string, string>) => {
      const started = performance.now()
      const response = await fetch(portal.url + path, { method: 'POST', redirect: 'manual', headers: { 'Sec-Fetch-Site': 'same-origin', Cookie: session }, body: new URLSearchParams(form) })
      await response.arrayBuffer()
      writes.push(performance.now() - started)
      if (response.status !== 302) refusals.set(`${path} ${response.status}`, (refusals.get(`${path} ${response.status}`) ?? 0) + 1)
      return response.status === 302
    }
    const writer = async (pair: Pair) => {
      while (Date.now() < deadline) {
        const key = randomUUID()
        if (!(await post('/work/entries/new', pair.recorder, shareTransferForm(pair.target, { amount: '10.00', description: 'Bench transfer', idempotencyKey: key })))) continue
        const { id } = await db.selectFrom('ledger_entries').select('id').where('idempotency_key', '=', key).executeTakeFirstOrThrow()
        await post('/work/queue', pair.approver, { intent: 'approve', entryId: String(id) })
      }
    }
    const reading = READERS > 0 ? load([`${portal.url}/ur`, `${portal.url}/ur/projects/${slug}`, `${portal.url}/ur/ledger`], READERS, SECONDS) : Promise.resolve({ perSecond: 0, p99: 0, mean: 0, failures: 0 })
    await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(pairs[i % pairs.length]!)))
    const reads = await reading
    writes.sort((a, b) => a - b)
    const at = (q: number) => writes[Math.min(writes.length - 1, Math.floor(q * writes.length))] ?? NaN
    console.log(`\n${WRITERS} officers writing and ${READERS} readers for ${SECONDS} s (SQLite, synchronous=FULL; issue 14):`)
    console.log(`  writes (record or approve, through the forms): ${writes.length}, p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (target ≤ ${WRITE_P95_TARGET_MS} ms), p99 ${at(0.99).toFixed(1)} ms`)
    console.log(`  refused or failed writes: ${refusals.size === 0 ? 'none' : [...refusals].map(([what, n]) => `${what} ×${n}`).join(', ')}`)
    console.log(`  reads: ${reads.perSecond.toFixed(0)} req/s, p99 ${reads.p99.toFixed(0)} ms, ${reads.failures} failed`)
  } finally {
    await portal.stop()
    await db.destroy()
  }
}

/** Two officers of one trust each (one records, the other approves: four eyes), with a project of that trust. */
async function officerPairs(db: Database): Promise<Pair[]> {
  const scopes = await db
    .selectFrom('user_scopes as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('trust_projects as tp', 'tp.trust_party_id', 's.trust_party_id')
    .select(['s.trust_party_id as trustId', 'u.id as userId', 'tp.project_id as projectId'])
    .where('u.role', '=', 'officer')
    .where('s.trust_party_id', 'is not', null)
    .execute()
  const byTrust = new Map<number, { projectId: number; users: Set<number> }>()
  for (const s of scopes) {
    const entry = byTrust.get(s.trustId!) ?? { projectId: s.projectId, users: new Set<number>() }
    entry.users.add(s.userId)
    byTrust.set(s.trustId!, entry)
  }
  const government = await db.selectFrom('parties').select('id').where('kind', '=', 'government_provincial').orderBy('id').executeTakeFirstOrThrow()
  const pairs: Pair[] = []
  for (const [trustId, { projectId, users }] of byTrust) {
    const [a, b] = [...users]
    if (a !== undefined && b !== undefined) pairs.push({ target: { trustId, projectId, governmentId: government.id }, recorder: await officerCookie(db, a, 'bench'), approver: await officerCookie(db, b, 'bench') })
  }
  if (pairs.length === 0) throw new Error('The demo data has no trust with two officers')
  return pairs
}
