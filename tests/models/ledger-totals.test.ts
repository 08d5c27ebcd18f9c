// ledger_totals is kept by triggers in the approving transaction (ADR 10). After any sequence of
// entries recorded, approved, rejected, reversed or written straight in as approved rows (as the
// demo seed, db:copy and the bench write them), every kept total must equal the sum over the
// approved entries themselves, and the pages' sums read from it must equal sums over the entries.
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '../../db/client'
import type { Currency, EntryKind, Purpose } from '../../db/schema'
import { RATE_SCALE, pkrEquivalentMinor } from '../../app/domain/exchange'
import { fiscalYearOf } from '../../app/domain/fiscal-year'
import { ENTRY_KINDS, PURPOSES } from '../../app/domain/ledger'
import { toMinor } from '../../app/domain/money'
import { disbursedByPurpose, flowsByFiscalYear, trustBalances, type FlowScope } from '../../app/models/flows.server'
import { approveEntry, createEntry, createReversal, LedgerRuleError, rejectEntry } from '../../app/models/ledger.server'
import type { LedgerFilters } from '../../app/models/ledger-filters'
import { listLedger } from '../../app/models/ledger-list.server'
import { keptTotalsDrift } from '../../app/models/ledger-totals.server'
import { appendLeaves } from '../../app/models/ledger-tree.server'
import { createTestDb } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
let otherProject: number
let otherTrust: number
let federal: number
beforeAll(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
  const at = '2026-01-01T00:00:00.000Z'
  otherProject = (
    await t.db
      .insertInto('projects')
      .values({ slug: 'other-mine', name_en: 'Other', name_ur: 'Other', name_bal: 'Other', operator_party_id: w.company, province: 'balochistan', district: 'Chagai', status: 'production', licence_ref: 'ML-2', created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const party = async (slug: string, kind: 'trust' | 'government_federal') =>
    (
      await t.db
        .insertInto('parties')
        .values({ slug, kind, beneficiary_kind: null, name_en: slug, name_ur: slug, name_bal: slug, province: 'balochistan', district: 'Chagai', locality_id: null, registration_ref: null, created_at: at, catalogued_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  otherTrust = await party('other-trust', 'trust')
  federal = await party('federal-board', 'government_federal')
})
afterAll(async () => t?.close())

/** An entry as the property draws it; parties are picked from the world by role. */
interface Drawn {
  kind: EntryKind
  project: 0 | 1
  trust: 0 | 1
  government: 0 | 1
  gfsCode: '1415E1' | '1112E1'
  purpose: Purpose
  currency: Currency
  rateMicros: bigint
  amountMinor: bigint
  day: number
}

type Op =
  | { op: 'record'; entry: Drawn }
  | { op: 'approve' | 'reject'; pick: number }
  | { op: 'reverse'; pick: number; day: number }
  | { op: 'insertApproved'; entries: Drawn[] }

const drawn: fc.Arbitrary<Drawn> = fc.record({
  kind: fc.constantFrom(...ENTRY_KINDS),
  project: fc.constantFrom(0 as const, 1 as const),
  trust: fc.constantFrom(0 as const, 1 as const),
  government: fc.constantFrom(0 as const, 1 as const),
  gfsCode: fc.constantFrom('1415E1' as const, '1112E1' as const),
  purpose: fc.constantFrom(...PURPOSES),
  currency: fc.constantFrom<Currency>('PKR', 'USD'),
  rateMicros: fc.bigInt({ min: 1n, max: 400_000_000n }),
  // Receipts are larger than disbursements, so that many disbursements are covered.
  amountMinor: fc.bigInt({ min: 1n, max: 5_000_000_000n }),
  // Days from 2023-06-01 to the end of 2026: four fiscal years.
  day: fc.integer({ min: 0, max: 1300 }),
})

const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: drawn.map((entry): Op => ({ op: 'record', entry })) },
    { weight: 4, arbitrary: fc.nat().map((pick): Op => ({ op: 'approve', pick })) },
    { weight: 1, arbitrary: fc.nat().map((pick): Op => ({ op: 'reject', pick })) },
    { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 0, max: 1300 })).map(([pick, day]): Op => ({ op: 'reverse', pick, day })) },
    { weight: 1, arbitrary: fc.array(drawn, { minLength: 1, maxLength: 3 }).map((entries): Op => ({ op: 'insertApproved', entries })) },
  ),
  { minLength: 5, maxLength: 40, size: '+1' },
)

const dateOf = (day: number) => new Date(Date.UTC(2023, 5, 1 + day)).toISOString().slice(0, 10)

function partiesOf(e: Drawn): { projectId: number; fromPartyId: number; toPartyId: number } {
  const trust = e.trust === 0 ? w.trust : otherTrust
  const government = e.government === 0 ? w.province : federal
  const projectId = e.project === 0 ? w.project : otherProject
  const [fromPartyId, toPartyId] = { payment: [w.company, government], share_transfer: [government, trust], direct_contribution: [w.company, trust], disbursement: [trust, w.school] }[e.kind]
  return { projectId, fromPartyId: fromPartyId!, toPartyId: toPartyId! }
}

let keys = 0
const key = () => `totals-${++keys}`

/** Runs one sequence; a refusal the ledger's own rules make (an uncovered disbursement, say) is part of the sequence. */
async function play(db: Database, sequence: Op[]): Promise<void> {
  const ruled = async (step: () => Promise<unknown>) => {
    try {
      await step()
    } catch (error) {
      if (!(error instanceof LedgerRuleError)) throw error
    }
  }
  const pending = async () => (await db.selectFrom('ledger_entries').select('id').where('status', '=', 'pending').orderBy('id').execute()).map((r) => r.id)
  for (const step of sequence) {
    if (step.op === 'record') {
      const e = step.entry
      const amountMinor = e.kind === 'disbursement' ? e.amountMinor / 1000n + 1n : e.amountMinor
      await ruled(() =>
        createEntry(db, w.officerA, {
          kind: e.kind,
          ...partiesOf(e),
          valueDate: dateOf(e.day),
          gfsCode: e.kind === 'payment' ? e.gfsCode : null,
          purpose: e.kind === 'disbursement' ? e.purpose : null,
          currency: e.currency,
          exchangeRateMicros: e.currency === 'USD' ? e.rateMicros : undefined,
          amountMinor,
          idempotencyKey: key(),
        }),
      )
    } else if (step.op === 'approve' || step.op === 'reject') {
      const ids = await pending()
      if (ids.length === 0) continue
      const id = ids[step.pick % ids.length]!
      await ruled(() => (step.op === 'approve' ? approveEntry(db, w.officerB, id) : rejectEntry(db, w.officerB, id, 'not so')))
    } else if (step.op === 'reverse') {
      const ids = (await db.selectFrom('ledger_entries').select('id').where('status', '=', 'approved').where('reverses_entry_id', 'is', null).orderBy('id').execute()).map((r) => r.id)
      if (ids.length === 0) continue
      // Noon in Pakistan on the drawn day: the reversal's own fiscal year.
      await ruled(() => createReversal(db, w.officerA, { reversesEntryId: ids[step.pick % ids.length]!, reason: 'entered twice', idempotencyKey: key() }, new Date(`${dateOf(step.day)}T07:00:00.000Z`)))
    } else if (step.op === 'insertApproved') {
      // One multi-row INSERT of approved rows, as db:copy and the demo seed write them.
      const { last } = await db.selectFrom('ledger_entries').select((eb) => eb.fn.max('seq').as('last')).executeTakeFirstOrThrow()
      const rows = step.entries.map((e, i) => {
        const rate = e.currency === 'PKR' ? RATE_SCALE : e.rateMicros
        const p = partiesOf(e)
        const valueDate = dateOf(e.day)
        return {
          kind: e.kind,
          status: 'approved' as const,
          project_id: p.projectId,
          from_party_id: p.fromPartyId,
          to_party_id: p.toPartyId,
          fiscal_year: fiscalYearOf(valueDate),
          value_date: valueDate,
          gfs_code: e.kind === 'payment' ? e.gfsCode : null,
          purpose: e.kind === 'disbursement' ? e.purpose : null,
          currency: e.currency,
          amount_minor: e.amountMinor,
          exchange_rate_micros: rate,
          pkr_amount_minor: pkrEquivalentMinor(e.amountMinor, rate),
          idempotency_key: key(),
          created_at: '2026-01-01T00:00:00.000Z',
          decided_at: '2026-01-01T00:00:00.000Z',
          seq: (last ?? 0) + i + 1,
        }
      })
      const inserted = await db.insertInto('ledger_entries').values(rows).returning('id').execute()
      await appendLeaves(
        db,
        inserted.map((r) => r.id),
      )
    }
  }
}

interface Approved {
  kind: EntryKind
  projectId: number
  from: number
  to: number
  fiscalYear: number
  purpose: Purpose | null
  gfsCode: string | null
  currency: Currency
  amount: bigint
  pkr: bigint
}

async function approvedEntries(db: Database): Promise<Approved[]> {
  const rows = await db.selectFrom('ledger_entries').selectAll().where('status', '=', 'approved').execute()
  return rows.map((r) => ({ kind: r.kind, projectId: r.project_id, from: r.from_party_id, to: r.to_party_id, fiscalYear: r.fiscal_year, purpose: r.purpose, gfsCode: r.gfs_code, currency: r.currency, amount: toMinor(r.amount_minor), pkr: toMinor(r.pkr_amount_minor) }))
}

const inScope = (e: Approved, scope: FlowScope) =>
  (scope.projectId === undefined || e.projectId === scope.projectId) && (scope.trustPartyId === undefined || e.from === scope.trustPartyId || e.to === scope.trustPartyId)

/** Every kept row, as a full recomputation by GROUP BY over the entries would give it. */
function recomputedTotals(entries: Approved[]) {
  const groups = new Map<string, { key: unknown[]; pkr: bigint; amount: bigint; n: number }>()
  for (const e of entries) {
    const key = [e.projectId, e.from, e.to, e.fiscalYear, e.kind, e.purpose ?? '', e.gfsCode ?? '', e.currency]
    const id = JSON.stringify(key)
    const group = groups.get(id) ?? { key, pkr: 0n, amount: 0n, n: 0 }
    group.pkr += e.pkr
    group.amount += e.amount
    group.n += 1
    groups.set(id, group)
  }
  return [...groups.values()].map((g) => [...g.key, g.pkr, g.amount, g.n]).sort(byJson)
}

const byJson = (a: unknown, b: unknown) => (JSON.stringify(a, big) < JSON.stringify(b, big) ? -1 : 1)
const big = (_: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)

async function keptTotals(db: Database) {
  const rows = await db.selectFrom('ledger_totals').selectAll().execute()
  return rows
    .map((r) => [r.project_id, r.from_party_id, r.to_party_id, r.fiscal_year, r.kind, r.purpose, r.gfs_code, r.currency, toMinor(r.pkr_amount_minor), toMinor(r.amount_minor), Number(r.entry_count)])
    .sort(byJson)
}

function expectedFlows(entries: Approved[], scope: FlowScope) {
  const field = { payment: 'paidMinor', share_transfer: 'transferredMinor', direct_contribution: 'contributedMinor', disbursement: 'disbursedMinor' } as const
  const years = new Map<number, { fiscalYear: number; paidMinor: bigint; transferredMinor: bigint; contributedMinor: bigint; disbursedMinor: bigint }>()
  for (const e of entries.filter((e) => inScope(e, scope))) {
    const year = years.get(e.fiscalYear) ?? { fiscalYear: e.fiscalYear, paidMinor: 0n, transferredMinor: 0n, contributedMinor: 0n, disbursedMinor: 0n }
    year[field[e.kind]] += e.pkr
    years.set(e.fiscalYear, year)
  }
  return [...years.values()].sort((a, b) => b.fiscalYear - a.fiscalYear)
}

function expectedByPurpose(entries: Approved[], scope: FlowScope) {
  const sums = new Map<Purpose, bigint>()
  for (const e of entries.filter((e) => e.kind === 'disbursement' && inScope(e, scope))) sums.set(e.purpose!, (sums.get(e.purpose!) ?? 0n) + e.pkr)
  return [...sums.entries()]
    .map(([purpose, disbursedMinor]) => ({ purpose, disbursedMinor }))
    .sort((a, b) => (b.disbursedMinor > a.disbursedMinor ? 1 : b.disbursedMinor < a.disbursedMinor ? -1 : a.purpose < b.purpose ? -1 : 1))
}

function expectedBalances(entries: Approved[], trust: number) {
  const by = new Map<Currency, { receivedMinor: bigint; disbursedMinor: bigint }>()
  for (const e of entries.filter((e) => inScope(e, { trustPartyId: trust }))) {
    const t = by.get(e.currency) ?? { receivedMinor: 0n, disbursedMinor: 0n }
    if (e.kind === 'disbursement') t.disbursedMinor += e.amount
    else t.receivedMinor += e.amount
    by.set(e.currency, t)
  }
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => ({ currency, ...t, balanceMinor: t.receivedMinor - t.disbursedMinor }))
}

function expectedListingTotals(entries: Approved[], f: LedgerFilters) {
  const totals = Object.fromEntries(ENTRY_KINDS.map((k) => [k, 0n])) as Record<EntryKind, bigint>
  let count = 0
  for (const e of entries) {
    if (f.projectId !== undefined && e.projectId !== f.projectId) continue
    if (f.trustId !== undefined && e.from !== f.trustId && e.to !== f.trustId) continue
    if (f.kind !== undefined && e.kind !== f.kind) continue
    if (f.gfsCode !== undefined && e.gfsCode !== f.gfsCode) continue
    if (f.purpose !== undefined && e.purpose !== f.purpose) continue
    if (f.fiscalYear !== undefined && e.fiscalYear !== f.fiscalYear) continue
    totals[e.kind] += e.pkr
    count += 1
  }
  return { totals, count }
}

class Rollback extends Error {}

describe('the kept ledger totals', () => {
  test('property: after any sequence of entries, approvals, rejections, reversals and bulk inserts, every kept total is the sum over its entries, and the pages read the same sums', async () => {
    const filters = fc.record(
      {
        projectId: fc.constantFrom(w.project, otherProject),
        trustId: fc.constantFrom(w.trust, otherTrust),
        kind: fc.constantFrom(...ENTRY_KINDS),
        gfsCode: fc.constantFrom('1415E1', '1112E1'),
        purpose: fc.constantFrom(...PURPOSES),
        fiscalYear: fc.constantFrom(2023, 2024, 2025, 2026),
      },
      { requiredKeys: [] },
    )
    let approvedSeen = 0
    let reversalsSeen = 0
    await fc.assert(
      fc.asyncProperty(ops, fc.array(filters, { minLength: 3, maxLength: 3 }), async (sequence, drawnFilters) => {
        // Each run starts from the empty ledger: the models join this transaction, which is rolled back.
        await t.db
          .transaction()
          .execute(async (trx) => {
            await play(trx, sequence)
            const entries = await approvedEntries(trx)
            approvedSeen += entries.length
            reversalsSeen += entries.filter((e) => e.amount < 0n).length
            expect(await keptTotals(trx)).toEqual(recomputedTotals(entries))
            expect(await keptTotalsDrift(trx)).toBe(0)
            for (const scope of [{}, { projectId: w.project }, { projectId: otherProject }, { trustPartyId: w.trust }, { trustPartyId: otherTrust }, { projectId: otherProject, trustPartyId: w.trust }]) {
              expect(await flowsByFiscalYear(trx, scope)).toEqual(expectedFlows(entries, scope))
              expect(await disbursedByPurpose(trx, scope)).toEqual(expectedByPurpose(entries, scope))
            }
            for (const trust of [w.trust, otherTrust]) expect(await trustBalances(trx, trust)).toEqual(expectedBalances(entries, trust))
            for (const f of [{}, ...drawnFilters] as LedgerFilters[]) {
              const listing = await listLedger(trx, f, { limit: 1 })
              expect({ totals: listing.totals, count: listing.count }, JSON.stringify(f)).toEqual(expectedListingTotals(entries, f))
            }
            throw new Rollback()
          })
          .catch((error: unknown) => {
            if (!(error instanceof Rollback)) throw error
          })
      }),
      { numRuns: 60 },
    )
    // The sequences did approve entries and reversals, not just refuse them.
    expect(approvedSeen).toBeGreaterThan(300)
    expect(reversalsSeen).toBeGreaterThan(10)
    expect(await t.db.selectFrom('ledger_totals').selectAll().execute()).toEqual([])
  }, 60_000)

  test('a kept total that differs from its entries is found: changed, missing or extra', async () => {
    await t.db
      .transaction()
      .execute(async (trx) => {
        const usd: Drawn = { kind: 'payment', project: 0, trust: 0, government: 0, gfsCode: '1415E1', purpose: 'water', currency: 'USD', rateMicros: 280_000_000n, amountMinor: 5n, day: 11 }
        await play(trx, [{ op: 'insertApproved', entries: [usd, { ...usd, currency: 'PKR', rateMicros: 1n }, { ...usd, project: 1 }] }])
        expect(await keptTotalsDrift(trx)).toBe(0)
        await trx.updateTable('ledger_totals').set({ pkr_amount_minor: sql`pkr_amount_minor + 1` }).where('currency', '=', 'USD').where('project_id', '=', w.project).execute()
        expect(await keptTotalsDrift(trx)).toBe(2)
        await trx.deleteFrom('ledger_totals').where('currency', '=', 'PKR').execute()
        expect(await keptTotalsDrift(trx)).toBe(3)
        throw new Rollback()
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error
      })
  })

  test('the migration fills the table from the entries approved before it', async () => {
    const { MIGRATIONS } = await import('../../db/migrations')
    const migration = MIGRATIONS['2026-12-07T2300Z-ledger-totals']!
    await t.db
      .transaction()
      .execute(async (trx) => {
        await play(trx, [
          { op: 'insertApproved', entries: [{ kind: 'payment', project: 0, trust: 0, government: 0, gfsCode: '1415E1', purpose: 'water', currency: 'PKR', rateMicros: 1n, amountMinor: 700n, day: 10 }] },
          { op: 'insertApproved', entries: [{ kind: 'payment', project: 0, trust: 0, government: 0, gfsCode: '1415E1', purpose: 'water', currency: 'USD', rateMicros: 280_000_000n, amountMinor: 5n, day: 11 }] },
        ])
        const kept = await keptTotals(trx)
        expect(kept).toHaveLength(2)
        await migration.down!(trx)
        await migration.up(trx)
        expect(await keptTotals(trx)).toEqual(kept)
        expect(kept).toEqual(recomputedTotals(await approvedEntries(trx)))
        throw new Rollback()
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error
      })
  })
})
