import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { totpCode } from '../../app/auth/totp.server'
import { DEMO_PASSWORD, DEMO_TOTP_SECRETS } from '../../scripts/demo-data'
import { HOSTILE_RETURN_PATHS } from '../fixtures/return-paths'
import { e2eDb } from './fixtures'

async function signIn(page: Page, path: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(path)
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('form.form button[type="submit"]').click()
}

/** The code the demo admin's app would show; waits for a fresh step if this one was used already. */
async function freshAdminCode(): Promise<string> {
  const db = e2eDb()
  try {
    const { totp_last_step } = await db.selectFrom('users').select('totp_last_step').where('email', '=', 'admin@demo.hisaab.pk').executeTakeFirstOrThrow()
    const step = () => Math.floor(Date.now() / 30_000)
    while (totp_last_step !== null && step() <= totp_last_step) await new Promise((r) => setTimeout(r, 1000))
    return totpCode(DEMO_TOTP_SECRETS.admin)
  } finally {
    await db.destroy()
  }
}

async function unpublishedEntries(): Promise<{ pending: number; rejected: number }> {
  const db = e2eDb()
  try {
    const first = (status: 'pending' | 'rejected') => db.selectFrom('ledger_entries').select('id').where('status', '=', status).orderBy('id').executeTakeFirstOrThrow()
    return { pending: (await first('pending')).id, rejected: (await first('rejected')).id }
  } finally {
    await db.destroy()
  }
}

test('an officer signs in in Urdu, enrols nothing, and reaches only their own trust', async ({ page }) => {
  await signIn(page, '/ur/login', 'officer.chagai.1@demo.hisaab.pk')
  await expect(page).toHaveURL(/\/ur\/work$/)
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  const trustLinks = await page.locator('main .card h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  expect(trustLinks).toEqual(['/ur/work/trusts/chagai-community-development-trust'])

  await page.goto('/ur/work/trusts/chagai-community-development-trust')
  expect((await page.request.get('/ur/work/trusts/chagai-community-development-trust')).status()).toBe(200)

  const other = await page.goto('/ur/work/trusts/lasbela-khuzdar-community-trust')
  expect(other?.status()).toBe(403)
  await expect(page.locator('h1')).toHaveText(/[\u0600-\u06FF]/)

  // Signed-in pages are never cached.
  const response = await page.request.get('/ur/work')
  expect(response.headers()['cache-control']).toBe('no-store')
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
})

test('a wrong password gets one message that does not say whether the account exists', async ({ page }) => {
  await signIn(page, '/bal/login', 'officer.chagai.2@demo.hisaab.pk', 'not-the-password-at-all')
  const known = await page.locator('.form-message').innerText()
  await expect(page.locator('input[name="email"]')).toHaveValue('officer.chagai.2@demo.hisaab.pk')
  await expect(page.locator('input[name="password"]')).toHaveValue('')
  await signIn(page, '/bal/login', 'nobody@demo.hisaab.pk', 'not-the-password-at-all')
  expect(await page.locator('.form-message').innerText()).toBe(known)
  expect(known).toMatch(/[\u0600-\u06FF]/)
})

test('an admin signs in with a code and adds an officer, who sets a password and signs in', async ({ page, browser, request }) => {
  test.slow() // three people, four argon2 sign-ins and perhaps a wait for a fresh code: near 30 s on a busy machine
  await signIn(page, '/login', 'admin@demo.hisaab.pk')
  await expect(page).toHaveURL(/\/login\/code$/)
  const preCode = (await page.context().cookies()).find((c) => c.name === 'hisaab_session')!.value
  // Nothing else is reachable before the code.
  await page.goto('/admin/users')
  await expect(page).toHaveURL(/\/login\/code$/)
  // Until then the admin is nobody: no name in the header, and unpublished entries are not there.
  await expect(page.locator('.user-menu')).toHaveText(/^\s*Finish signing in\s*Sign out\s*$/)
  const { pending, rejected } = await unpublishedEntries()
  for (const id of [pending, rejected]) expect((await page.request.get(`/ledger/${id}`)).status()).toBe(404)
  await page.locator('input[name="code"]').fill('000000')
  await page.locator('form.form button[type="submit"]').click()
  await expect(page.locator('.form-message')).toBeVisible()
  await page.locator('input[name="code"]').fill(await freshAdminCode())
  await page.locator('form.form button[type="submit"]').click()
  await expect(page).toHaveURL(/\/work$/)
  // The code gave a new session; the token from before it opens nothing.
  expect((await page.context().cookies()).find((c) => c.name === 'hisaab_session')!.value).not.toBe(preCode)
  const replayed = await request.get('/work', { headers: { cookie: `hisaab_session=${preCode}` }, maxRedirects: 0 })
  expect(replayed.headers()['location']).toBe('/login?redirectTo=%2Fwork')
  expect((await page.request.get(`/ledger/${pending}`)).status()).toBe(200)

  await page.goto('/admin/users')
  const email = `new.officer.${Date.now()}@demo.hisaab.pk`
  await page.locator('input[name="name"]').fill('Bibi Gul')
  await page.locator('input[name="email"]').fill(email)
  await page.locator('select[name="role"]').selectOption('officer')
  await page.locator('select[name="preferredLang"]').selectOption('bal')
  await page.getByRole('checkbox', { name: 'Shigar Valley Community Trust' }).check()
  await page.locator('form.form button[type="submit"]').click()
  const link = await page.locator('.form-message--success .secret-key').innerText()
  expect(link).toMatch(/^http:\/\/localhost:\d+\/bal\/password\/[a-z2-7]+\.[a-z2-7]+$/)

  // The new officer, on their own phone, follows the link once.
  const phone = await browser.newContext()
  const officer = await phone.newPage()
  await officer.goto(link)
  await officer.locator('input[name="newPassword"]').fill('qwerty123456')
  await officer.locator('input[name="confirmPassword"]').fill('qwerty123456')
  await officer.locator('form.form button[type="submit"]').click()
  await expect(officer.locator('.field-error')).toBeVisible() // a common password is refused
  await officer.locator('input[name="newPassword"]').fill('دو سو تیس پتھر اور ایک دریا')
  await officer.locator('input[name="confirmPassword"]').fill('دو سو تیس پتھر اور ایک دریا')
  await officer.locator('form.form button[type="submit"]').click()
  await expect(officer).toHaveURL(/\/bal\/login\?passwordSet$/)
  expect((await officer.goto(link))?.status()).toBe(410) // single use

  await signIn(officer, '/bal/login', email, 'دو سو تیس پتھر اور ایک دریا')
  await expect(officer).toHaveURL(/\/bal\/work$/)
  await expect(officer.locator('main .card')).toHaveCount(1)

  // Deactivating the officer ends their session at once.
  await page.goto('/admin/users')
  await page.getByRole('link', { name: 'Bibi Gul' }).click()
  await page.locator('button[value="deactivate"]').click()
  await expect(page.locator('.form-message--success')).toBeVisible()
  await officer.goto('/bal/work')
  await expect(officer).toHaveURL(/\/bal\/login\?redirectTo=/)
  await phone.close()

  // All of it is in the audit trail.
  await page.goto(`/admin/audit?actor=admin%40demo.hisaab.pk`)
  const actions = await page.locator('td[data-label="What"]').allInnerTexts()
  for (const action of ['User deactivated', 'Password link issued', 'User added', 'Signed in']) expect(actions).toContain(action)
})

test('a POST from another site is refused, and one from our own page is not', async ({ page }) => {
  const foreign = await page.request.post('/login', { form: { email: 'a@b.pk', password: 'x' }, headers: { Origin: 'https://evil.example' } })
  expect(foreign.status()).toBe(403)
  const crossSite = await page.request.post('/login', { form: { email: 'a@b.pk', password: 'x' }, headers: { 'Sec-Fetch-Site': 'cross-site' } })
  expect(crossSite.status()).toBe(403)
  const own = await page.request.post('/login', { form: { email: 'a@b.pk', password: 'x' }, headers: { 'Sec-Fetch-Site': 'same-origin' } })
  expect(own.status()).toBe(400)
})

test("a POST whose Origin is not ours gets the 403 page in the reader's language, never Remix's 500", async ({ request, baseURL }) => {
  const own = new URL(baseURL!).origin
  const refusal = JSON.parse(readFileSync('./locales/ur/common.json', 'utf8')).errors.forbidden.title as string
  const form = { email: 'a@b.pk', password: 'x' }
  const refused: Array<Record<string, string>> = [
    { 'Sec-Fetch-Site': 'same-origin', Origin: 'https://evil.example' },
    { 'Sec-Fetch-Site': 'same-origin', Origin: 'null' },
    { 'Sec-Fetch-Site': 'same-origin', Origin: 'not a url' },
    { 'Sec-Fetch-Site': 'same-origin', Origin: `${own}/` },
    { Origin: own, 'X-Forwarded-Host': 'evil.example' },
    { 'Sec-Fetch-Site': 'same-origin', Origin: own, 'X-Forwarded-Host': 'evil.example' },
    { 'Sec-Fetch-Site': 'cross-site', Origin: own },
    { 'Sec-Fetch-Site': 'same-site' },
    {},
  ]
  for (const headers of refused) {
    const response = await request.post('/ur/login', { form, headers })
    expect(response.status(), JSON.stringify(headers)).toBe(403)
    expect(await response.text(), JSON.stringify(headers)).toContain(refusal)
  }
  const ours: Array<Record<string, string>> = [{ Origin: own }, { Origin: own, 'Sec-Fetch-Site': 'same-origin' }, { 'Sec-Fetch-Site': 'same-origin' }]
  for (const headers of ours) {
    expect((await request.post('/ur/login', { form, headers })).status(), JSON.stringify(headers)).toBe(400)
  }
})

test('signing out ends the session on the server', async ({ page }) => {
  await signIn(page, '/login', 'officer.lasbela.1@demo.hisaab.pk')
  await expect(page).toHaveURL(/\/work$/)
  const cookie = (await page.context().cookies()).find((c) => c.name === 'hisaab_session')!
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login\?signedOut$/)
  // The old cookie, replayed, no longer opens anything.
  const replay = await page.request.get('/work', { headers: { cookie: `hisaab_session=${cookie.value}` }, maxRedirects: 0 })
  expect(replay.status()).toBe(302)
  expect(replay.headers()['location']).toContain('/login?redirectTo=')
})

test('ten failed sign-ins lock the account for a while, said in the reader\'s language with Retry-After', async ({ page }) => {
  const attempt = () =>
    page.request.post('/ur/login', { form: { email: 'officer.gb.2@demo.hisaab.pk', password: 'wrong-password-again' }, headers: { 'Sec-Fetch-Site': 'same-origin' } })
  for (let i = 0; i < 10; i++) expect((await attempt()).status()).toBe(400)
  const locked = await attempt()
  expect(locked.status()).toBe(429)
  expect(Number(locked.headers()['retry-after'])).toBeGreaterThan(0)
  expect(Number(locked.headers()['retry-after'])).toBeLessThanOrEqual(15 * 60)
  const body = await locked.text()
  expect(body).toMatch(/[\u0600-\u06FF]/)
  // Even the right password waits until the lock ends.
  const right = await page.request.post('/ur/login', { form: { email: 'officer.gb.2@demo.hisaab.pk', password: 'hisaab-demo-password' }, headers: { 'Sec-Fetch-Site': 'same-origin' }, maxRedirects: 0 })
  expect(right.status()).toBe(429)
})

test('after sign-in only a path of this portal is returned to, percent-encoded in Location; anything else goes to /work', async ({ request, page }) => {
  test.slow() // one argon2 sign-in per hostile value
  const officer = 'officer.kp.1@demo.hisaab.pk'
  const location = (response: { status(): number; headers(): Record<string, string> }) => {
    expect(response.status()).toBe(302)
    const value = response.headers()['location']!
    expect(value).toMatch(/^[\x21-\x7e]+$/) // printable ASCII: the header's bytes are the string's
    return value
  }
  // A real sign-in for each value (each replaces the session before it).
  for (const { name, value, expected } of HOSTILE_RETURN_PATHS) {
    const response = await request.post('/login', { form: { email: officer, password: DEMO_PASSWORD, redirectTo: value }, headers: { 'Sec-Fetch-Site': 'same-origin' }, maxRedirects: 0 })
    expect(location(response), `POST ${name}`).toBe(expected ?? '/work')
  }
  // Already signed in, the sign-in page sends the browser straight on.
  for (const { name, value, expected } of HOSTILE_RETURN_PATHS) {
    const response = await request.get(`/login?redirectTo=${encodeURIComponent(value)}`, { maxRedirects: 0 })
    expect(location(response), `GET ${name}`).toBe(expected ?? '/work')
  }
  expect(location(await request.get('/login?redirectTo=/%09/evil.example', { maxRedirects: 0 }))).toBe('/work')
  expect(location(await request.get('/ur/login?redirectTo=/ledger', { maxRedirects: 0 }))).toBe('/ur/ledger')
  expect(location(await request.get(`/bal/login?redirectTo=${encodeURIComponent('/ur/اردو')}`, { maxRedirects: 0 }))).toBe('/ur/%D8%A7%D8%B1%D8%AF%D9%88')

  // In a browser, an Urdu search survives the trip through sign-in.
  await page.goto(`/ur/login?redirectTo=${encodeURIComponent('/ledger?q=سونا')}`)
  await page.locator('input[name="email"]').fill(officer)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form.form button[type="submit"]').click()
  await expect(page).toHaveURL(/\/ur\/ledger\?q=%D8%B3%D9%88%D9%86%D8%A7$/)
  await expect(page.locator('input[name="q"]')).toHaveValue('سونا')
})

test("wrong guesses at the current password are throttled as sign-in is, said in the reader's language with Retry-After", async ({ request, playwright, baseURL }) => {
  const email = 'officer.lasbela.2@demo.hisaab.pk'
  const sameOrigin = { 'Sec-Fetch-Site': 'same-origin' }
  expect((await request.post('/ur/login', { form: { email, password: DEMO_PASSWORD }, headers: sameOrigin, maxRedirects: 0 })).status()).toBe(302)
  const change = (currentPassword: string) =>
    request.post('/ur/account/password', { form: { currentPassword, newPassword: 'a new and longer passphrase', confirmPassword: 'a new and longer passphrase' }, headers: sameOrigin, maxRedirects: 0 })
  for (let i = 0; i < 10; i++) expect((await change(`guess number ${i}`)).status()).toBe(400)
  const locked = await change('guess number 10')
  expect(locked.status()).toBe(429)
  expect(Number(locked.headers()['retry-after'])).toBeGreaterThan(0)
  expect(Number(locked.headers()['retry-after'])).toBeLessThanOrEqual(15 * 60)
  const waitText = (JSON.parse(readFileSync('./locales/ur/account.json', 'utf8')).signIn.throttled as string).split('{{minutes}}')[0]!
  expect(await locked.text()).toContain(waitText)
  // Even the right password waits, and so does signing in anew, from another browser.
  expect((await change(DEMO_PASSWORD)).status()).toBe(429)
  const elsewhere = await playwright.request.newContext({ baseURL })
  expect((await elsewhere.post('/ur/login', { form: { email, password: DEMO_PASSWORD }, headers: sameOrigin, maxRedirects: 0 })).status()).toBe(429)
  await elsewhere.dispose()
})
