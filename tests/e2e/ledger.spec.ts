import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'
import { formatMoney } from '../../app/i18n/format'
import { DEMO_PASSWORD } from '../../scripts/demo-data'
import { e2eDb } from './fixtures'

async function signedIn(browser: Browser, email: string, lang: 'ur' | 'bal' | 'en' = 'ur'): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(lang === 'en' ? '/login' : `/${lang}/login`)
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form.form button[type="submit"]').click()
  await expect(page).toHaveURL(/\/work$/)
  return page
}

test('an officer records a disbursement in Urdu, a colleague approves it, and the public sees it in Balochi', async ({ browser }) => {
  // Two sign-ins, a hydrated form, a refusal, a record, an approval and three public pages: on a busy 2-core machine this can pass 30 s.
  test.slow()
  const officer = await signedIn(browser, 'officer.chagai.1@demo.hisaab.pk')
  await officer.goto('/ur/work/entries/new?kind=disbursement')
  await officer.locator('select[name="projectId"]').selectOption({ index: 1 })
  await officer.locator('select[name="fromPartyId"]').selectOption({ index: 1 })
  await officer.locator('select[name="toPartyId"]').selectOption('new')
  await officer.locator('input[name="newBeneficiaryName"]').fill('گورنمنٹ گرلز پرائمری اسکول ڈاک')
  await officer.locator('select[name="newBeneficiaryKind"]').selectOption('school')
  await officer.locator('select[name="purpose"]').selectOption('education')
  await officer.locator('select[name="localityId"]').selectOption({ index: 1 })
  await officer.locator('textarea[name="description"], input[name="description"]').fill('کتابیں اور ڈیسک')

  // A wrong amount: a message beside the field in Urdu, and everything typed is still there.
  await officer.locator('input[name="amount"]').fill('12.345')
  await officer.locator('form.form button[type="submit"]:not([value="find"])').click()
  await expect(officer.locator('#amount-error')).toHaveText(/[\u0600-\u06FF]/)
  await expect(officer.locator('input[name="newBeneficiaryName"]')).toHaveValue('گورنمنٹ گرلز پرائمری اسکول ڈاک')
  await expect(officer.locator('input[name="description"]')).toHaveValue('کتابیں اور ڈیسک')
  await expect(officer.locator('input[name="amount"]')).toHaveValue('12.345')

  // Urdu digits and the Arabic decimal point are read exactly.
  await officer.locator('input[name="amount"]').fill('۱۲۳۴۵۶٫۷۸')
  await officer.locator('form.form button[type="submit"]:not([value="find"])').click()
  await expect(officer).toHaveURL(/\/ur\/ledger\/\d+\?recorded$/)
  const id = Number(/\/ledger\/(\d+)/.exec(officer.url())![1])

  // Nobody approves their own entry, whatever they send.
  await officer.goto('/ur/work/queue')
  await expect(officer.locator(`a[href="/ur/ledger/${id}"]`)).toHaveCount(0)
  const self = await officer.request.post('/ur/work/queue', { form: { entryId: String(id), intent: 'approve' }, headers: { 'Sec-Fetch-Site': 'same-origin' } })
  expect(self.status()).toBe(409)

  // An officer of another trust cannot even see that it exists.
  const stranger = await signedIn(browser, 'officer.lasbela.1@demo.hisaab.pk')
  expect((await stranger.goto(`/ur/ledger/${id}`))?.status()).toBe(404)
  await stranger.goto('/ur/work/queue')
  await expect(stranger.locator(`a[href="/ur/ledger/${id}"]`)).toHaveCount(0)

  // Nor can the public, until it is approved.
  const reader = await (await browser.newContext()).newPage()
  expect((await reader.goto(`/bal/ledger/${id}`))?.status()).toBe(404)

  const colleague = await signedIn(browser, 'officer.chagai.2@demo.hisaab.pk')
  await colleague.goto('/ur/work/queue')
  const card = colleague.locator('li.card', { has: colleague.locator(`a[href="/ur/ledger/${id}"]`) })
  await card.locator('button[value="approve"]').click()
  await expect(colleague).toHaveURL(new RegExp(`approved=${id}$`))

  const expected = formatMoney('bal', { amountMinor: 123_456_78n, currency: 'PKR' })
  expect((await reader.goto(`/bal/ledger/${id}`))?.status()).toBe(200)
  await expect(reader.locator('html')).toHaveAttribute('dir', 'rtl')
  await expect(reader.locator('main')).toContainText(expected)
  await expect(reader.locator('main')).toContainText('گورنمنٹ گرلز پرائمری اسکول ڈاک')
  await reader.goto('/bal/ledger')
  await expect(reader.locator(`a[href="/bal/ledger/${id}"]`)).toBeVisible()
})

test('the public ledger filters and pages without JavaScript, and its totals are the sums of what matches', async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage()
  await page.goto('/ledger')
  await page.locator('select[name="kind"]').selectOption('disbursement')
  await page.locator('select[name="purpose"]').selectOption('water')
  await page.locator('form.filters button[type="submit"]').click()
  await expect(page).toHaveURL(/kind=disbursement/)
  await expect(page.locator('td[data-label="What"]').first()).toBeVisible()
  const kinds = await page.locator('td[data-label="What"]').allInnerTexts()
  expect(kinds.length).toBeGreaterThan(0)
  for (const text of kinds) expect(text).toContain('Water')

  // The totals line sums everything that matches, not just this page.
  const db = e2eDb()
  const rows = await db.selectFrom('ledger_entries').select('pkr_amount_minor').where('status', '=', 'approved').where('kind', '=', 'disbursement').where('purpose', '=', 'water').execute()
  await db.destroy()
  const sum = rows.reduce((total, r) => total + BigInt(r.pkr_amount_minor), 0n)
  await expect(page.locator('.facts')).toContainText(formatMoney('en', { amountMinor: sum, currency: 'PKR' }))
  // The next page continues where this one ended (keyset), with the same filters.
  // The demo data has far more than one page of water disbursements.
  const next = page.getByRole('link', { name: 'Next entries' })
  await expect(next).toBeVisible()
  const firstPage = await page.locator('tbody tr td:first-child a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  expect(firstPage).toHaveLength(50)
  await next.click()
  await expect(page).toHaveURL(/after=/)
  await expect(page).toHaveURL(/purpose=water/)
  await expect(page.locator('tbody tr').first()).toBeVisible()
  const secondPage = await page.locator('tbody tr td:first-child a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  expect(secondPage.length).toBeGreaterThan(0)
  expect(secondPage.filter((href) => firstPage.includes(href))).toEqual([])
})

test('the project page follows the money and shows sharing shortfalls', async ({ page }) => {
  await page.goto('/ur/projects/kohsar-copper-gold')
  await expect(page.locator('figure.follow')).toBeVisible()
  await expect(page.locator('figure.follow table tr')).not.toHaveCount(0)
  await page.goto('/projects')
  const links = await page.locator('.card h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))
  let shortfalls = 0
  for (const href of links) {
    await page.goto(href)
    shortfalls += await page.locator('.badge--bad', { hasText: 'Short' }).count()
  }
  expect(shortfalls).toBeGreaterThan(0)
})

test('with JavaScript, the entry form checks an amount as soon as it is left, in the reader\'s language', async ({ browser }) => {
  const officer = await signedIn(browser, 'officer.gb.1@demo.hisaab.pk', 'bal')
  const errors: string[] = []
  officer.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  officer.on('pageerror', (error) => errors.push(error.message))
  await officer.goto('/bal/work/entries/new?kind=disbursement')
  await expect(officer.locator('script[nonce]').first()).toBeAttached()
  await officer.waitForLoadState('networkidle') // hydrated
  await officer.locator('input[name="amount"]').fill('1,2,3')
  await officer.locator('input[name="amount"]').blur()
  await expect(officer.locator('#amount-error')).toHaveText(/[\u0600-\u06FF]/)
  await expect(officer).toHaveURL(/\/bal\/work\/entries\/new\?kind=disbursement$/)
  expect(errors).toEqual([])
})

/** Which public addresses name `name`: the parties table in every form, the pages, the feed and the ledger's search. */
async function publicMentions(request: APIRequestContext, name: string, where: { project: string; trust: string }): Promise<string[]> {
  const texts: Record<string, () => Promise<string>> = {
    '/api/v1/parties': async () => (await request.get('/api/v1/parties')).text(),
    '/downloads/data/parties.csv': async () => (await request.get('/downloads/data/parties.csv')).text(),
    '/downloads/data/parties.json': async () => (await request.get('/downloads/data/parties.json')).text(),
    'open-data.zip data/parties.csv': async () => strFromU8(unzipSync(new Uint8Array(await (await request.get('/downloads/open-data.zip')).body()))['data/parties.csv']!),
    [`/projects/${where.project}`]: async () => (await (await request.get(`/ur/projects/${where.project}`)).text()),
    [`/trusts/${where.trust}`]: async () => (await (await request.get(`/ur/trusts/${where.trust}`)).text()),
    '/ledger/feed.atom': async () => (await request.get('/ur/ledger/feed.atom')).text(),
    // The answer repeats the words searched for; only the entries found count.
    '/api/v1/ledger?q=': async () => JSON.stringify(((await (await request.get(`/api/v1/ledger?q=${encodeURIComponent(name)}`)).json()) as { entries: unknown[] }).entries),
  }
  const found: string[] = []
  for (const [address, text] of Object.entries(texts)) if ((await text()).includes(name)) found.push(address)
  return found
}

test('a beneficiary typed into a pending entry stays out of every public list, after a rejection too, until a colleague approves an entry naming it', async ({ browser, request }) => {
  // Three downloads of the whole data package, on a machine other journeys keep busy.
  test.slow()
  const officer = await signedIn(browser, 'officer.chagai.1@demo.hisaab.pk', 'en')
  const colleague = await signedIn(browser, 'officer.chagai.2@demo.hisaab.pk', 'en')
  async function recordFor(name: string): Promise<{ id: number; project: string; trust: string }> {
    await officer.goto('/work/entries/new?kind=disbursement')
    await officer.locator('select[name="projectId"]').selectOption({ index: 1 })
    await officer.locator('select[name="fromPartyId"]').selectOption({ index: 1 })
    await officer.locator('select[name="toPartyId"]').selectOption('new')
    await officer.locator('input[name="newBeneficiaryName"]').fill(name)
    await officer.locator('select[name="newBeneficiaryKind"]').selectOption('village_organisation')
    await officer.locator('select[name="purpose"]').selectOption('water')
    await officer.locator('select[name="localityId"]').selectOption({ index: 1 })
    await officer.locator('input[name="amount"]').fill('2,000')
    await officer.locator('form.form button[type="submit"]:not([value="find"])').click()
    await expect(officer).toHaveURL(/\/ledger\/\d+\?recorded$/)
    const id = Number(/\/ledger\/(\d+)/.exec(officer.url())![1])
    const db = e2eDb()
    try {
      const entry = await db
        .selectFrom('ledger_entries as e')
        .innerJoin('projects as p', 'p.id', 'e.project_id')
        .innerJoin('parties as t', 't.id', 'e.from_party_id')
        .select(['p.slug as project', 't.slug as trust'])
        .where('e.id', '=', id)
        .executeTakeFirstOrThrow()
      return { id, ...entry }
    } finally {
      await db.destroy()
    }
  }
  const decide = async (id: number, intent: 'approve' | 'reject') => {
    await colleague.goto('/work/queue')
    const card = colleague.locator('li.card', { has: colleague.locator(`a[href="/ledger/${id}"]`) })
    if (intent === 'reject') await card.locator('[name="reason"]').fill('No such committee in this village')
    await card.locator(`button[value="${intent}"]`).click()
    await expect(colleague).toHaveURL(new RegExp(`${intent === 'approve' ? 'approved' : 'rejected'}=${id}$`))
  }

  const rejected = await recordFor('کلی سردار پانی کمیٹی')
  expect(await publicMentions(request, 'کلی سردار پانی کمیٹی', rejected)).toEqual([])
  await decide(rejected.id, 'reject')
  expect(await publicMentions(request, 'کلی سردار پانی کمیٹی', rejected)).toEqual([])

  const approved = await recordFor('کلی میر پانی کمیٹی')
  expect(await publicMentions(request, 'کلی میر پانی کمیٹی', approved)).toEqual([])
  await decide(approved.id, 'approve')
  expect(await publicMentions(request, 'کلی میر پانی کمیٹی', approved)).toEqual([
    '/api/v1/parties',
    '/downloads/data/parties.csv',
    '/downloads/data/parties.json',
    'open-data.zip data/parties.csv',
    `/projects/${approved.project}`,
    `/trusts/${approved.trust}`,
    '/ledger/feed.atom',
    '/api/v1/ledger?q=',
  ])
})
