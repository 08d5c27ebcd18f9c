import { spawnSync } from 'node:child_process'
import fc from 'fast-check'
import { CompiledQuery, Migrator, sql, type SqlBool } from 'kysely'
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest'
import blns from '../../../shared/testdata/blns/blns.json'
import { migrateToLatest, type Database } from '../../db/client'
import { migrationProvider } from '../../db/migrations'
import { searchForm } from '../../app/domain/search-text'
import { matching } from '../../app/models/ledger-list.server'
import { approveEntry, createEntry } from '../../app/models/ledger.server'
import { createTestDb, TEST_ENGINE } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

// The ledger's text search, answered from the trigram index, on the engine under test.
let t: Awaited<ReturnType<typeof createTestDb>>
let w: World
let seq = 0

beforeAll(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
  seq = 1000
}, 60_000)
afterAll(async () => t.close())

type World = Awaited<ReturnType<typeof buildWorld>>
type Text = { description?: string | null; reference?: string | null; comments?: string | null }

/** Writes an approved entry straight into the table, as fast as a property test needs. */
async function entry(db: Database, text: Text, toPartyId?: number, world: World = w): Promise<number> {
  seq += 1
  const row = await db
    .insertInto('ledger_entries')
    .values({ kind: 'direct_contribution', status: 'approved', project_id: world.project, from_party_id: world.company, to_party_id: toPartyId ?? world.trust, fiscal_year: 2025, value_date: '2025-08-01', currency: 'PKR', amount_minor: 100n, exchange_rate_micros: 1_000_000n, pkr_amount_minor: 100n, reference: text.reference ?? null, description: text.description ?? null, comments: text.comments ?? null, idempotency_key: `s${seq}`, created_at: '2025-08-01T00:00:00.000Z', decided_at: '2025-08-01T00:00:00.000Z', seq })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function party(db: Database, names: [string, string, string]): Promise<number> {
  seq += 1
  return (
    await db
      .insertInto('parties')
      .values({ slug: `p-${seq}`, kind: 'beneficiary', beneficiary_kind: 'school', name_en: names[0], name_ur: names[1], name_bal: names[2], province: 'balochistan', district: null, locality_id: null, registration_ref: null, created_at: '2025-08-01', catalogued_at: '2025-08-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

/** The ids of approved entries the search finds, in id order. */
async function found(text: string, db: Database = t.db): Promise<number[]> {
  return (await (await matching(db, { text })).select('e.id').orderBy('e.id').execute()).map((r) => r.id)
}

/** The search as it was before the index, word for word: a LIKE scan of every approved entry. */
async function oldLikeScan(text: string, db: Database = t.db): Promise<number[]> {
  const needle = text.replaceAll('\u0000', '')
  let q = db.selectFrom('ledger_entries as e').select('e.id').where('e.status', '=', 'approved')
  if (needle) {
    const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`
    q = q.where((eb) => {
      const named = eb.selectFrom('parties as np').select('np.id').where(() => sql<SqlBool>`(${like('np.name_en')} or ${like('np.name_ur')} or ${like('np.name_bal')})`)
      return eb.or([like('e.description'), like('e.reference'), like('e.comments'), eb('e.from_party_id', 'in', named), eb('e.to_party_id', 'in', named)])
    })
  }
  return (await q.orderBy('e.id').execute()).map((r) => r.id)
}

describe(`text search on ${TEST_ENGINE}`, () => {
  test('an Urdu and a Balochi word are found whole, by their start and by a part in the middle', async () => {
    const urdu = await entry(t.db, { description: 'طالب علم کا وظیفہ، سالِ اول' })
    const balochi = await entry(t.db, { comments: 'وانگجاہءِ کتاب ءُ میز' })
    for (const typed of ['وظیفہ', 'وظی', 'ظیف', 'طالب علم']) expect(await found(typed), typed).toEqual([urdu])
    for (const typed of ['وانگجاہءِ', 'وانگ', 'نگجا', 'کتاب ءُ']) expect(await found(typed), typed).toEqual([balochi])
    // Two letters, below a trigram: still found, by the scan.
    expect(await found('وظ')).toContain(urdu)
    expect(await found('ءُ')).toContain(balochi)
  })

  test('English is found whatever its case, in the description, the reference and the comments', async () => {
    const a = await entry(t.db, { description: 'SCHOOL Fees for the spring term' })
    const b = await entry(t.db, { reference: 'Chq-880011' })
    const c = await entry(t.db, { comments: 'Paid to the schoolmaster' })
    expect(await found('school')).toEqual(expect.arrayContaining([a, c]))
    expect(await found('sChOoL fEES')).toEqual([a])
    expect(await found('CHQ-8800')).toEqual([b])
    expect(await found('q-8')).toEqual([b])
    expect(await found('CH')).toEqual(expect.arrayContaining([a, b, c]))
  })

  test('LIKE wildcards, FTS5 query syntax and quotes are taken literally', async () => {
    const special = await entry(t.db, { description: 'Draft "final" *v2* OR NEAR(x, y) 50% a_b c\\d {col}: ^start -not' })
    const plain = await entry(t.db, { description: 'Draft final v2 nor near x y 50 percent aXb cd' })
    for (const typed of ['"final"', '"', '*v2*', '*', 'OR NEAR(', 'NEAR(', 'NEAR(x, y)', '50%', '%', 'a_b', '_', 'c\\d', '\\', '{col}:', '^start', '-not', 'x, y) 5', "'", "'; drop table ledger_entries; --"]) {
      const ids = await found(typed)
      expect(ids, typed).toEqual(await oldLikeScan(typed))
      expect(ids, typed).not.toContain(plain)
      if (!typed.includes("'")) expect(ids, typed).toContain(special)
    }
    // A word that is an FTS5 operator is an ordinary word: "or" is in "nor", "near" in "near x".
    expect(await found('OR')).toContain(plain)
    expect(await found('near')).toEqual(expect.arrayContaining([special, plain]))
  })

  test('a NUL in the text is dropped', async () => {
    const id = await entry(t.db, { description: 'Nullah embankment works' })
    expect(await found('embank\u0000ment')).toEqual([id])
    expect(await found('\u0000Nullah')).toEqual([id])
    expect(await found('\u0000')).toEqual(await found(''))
  })

  test('party names are found as before, and a renamed party is found by its new name at once', async () => {
    const village = await party(t.db, ['Killi Sardar VO', 'کلی سردار تنظیم', 'کلی سردارءِ تنظیم'])
    const id = await entry(t.db, { description: 'Hand pumps' }, village)
    expect(await found('sardar vo')).toEqual([id])
    expect(await found('سردارءِ')).toEqual([id])
    await t.db.updateTable('parties').set({ name_en: 'Killi Mengal VO' }).where('id', '=', village).execute()
    expect(await found('mengal')).toEqual([id])
    expect(await found('sardar vo')).toEqual([])
  })

  test('text written after the index was built is found: entries recorded, a pending entry edited, one deleted', async () => {
    // A database of its own: approving appends to the Merkle tree, which the rows written straight into the table above are not in.
    const fresh = await createTestDb()
    onTestFinished(() => fresh.close())
    const w = await buildWorld(fresh.db)
    const search = (text: string) => found(text, fresh.db)
    const { id } = await createEntry(fresh.db, w.officerA, { kind: 'direct_contribution', projectId: w.project, fromPartyId: w.company, toPartyId: w.trust, valueDate: '2025-09-01', currency: 'PKR', amountMinor: 5n, description: 'Pending wording', idempotencyKey: 'trigger-1' })
    expect(await search('wording')).toEqual([]) // not public while pending
    await fresh.db.updateTable('ledger_entries').set({ description: 'Mended wording' }).where('id', '=', id).execute()
    await approveEntry(fresh.db, w.officerB, id)
    expect(await search('mended wor')).toEqual([id])
    expect(await search('pending wor')).toEqual([])
    const scrap = await createEntry(fresh.db, w.officerA, { kind: 'direct_contribution', projectId: w.project, fromPartyId: w.company, toPartyId: w.trust, valueDate: '2025-09-01', currency: 'PKR', amountMinor: 6n, description: 'Scrapped draft', idempotencyKey: 'trigger-2' })
    await fresh.db.deleteFrom('ledger_entries').where('id', '=', scrap.id).execute()
    if (fresh.engine === 'sqlite') {
      const left = await sql<{ n: number }>`select count(*) as n from ledger_entry_search where rowid = ${scrap.id}`.execute(fresh.db)
      expect(left.rows[0]?.n).toBe(0)
    }
  })
})

// One test per choice of what the search form makes alike (app/domain/search-text.ts), both ways:
// the reader types one spelling, the ledger holds the other.
describe(`the search form on ${TEST_ENGINE}`, () => {
  const alike = async (stored: string, typed: string) => {
    const id = await entry(t.db, { description: stored })
    const back = await entry(t.db, { description: typed })
    expect(await found(typed), `${typed} finds ${stored}`).toContain(id)
    expect(await found(stored), `${stored} finds ${typed}`).toContain(back)
  }

  test('Arabic yeh, alef maksura, kaf and heh find the Urdu letters (an Arabic keyboard)', async () => {
    await alike('پاکستان کی ترقی', 'پاكستان كي ترقي')
    await alike('مدرسہ', 'مدرسه')
    await alike('مصطفیٰ', 'مصطفىٰ')
  })

  test('tatweel is ignored', async () => {
    await alike('رائلٹی', 'رائـــلٹی')
  })

  test('the zero-width non-joiner and joiner are ignored', async () => {
    await alike('کمیونٹیسنٹر', 'کمیونٹی\u200cسنٹر')
    await alike('تحصیل', 'تح\u200dصیل')
  })

  test('short-vowel marks are ignored', async () => {
    await alike('محمد', 'مُحَمَّد')
    await alike('فورا', 'فوراً')
  })

  test('Urdu and Arabic-Indic digits find ASCII digits', async () => {
    await alike('Voucher 1415-77', 'Voucher ۱۴۱۵-۷۷')
    await alike('Voucher 2024-88', 'Voucher ٢٠٢٤-٨٨')
  })

  test('do-chashmi heh and bari yeh stay letters of their own', async () => {
    const bhi = await entry(t.db, { description: 'وہ بھی آیا' })
    const wala = await entry(t.db, { description: 'نیا والے' })
    expect(await found('بہی آ')).not.toContain(bhi)
    expect(await found('والی')).not.toContain(wala)
  })

  test('the migration computes the same search form as the query side', async () => {
    const texts = fc.sample(searchText, { numRuns: 60, seed: 12 })
    for (const text of texts) {
      const id = await entry(t.db, { description: text })
      const stored =
        t.engine === 'sqlite'
          ? (await sql<{ f: string }>`select description as f from ledger_entry_search where rowid = ${id}`.execute(t.db)).rows[0]?.f
          : (await sql<{ f: string }>`select hisaab_search_form(description) as f from ledger_entries where id = ${id}`.execute(t.db)).rows[0]?.f
      expect(stored, JSON.stringify(text)).toBe(searchForm(text).toLowerCase())
    }
  })
})

// Text drawn from what the ledger holds: ASCII with the characters a query language would read,
// Urdu and Balochi letters with every variant the search form folds, digits of three scripts.
const ALPHABET = [
  ...'abcXYZ 019-%_\\"*():^{}\',.',
  ...'ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےۓئۂۃ',
  ...'يكهىـ\u200c\u200d\u064e\u064f\u0650\u0651\u064b\u0670۱۲۳٤٥',
  'ءِ',
]
const searchText = fc.array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: 24 }).map((cs) => cs.join(''))
/** The naughty strings that hold no NUL (PostgreSQL refuses one in text) and no character the search form changes. */
const NAUGHTY = (blns as string[]).filter((s) => !s.includes('\u0000') && searchForm(s) === s)

describe(`the indexed search against the LIKE scan it replaced, on ${TEST_ENGINE}`, () => {
  test('random text and naughty strings: exactly the entries the LIKE scan finds', async () => {
    const fresh = await createTestDb()
    onTestFinished(() => fresh.close())
    const world = await buildWorld(fresh.db)
    const identity = fc.oneof(fc.array(fc.constantFrom(...ALPHABET.filter((c) => searchForm(c) === c)), { maxLength: 24 }).map((cs) => cs.join('')), fc.constantFrom(...NAUGHTY))
    const stored: string[] = []
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(identity, fc.option(identity), fc.option(identity)), { minLength: 1, maxLength: 4 }), identity, fc.nat(), async (rows, random, pick) => {
        const to = await party(fresh.db, [rows[0]![0], rows[0]![1] ?? 'VO', rows[0]![2] ?? 'تنظیم'])
        for (const [description, reference, comments] of rows) {
          await entry(fresh.db, { description, reference, comments }, to, world)
          stored.push(description)
        }
        // A part of a stored text (found) and a random text (mostly not).
        const source = stored[pick % stored.length]!
        const cut = [...source]
        const from = pick % (cut.length + 1)
        const part = cut.slice(from, from + 1 + (pick % 7)).join('')
        for (const typed of [part, random, `${part}\u0000`]) {
          expect(await found(typed, fresh.db), JSON.stringify(typed)).toEqual(await oldLikeScan(typed, fresh.db))
        }
      }),
      { numRuns: 120 },
    )
    // The naughty strings themselves as queries, over everything written above.
    for (const typed of NAUGHTY) expect(await found(typed, fresh.db), JSON.stringify(typed)).toEqual(await oldLikeScan(typed, fresh.db))
    expect(NAUGHTY.length).toBeGreaterThan(480)
  }, 120_000)

  test('random text with letter variants: exactly what a LIKE scan of the search forms finds', async () => {
    const fresh = await createTestDb()
    onTestFinished(() => fresh.close())
    const world = await buildWorld(fresh.db)
    // Every entry is paid by the world's company to its trust: their names are searched too.
    const names = (await fresh.db.selectFrom('parties').select(['name_en', 'name_ur', 'name_bal']).where('id', 'in', [world.company, world.trust]).execute()).flatMap((p) => [p.name_en, p.name_ur, p.name_bal])
    const texts: Array<{ id: number; text: string }> = []
    const fold = (s: string) => searchForm(s).toLowerCase()
    await fc.assert(
      fc.asyncProperty(searchText, searchText, fc.nat(), async (text, random, pick) => {
        texts.push({ id: await entry(fresh.db, { description: text }, undefined, world), text })
        const source = texts[pick % texts.length]!.text
        const part = [...source].slice(pick % 5, (pick % 5) + 2 + (pick % 6)).join('')
        for (const typed of [part, random]) {
          const needle = fold(typed)
          const want = texts.filter((e) => [e.text, ...names].some((s) => fold(s).includes(needle))).map((e) => e.id)
          const ids = (await found(typed, fresh.db)).filter((id) => texts.some((e) => e.id === id))
          expect(ids, JSON.stringify(typed)).toEqual(want)
        }
      }),
      { numRuns: 150 },
    )
  }, 120_000)
})

describe(`the index is used, on ${TEST_ENGINE}`, () => {
  test('the query plan reads the trigram index, not every entry', async () => {
    const fresh = await createTestDb()
    onTestFinished(() => fresh.close())
    const world = await buildWorld(fresh.db)
    await world.post({ kind: 'direct_contribution', fromPartyId: world.company, toPartyId: world.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor: 1n, description: 'seed' })
    // Enough entries that the planner weighs a real choice between the index and a scan (PostgreSQL,
    // which costs a GIN index read higher, reads a table of 20,000 rows rather than three indexes),
    // paid by and to parties of a hundred, as a ledger's are: were every entry paid by one party,
    // a party matching the text would rightly mean reading them all.
    const rows = fresh.engine === 'postgres' ? 100_000 : 20_000
    const first = seq + 1
    for (let i = 0; i < 100; i++) await party(fresh.db, [`Village organisation ${i}`, `تنظیم ${i}`, `تنظیم ${i}`])
    await sql`
      with recursive i(k) as (select 1 union all select k + 1 from i where k < ${sql.lit(rows)})
      insert into ledger_entries (kind, status, project_id, from_party_id, to_party_id, fiscal_year, value_date, currency,
        amount_minor, exchange_rate_micros, pkr_amount_minor, description, reference, idempotency_key, created_at, decided_at, seq)
      select e.kind, 'approved', e.project_id, p.id, q.id, e.fiscal_year, e.value_date, e.currency,
        e.amount_minor, e.exchange_rate_micros, e.pkr_amount_minor, 'وظیفہ نمبر ' || k, 'CHQ-' || k, 'plan-' || k, e.created_at, e.decided_at, 100 + k
      from i
        join parties p on p.slug = 'p-' || (${sql.lit(first)} + k % 10)
        join parties q on q.slug = 'p-' || (${sql.lit(first + 10)} + k % 90),
        (select * from ledger_entries order by id limit 1) e`.execute(fresh.db)
    const query = (await matching(fresh.db, { text: 'CHQ-1234' })).select('e.id').compile()
    if (fresh.engine === 'postgres') await sql`analyze`.execute(fresh.db)
    const prefix = fresh.engine === 'sqlite' ? 'explain query plan ' : 'explain '
    const plan = (await fresh.db.executeQuery(CompiledQuery.raw(prefix + query.sql, [...query.parameters]))).rows.map((r) => Object.values(r as object).join(' ')).join('\n')
    if (fresh.engine === 'sqlite') {
      expect(plan).toMatch(/ledger_entry_search VIRTUAL TABLE INDEX/)
      expect(plan).not.toMatch(/SCAN (e|x)\b/)
      expect(plan).toMatch(/SEARCH e USING INTEGER PRIMARY KEY/)
    } else {
      for (const index of ['ledger_search_description', 'ledger_search_reference', 'ledger_search_comments']) expect(plan).toContain(`Bitmap Index Scan on ${index}`)
      expect(plan).not.toMatch(/Seq Scan on ledger_entries/)
    }
    expect(await found('CHQ-1234', fresh.db)).toHaveLength(11) // 1234 and 12340–12349
  }, 60_000)
})

describe('the migration', () => {
  test('leaves a SQLite database the sqlite3 shell can open, write and search', async () => {
    // The triggers' text is part of the schema: a tool whose parser cannot read it cannot open the file.
    const file = await createTestDb('sqlite')
    onTestFinished(() => file.close())
    const world = await buildWorld(file.db)
    const entryId = await world.post({ kind: 'direct_contribution', fromPartyId: world.company, toPartyId: world.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor: 1n, description: 'x' })
    const shell = spawnSync('/usr/bin/sqlite3', [file.file], {
      encoding: 'utf8',
      input: `insert into ledger_entries (kind, status, project_id, from_party_id, to_party_id, fiscal_year, value_date, currency, amount_minor, exchange_rate_micros, pkr_amount_minor, description, idempotency_key, created_at)
        select kind, 'pending', project_id, from_party_id, to_party_id, fiscal_year, value_date, currency, amount_minor, exchange_rate_micros, pkr_amount_minor, 'كوئله كي رائلٹي', 'shell', created_at from ledger_entries where id = ${entryId};
        select rowid from ledger_entry_search where ledger_entry_search match '"کوئلہ"';`,
    })
    expect(shell.stderr).toBe('')
    expect(shell.status).toBe(0)
    expect(Number(shell.stdout.trim())).toBeGreaterThan(entryId)
  })


  test('indexes the entries written before it', async () => {
    const fresh = await createTestDb(TEST_ENGINE, { migrate: false })
    onTestFinished(() => fresh.close())
    const { error } = await new Migrator({ db: fresh.db, provider: migrationProvider }).migrateTo('2026-12-07T1600Z-data-version')
    if (error) throw error
    const world = await buildWorld(fresh.db)
    const before = await world.post({ kind: 'direct_contribution', fromPartyId: world.company, toPartyId: world.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor: 1n, description: 'ڈسپنسری کی ادويات' })
    await migrateToLatest(fresh.db)
    expect(await found('ادویات', fresh.db)).toEqual([before])
    expect(await found('ڈسپنسری', fresh.db)).toEqual([before])
  })
})
