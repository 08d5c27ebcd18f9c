import { randomUUID } from 'node:crypto'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { pakistanDateOf } from '../../app/domain/fiscal-year'
import { formatMoney } from '../../app/i18n/format'
import { writeTransaction } from '../../app/models/write-transaction.server'
import { officerCookie } from '../fixtures/officers'
import { e2eDb, LANGS, localePath, SAME_ORIGIN, type Lang } from './fixtures'

/**
 * Public pages come from a cache of rendered pages (app/http/page-cache.server.ts) keyed by the
 * data version. What a reader receives must still be right on the very next request after a write.
 */
test.describe.configure({ mode: 'serial' })

async function sessionCookie(email: string): Promise<string> {
  const db = e2eDb()
  try {
    return await officerCookie(db, email, 'e2e')
  } finally {
    await db.destroy()
  }
}

/** Sums of the published entries, row by row in BigInt, as the home page's three figures show them. */
async function homeFigures(lang: Lang): Promise<string[]> {
  const db = e2eDb()
  try {
    const sums = { payment: 0n, share_transfer: 0n, direct_contribution: 0n, disbursement: 0n }
    for (const row of await db.selectFrom('ledger_entries').select(['kind', 'pkr_amount_minor']).where('status', '=', 'approved').execute()) sums[row.kind] += BigInt(row.pkr_amount_minor)
    return [sums.payment, sums.share_transfer + sums.direct_contribution, sums.disbursement].map((amountMinor) => formatMoney(lang, { amountMinor, currency: 'PKR' }))
  } finally {
    await db.destroy()
  }
}

const anonymous = (request: APIRequestContext, path: string, headers: Record<string, string> = {}) => request.get(path, { headers, maxRedirects: 0 })

test('an approved entry is on every page that shows it, in every language, on the very next request', async ({ request, page }) => {
  const db = e2eDb()
  const trust = await db.selectFrom('parties').select('id').where('slug', '=', 'chagai-community-development-trust').executeTakeFirstOrThrow()
  const government = await db.selectFrom('parties').select('id').where('kind', '=', 'government_provincial').orderBy('id').executeTakeFirstOrThrow()
  const { project_id: projectId } = await db.selectFrom('trust_projects').select('project_id').where('trust_party_id', '=', trust.id).orderBy('project_id').executeTakeFirstOrThrow()
  await db.destroy()

  // Readers fill the cache first: a second visit is the same bytes, under the same ETag, and a 304 when asked.
  const before = new Map<string, string>()
  for (const lang of LANGS) {
    for (const path of [localePath(lang, '/'), localePath(lang, '/ledger')]) {
      const first = await anonymous(request, path)
      const second = await anonymous(request, path)
      expect(first.status()).toBe(200)
      expect(second.headers()['etag']).toBe(first.headers()['etag'])
      expect(await second.body()).toEqual(await first.body())
      expect(second.headers()['cache-control']).toMatch(/^public, /)
      expect(second.headers()['content-security-policy']).toContain("script-src 'none'")
      const revalidated = await anonymous(request, path, { 'If-None-Match': first.headers()['etag']! })
      expect(revalidated.status()).toBe(304)
      expect((await revalidated.body()).length).toBe(0)
      before.set(path, first.headers()['etag']!)
    }
  }

  const description = `Cache check ${randomUUID()}`
  const key = randomUUID()
  const recorded = await request.post('/work/entries/new', {
    headers: { ...SAME_ORIGIN, Cookie: await sessionCookie('officer.chagai.1@demo.hisaab.pk') },
    form: { kind: 'share_transfer', projectId: String(projectId), fromPartyId: String(government.id), toPartyId: String(trust.id), valueDate: pakistanDateOf(new Date()), currency: 'PKR', amount: '777777.77', description, idempotencyKey: key },
    maxRedirects: 0,
  })
  expect(recorded.status()).toBe(302)
  const check = e2eDb()
  const { id: entryId } = await check.selectFrom('ledger_entries').select('id').where('idempotency_key', '=', key).executeTakeFirstOrThrow()
  await check.destroy()
  // Not public yet: its page is a 404, kept like any page.
  for (const lang of LANGS) expect((await anonymous(request, localePath(lang, `/ledger/${entryId}`))).status()).toBe(404)

  const approved = await request.post('/work/queue', {
    headers: { ...SAME_ORIGIN, Cookie: await sessionCookie('officer.chagai.2@demo.hisaab.pk') },
    form: { intent: 'approve', entryId: String(entryId) },
    maxRedirects: 0,
  })
  expect(approved.status()).toBe(302)

  for (const lang of LANGS) {
    const ledger = await anonymous(request, localePath(lang, '/ledger'))
    expect(ledger.headers()['etag']).not.toBe(before.get(localePath(lang, '/ledger')))
    const listed = (await ledger.text()).includes(`href="${localePath(lang, `/ledger/${entryId}`)}"`)
    expect(listed, `entry ${entryId} listed on ${localePath(lang, '/ledger')}`).toBe(true)
    const entryPage = await anonymous(request, localePath(lang, `/ledger/${entryId}`))
    expect(entryPage.status()).toBe(200)
    expect((await entryPage.text()).includes(description), 'the entry page shows its description').toBe(true)
    // The home page's totals, as a reader sees them, now count it.
    await page.goto(localePath(lang, '/'))
    expect(await page.locator('.stat').allInnerTexts()).toEqual(await homeFigures(lang))
  }
})

test('a signed-in reader never gets a cached page, and a cached page never shows a signed-in header', async ({ request }) => {
  const { slug } = await (async () => {
    const db = e2eDb()
    try {
      return await db.selectFrom('projects').select('slug').orderBy('id').executeTakeFirstOrThrow()
    } finally {
      await db.destroy()
    }
  })()
  const path = `/ur/projects/${slug}`
  await anonymous(request, path)
  const cached = await anonymous(request, path)
  expect(cached.headers()['etag']).toBeTruthy()

  const signedIn = await request.get(path, { headers: { Cookie: await sessionCookie('officer.chagai.1@demo.hisaab.pk') } })
  expect(signedIn.status()).toBe(200)
  expect(signedIn.headers()['cache-control']).toBe('no-store')
  expect(signedIn.headers()['etag']).toBeUndefined()
  expect(await signedIn.text()).toContain('Naseer Ahmed (demo)')

  const afterwards = await anonymous(request, path)
  expect(afterwards.headers()['etag']).toBe(cached.headers()['etag'])
  expect(await afterwards.text()).not.toContain('Naseer Ahmed (demo)')
})

test('a project that was a 404 is served once it is created', async ({ request }) => {
  const slug = `cache-test-mine-${Date.now()}`
  for (const lang of LANGS) {
    expect((await anonymous(request, localePath(lang, `/projects/${slug}`))).status()).toBe(404)
    expect((await anonymous(request, localePath(lang, `/projects/${slug}`))).status()).toBe(404)
  }
  const db = e2eDb()
  try {
    const operator = await db.selectFrom('parties').select('id').where('kind', '=', 'company').orderBy('id').executeTakeFirstOrThrow()
    await writeTransaction(db, 'catalogue', (trx) =>
      trx
        .insertInto('projects')
        .values({ slug, name_en: 'Cache Test Mine', name_ur: 'کیش ٹیسٹ کان', name_bal: 'کیش ٹیسٹ کان', operator_party_id: operator.id, province: 'balochistan', district: 'Chagai', status: 'exploration', licence_ref: 'CACHE-TEST', created_at: new Date().toISOString() })
        .execute(),
    )
  } finally {
    await db.destroy()
  }
  for (const lang of LANGS) {
    const response = await anonymous(request, localePath(lang, `/projects/${slug}`))
    expect(response.status()).toBe(200)
    expect(await response.text()).toContain(lang === 'en' ? 'Cache Test Mine' : 'کیش ٹیسٹ کان')
  }
})
