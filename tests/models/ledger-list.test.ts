import SQLite from 'better-sqlite3'
import fc from 'fast-check'
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import blns from '../../../shared/testdata/blns/blns.json'
import type { DB, EntryKind, Purpose } from '../../db/schema'
import { ENTRY_KINDS } from '../../app/domain/ledger'
import { toMinor } from '../../app/domain/money'
import type { LedgerFilters } from '../../app/models/ledger-filters'
import { decodeCursor, encodeCursor, ledgerFiscalYears, listLedger, type LedgerListing } from '../../app/models/ledger-list.server'
import { searchForm } from '../../app/domain/search-text'
import { approveEntry, createEntry, createReversal, rejectEntry, type NewEntry } from '../../app/models/ledger.server'
import { createTestDb } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

const NAUGHTY = blns as string[]

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
let otherTrust: number
let otherProject: number
let beneficiaries: number[]

/** Every approved entry as the reference implementation sees it: plain rows, filtered in JS. */
interface Ref {
  id: number
  kind: EntryKind
  project: number
  from: number
  to: number
  gfs: string | null
  purpose: Purpose | null
  fy: number
  date: string
  pkr: bigint
  texts: string[]
}
let reference: Ref[]

const day = (offset: number) => new Date(Date.parse('2023-07-03T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10)

beforeAll(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
  const party = async (slug: string, kind: 'trust' | 'beneficiary', names: [string, string, string]) =>
    (
      await t.db
        .insertInto('parties')
        .values({ slug, kind, beneficiary_kind: kind === 'beneficiary' ? 'village_organisation' : null, name_en: names[0], name_ur: names[1], name_bal: names[2], province: 'balochistan', district: 'Lasbela', locality_id: null, registration_ref: null, created_at: '2026-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  otherTrust = await party('lasbela-trust', 'trust', ['Lasbela Community Trust', 'لسبیلہ کمیونٹی ٹرسٹ', 'لسبیلہ ءِ ٹرسٹ'])
  otherProject = (
    await t.db
      .insertInto('projects')
      .values({ slug: 'bela', name_en: 'Bela', name_ur: 'بیلہ', name_bal: 'بێلہ', operator_party_id: w.company, province: 'balochistan', district: 'Lasbela', status: 'production', licence_ref: 'ML-2', created_at: '2026-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  // Beneficiaries named with naughty strings, so the text filter meets them in party names too.
  beneficiaries = [w.school]
  for (let i = 0; i < 12; i++) beneficiaries.push(await party(`vo-${i}`, 'beneficiary', [`VO ${NAUGHTY[(i * 37) % NAUGHTY.length]}`, `تنظیم ${i} ${NAUGHTY[(i * 11 + 5) % NAUGHTY.length]}`, `دیوان ${i}`]))

  let n = 0
  const post = async (entry: Omit<NewEntry, 'idempotencyKey'>) => {
    const { id } = await createEntry(t.db, w.officerA, { ...entry, idempotencyKey: `l${++n}` })
    await approveEntry(t.db, w.officerB, id)
    return id
  }
  // Receipts first, large, so every disbursement below is covered whatever its date.
  for (const [trust, project] of [[w.trust, w.project], [otherTrust, otherProject]] as const) {
    await post({ kind: 'direct_contribution', projectId: project, fromPartyId: w.company, toPartyId: trust, valueDate: day(0), currency: 'PKR', amountMinor: 10n ** 12n, description: 'Opening contribution' })
  }
  const purposes: Purpose[] = ['education', 'health', 'water', 'other']
  const posted: number[] = []
  for (let i = 0; i < 220; i++) {
    // Few distinct dates, so many entries share one and the id breaks the tie.
    const date = day((i * 37) % 90)
    const project = i % 3 === 0 ? otherProject : w.project
    const trust = project === otherProject ? otherTrust : w.trust
    const text = NAUGHTY[i % NAUGHTY.length] as string
    const common = { projectId: project, valueDate: date, currency: 'PKR' as const, amountMinor: BigInt(1 + ((i * 7919) % 100_000)), reference: `REF-${i}`, description: i % 2 === 0 ? text : `Entry ${i} ${NAUGHTY[(i * 7 + 3) % NAUGHTY.length]}`, comments: i % 5 === 0 ? NAUGHTY[(i * 3) % NAUGHTY.length] : null }
    switch (i % 4) {
      case 0:
        posted.push(await post({ ...common, kind: 'payment', fromPartyId: w.company, toPartyId: w.province, gfsCode: i % 8 === 0 ? '1415E1' : '1112E1' }))
        break
      case 1:
        posted.push(await post({ ...common, kind: 'share_transfer', fromPartyId: w.province, toPartyId: trust }))
        break
      case 2:
        posted.push(await post({ ...common, kind: 'direct_contribution', fromPartyId: w.company, toPartyId: trust, currency: i % 6 === 2 ? 'USD' : 'PKR', exchangeRateMicros: 281_234_567n }))
        break
      default:
        posted.push(await post({ ...common, kind: 'disbursement', fromPartyId: trust, toPartyId: beneficiaries[i % beneficiaries.length]!, purpose: purposes[i % purposes.length] }))
    }
  }
  // Corrections, and entries that are not public.
  for (const target of [posted[3], posted[10], posted[41]] as number[]) {
    const { id } = await createReversal(t.db, w.officerA, { reversesEntryId: target, reason: 'wrong amount', idempotencyKey: `rev-${target}` }, new Date('2025-01-15T06:00:00Z'))
    await approveEntry(t.db, w.officerB, id)
  }
  await createReversal(t.db, w.officerA, { reversesEntryId: posted[12] as number, reason: 'pending', idempotencyKey: 'rev-pending' })
  await createEntry(t.db, w.officerA, { kind: 'payment', projectId: w.project, fromPartyId: w.company, toPartyId: w.province, valueDate: day(5), gfsCode: '1415E1', currency: 'PKR', amountMinor: 77n, description: 'Entry pending', idempotencyKey: 'pending' })
  const rejected = await createEntry(t.db, w.officerA, { kind: 'payment', projectId: w.project, fromPartyId: w.company, toPartyId: w.province, valueDate: day(5), gfsCode: '1415E1', currency: 'PKR', amountMinor: 78n, description: 'Entry rejected', idempotencyKey: 'rejected' })
  await rejectEntry(t.db, w.officerB, rejected.id, 'duplicate')

  const rows = await t.db
    .selectFrom('ledger_entries as e')
    .innerJoin('parties as f', 'f.id', 'e.from_party_id')
    .innerJoin('parties as to', 'to.id', 'e.to_party_id')
    .select(['e.id', 'e.kind', 'e.project_id', 'e.from_party_id', 'e.to_party_id', 'e.gfs_code', 'e.purpose', 'e.fiscal_year', 'e.value_date', 'e.pkr_amount_minor', 'e.description', 'e.reference', 'e.comments', 'f.name_en as f_en', 'f.name_ur as f_ur', 'f.name_bal as f_bal', 'to.name_en as t_en', 'to.name_ur as t_ur', 'to.name_bal as t_bal'])
    .where('e.status', '=', 'approved')
    .execute()
  reference = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    project: r.project_id,
    from: r.from_party_id,
    to: r.to_party_id,
    gfs: r.gfs_code,
    purpose: r.purpose,
    fy: r.fiscal_year,
    date: r.value_date,
    pkr: toMinor(r.pkr_amount_minor),
    texts: [r.description, r.reference, r.comments, r.f_en, r.f_ur, r.f_bal, r.t_en, r.t_ur, r.t_bal].filter((x): x is string => x !== null),
  }))
}, 60_000)
afterAll(async () => t.close())

/** Case folding as SQLite's lower() does it: ASCII letters only; on the search form (Arabic letter variants and Urdu digits as one). */
const foldAscii = (s: string) => searchForm(s).replace(/[A-Z]/g, (c) => c.toLowerCase())

function expected(filters: LedgerFilters): Ref[] {
  const needle = foldAscii(filters.text?.replaceAll('\u0000', '') ?? '')
  return reference
    .filter(
      (r) =>
        (filters.projectId === undefined || r.project === filters.projectId) &&
        (filters.trustId === undefined || r.from === filters.trustId || r.to === filters.trustId) &&
        (filters.kind === undefined || r.kind === filters.kind) &&
        (filters.gfsCode === undefined || r.gfs === filters.gfsCode) &&
        (filters.purpose === undefined || r.purpose === filters.purpose) &&
        (filters.fiscalYear === undefined || r.fy === filters.fiscalYear) &&
        (filters.dateFrom === undefined || r.date >= filters.dateFrom) &&
        (filters.dateTo === undefined || r.date <= filters.dateTo) &&
        (needle === '' || r.texts.some((s) => foldAscii(s).includes(needle))),
    )
    .sort((a, b) => {
      const asc = a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id
      return filters.order === 'asc' ? asc : -asc
    })
}

function totalsOf(refs: Ref[]): Record<EntryKind, bigint> {
  const totals = Object.fromEntries(ENTRY_KINDS.map((k) => [k, 0n])) as Record<EntryKind, bigint>
  for (const r of refs) totals[r.kind] += r.pkr
  return totals
}

/** Follows nextCursor to the end, as a reader clicking "next" would. */
async function walk(filters: LedgerFilters, limit: number): Promise<{ ids: number[]; pages: LedgerListing[] }> {
  const pages: LedgerListing[] = []
  let after: string | undefined
  for (let guard = 0; guard < 1000; guard++) {
    const page = await listLedger(t.db, filters, { after, limit })
    pages.push(page)
    expect(page.rows.length).toBeLessThanOrEqual(limit)
    if (!page.nextCursor) break
    expect(page.rows.length).toBe(limit)
    after = page.nextCursor
  }
  return { ids: pages.flatMap((p) => p.rows.map((r) => r.id)), pages }
}

describe('the public ledger listing', () => {
  test('shows approved entries only, newest first, with totals per kind over everything that matches', async () => {
    const page = await listLedger(t.db, {})
    const all = expected({})
    expect(page.rows.map((r) => r.id)).toEqual(all.slice(0, 50).map((r) => r.id))
    expect(page.count).toBe(all.length)
    expect(page.totals).toEqual(totalsOf(all))
    expect(page.rows.some((r) => r.description === 'Entry pending' || r.description === 'Entry rejected')).toBe(false)
  })

  test('a reversed entry says by which reversal; a reversal says what it reverses', async () => {
    const { ids, pages } = await walk({}, 200)
    const rows = pages.flatMap((p) => p.rows)
    const reversals = rows.filter((r) => r.reversesEntryId !== null)
    expect(reversals).toHaveLength(3)
    for (const rev of reversals) {
      const original = rows.find((r) => r.id === rev.reversesEntryId)
      expect(original?.reversedBy).toEqual({ id: rev.id, seq: rev.seq })
      expect(rev.amountMinor).toBe(-(original?.amountMinor ?? 0n))
    }
    expect(rows.filter((r) => r.reversedBy !== null)).toHaveLength(3)
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('property: every combination of filters, in either order, walks to exactly the matching entries, each once, with exact totals', async () => {
    const filters = fc.record(
      {
        projectId: fc.constantFrom(w.project, otherProject),
        trustId: fc.constantFrom(w.trust, otherTrust),
        kind: fc.constantFrom(...ENTRY_KINDS),
        gfsCode: fc.constantFrom('1415E1', '1112E1'),
        purpose: fc.constantFrom<Purpose>('education', 'water', 'other'),
        fiscalYear: fc.constantFrom(2023, 2024),
        dateFrom: fc.integer({ min: 0, max: 90 }).map(day),
        dateTo: fc.integer({ min: 0, max: 90 }).map(day),
        text: fc.constantFrom('entry 1', 'REF-2', 'vo', 'لسبیلہ', 'null', '%', '_', '\\'),
        order: fc.constantFrom('asc' as const, 'desc' as const),
      },
      { requiredKeys: [] },
    )
    await fc.assert(
      fc.asyncProperty(filters, fc.integer({ min: 3, max: 60 }), async (f, limit) => {
        const want = expected(f)
        const { ids, pages } = await walk(f, limit)
        expect(ids).toEqual(want.map((r) => r.id))
        for (const page of pages) {
          expect(page.totals).toEqual(totalsOf(want))
          expect(page.count).toBe(want.length)
        }
      }),
      { numRuns: 120 },
    )
  }, 60_000)

  test('the fiscal years on offer are exactly those with approved entries, newest first', async () => {
    expect(await ledgerFiscalYears(t.db)).toEqual([...new Set(reference.map((r) => r.fy))].sort((a, b) => b - a))
    expect(await ledgerFiscalYears(t.db)).toEqual([2024, 2023])
  })

  test('LIKE wildcards in the text are taken literally', async () => {
    expect((await listLedger(t.db, { text: '%' })).count).toBe(expected({ text: '%' }).length)
    expect((await listLedger(t.db, { text: 'REF-1_' })).count).toBe(0)
    expect((await listLedger(t.db, { text: 'ref-1' })).count).toBe(expected({ text: 'REF-1' }).length)
    expect(expected({ text: 'REF-1' }).length).toBeGreaterThan(10)
  })

  test('every naughty string as the text filter returns exactly the entries containing it, and never throws', async () => {
    let matched = 0
    for (const text of NAUGHTY) {
      const want = expected({ text })
      const page = await listLedger(t.db, { text }, { limit: 200 })
      expect(page.rows.map((r) => r.id), JSON.stringify(text)).toEqual(want.slice(0, 200).map((r) => r.id))
      expect(page.totals).toEqual(totalsOf(want))
      if (want.length > 0 && want.length < reference.length) matched += 1
    }
    // The data really holds these strings: hundreds of them narrow the ledger rather than match all or nothing.
    expect(matched).toBeGreaterThan(200)
  }, 60_000)

  test('a cursor that is malformed, forged or from the other sort order starts again at page one', async () => {
    const first = await listLedger(t.db, {}, { limit: 5 })
    for (const after of ['', 'not-base64!', Buffer.from('{"x":1}').toString('base64url'), Buffer.from('["2024-01-01",-1,"desc"]').toString('base64url'), Buffer.from('["2024-01-01; drop table",1,"desc"]').toString('base64url'), encodeCursor({ valueDate: '2024-01-01', id: 5 }, 'asc')]) {
      expect((await listLedger(t.db, {}, { after, limit: 5 })).rows).toEqual(first.rows)
    }
    expect(decodeCursor(encodeCursor({ valueDate: '2024-01-01', id: 5 }, 'desc'), 'desc')).toEqual({ valueDate: '2024-01-01', id: 5 })
    expect((await listLedger(t.db, {}, { limit: 0 })).rows).toHaveLength(1)
    expect((await listLedger(t.db, {}, { limit: Number.NaN })).rows).toHaveLength(50)
    expect((await listLedger(t.db, {}, { limit: 10_000 })).rows).toHaveLength(200)
  })

  test('a page continues where the last one ended even if new entries are approved in between', async () => {
    const db = await createTestDb()
    try {
      const small = await buildWorld(db.db)
      for (let i = 0; i < 6; i++) await small.post({ kind: 'payment', fromPartyId: small.company, toPartyId: small.province, valueDate: '2025-01-0' + (i + 1), gfsCode: '1415E1', currency: 'PKR', amountMinor: 100n })
      const first = await listLedger(db.db, {}, { limit: 3 })
      await small.post({ kind: 'payment', fromPartyId: small.company, toPartyId: small.province, valueDate: '2025-01-09', gfsCode: '1415E1', currency: 'PKR', amountMinor: 100n })
      const second = await listLedger(db.db, {}, { after: first.nextCursor ?? undefined, limit: 3 })
      expect([...first.rows, ...second.rows].map((r) => r.valueDate)).toEqual(['2025-01-06', '2025-01-05', '2025-01-04', '2025-01-03', '2025-01-02', '2025-01-01'])
    } finally {
      await db.close()
    }
  })
})

describe('the listing stays fast at a million entries', () => {
  // SQLite's own plans (EXPLAIN QUERY PLAN), so read on a SQLite file whichever engine the suite runs on.
  let plansDb: Awaited<ReturnType<typeof createTestDb>>
  beforeAll(async () => {
    plansDb = await createTestDb('sqlite')
  })
  afterAll(async () => plansDb.close())
  // The planner's choices do not depend on table size here (no ANALYZE statistics), so a plan read
  // on this small file is the plan a million rows get. What must never appear: a sort of every
  // matching row (temp B-tree for ORDER BY) or a walk of the table without an index.
  async function plansFor(filters: LedgerFilters, after?: string): Promise<string[]> {
    const queries: CompiledQuery[] = []
    const sqlite = new SQLite(plansDb.file, { readonly: true })
    const logged = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => {
        queries.push(event.query)
      },
    })
    try {
      await listLedger(logged, filters, { after, limit: 10 })
      return queries
        .filter((q) => /order by/i.test(q.sql))
        .map((q) =>
          sqlite
            .prepare(`explain query plan ${q.sql}`)
            .all(...(q.parameters as unknown[]))
            .map((row) => (row as { detail: string }).detail)
            .join('\n'),
        )
    } finally {
      await logged.destroy()
    }
  }

  const cursor = encodeCursor({ valueDate: '2023-08-01', id: 100 }, 'desc')
  test.each<[string, LedgerFilters, RegExp]>([
    ['no filter', {}, /ledger_by_date \(status=\?/],
    ['project', { projectId: 1 }, /ledger_list_by_project \(project_id=\? AND status=\?/],
    ['trust', { trustId: 3 }, /ledger_list_by_(from|to)_party \((from|to)_party_id=\? AND status=\?/],
    ['kind', { kind: 'disbursement' }, /ledger_list_by_kind \(kind=\? AND status=\?/],
    ['revenue stream', { gfsCode: '1415E1' }, /ledger_list_by_gfs_code \(gfs_code=\? AND status=\?/],
    ['purpose', { purpose: 'water' }, /ledger_list_by_purpose \(purpose=\? AND status=\?/],
    ['fiscal year', { fiscalYear: 2023 }, /ledger_by_date \(status=\? AND value_date>\? AND value_date<\?\)/],
    ['date range', { dateFrom: '2023-07-10', dateTo: '2023-08-10' }, /ledger_by_date \(status=\? AND value_date>\? AND value_date<\?\)/],
    ['project and kind, oldest first', { projectId: 1, kind: 'payment', order: 'asc' }, /ledger_list_by_(project|kind) \((project_id|kind)=\? AND status=\?/],
    ['trust and purpose', { trustId: 3, purpose: 'health' }, /ledger_list_by_(from_party|to_party|purpose) /],
  ])('%s: each page is a range of an index read in order', async (_, filters, index) => {
    const plans = [...(await plansFor(filters)), ...(await plansFor({ ...filters }, filters.order === 'asc' ? undefined : cursor))]
    expect(plans.length).toBeGreaterThan(0)
    for (const plan of plans) {
      expect(plan).not.toMatch(/TEMP B-TREE/)
      expect(plan).toMatch(new RegExp(`SEARCH e USING INDEX ${index.source}`))
      // "Reversed by" is looked up per row by index, not by walking the ledger again.
      expect(plan).toMatch(/SEARCH r USING INDEX ledger_reversals \(reverses_entry_id=\? AND status=\?\)/)
    }
  })
})
