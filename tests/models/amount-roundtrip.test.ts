import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { MAX_AMOUNT_MINOR, parseAmount } from '../../app/domain/amount'
import { minorToDecimalString, toMinor } from '../../app/domain/money'
import { formatMoney } from '../../app/i18n/format'
import { LANGS } from '../../app/i18n/locales'
import { createEntry } from '../../app/models/ledger.server'
import { createTestDb } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
beforeAll(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
})
afterAll(async () => t.close())

const URDU = '۰۱۲۳۴۵۶۷۸۹'
const digitsOf = (formatted: string) => formatted.replace(/[^\d.,\u066b\u066c\u06f0-\u06f9\u0660-\u0669-]/g, '')

test('property: typed → parsed → stored in SQLite → read back → formatted in en, ur and bal → parsed again, exactly', async () => {
  let n = 0
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.bigInt({ min: 1n, max: 1_000_000n }), fc.bigInt({ min: 1n, max: MAX_AMOUNT_MINOR })),
      fc.boolean(),
      fc.constantFrom('PKR' as const, 'USD' as const),
      async (minor, urduDigits, currency) => {
        const typed = urduDigits ? minorToDecimalString(minor).replace(/\d/g, (d) => URDU[Number(d)]!).replace('.', '\u066b') : minorToDecimalString(minor)
        const parsed = parseAmount(typed)
        if (!parsed.ok) throw new Error(`refused ${typed}: ${parsed.error}`)
        // A USD entry at a rate of exactly 1 keeps its PKR equivalent within the storable range too.
        const { id } = await createEntry(t.db, w.officerA, {
          kind: 'payment',
          projectId: w.project,
          fromPartyId: w.company,
          toPartyId: w.province,
          valueDate: '2025-07-01',
          gfsCode: '1415E1',
          currency,
          exchangeRateMicros: 1_000_000n,
          amountMinor: parsed.amountMinor,
          idempotencyKey: `rt-${++n}`,
        })
        const row = await t.db.selectFrom('ledger_entries').select(['amount_minor', 'pkr_amount_minor']).where('id', '=', id).executeTakeFirstOrThrow()
        const stored = toMinor(row.amount_minor)
        expect(stored).toBe(minor)
        expect(toMinor(row.pkr_amount_minor)).toBe(minor)
        for (const lang of LANGS) {
          expect(parseAmount(digitsOf(formatMoney(lang, { amountMinor: stored, currency })))).toEqual({ ok: true, amountMinor: minor })
        }
      },
    ),
    { numRuns: 200 },
  )
}, 60_000)
