import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { createReport } from '../../app/models/employment.server'
import { e2eDb, SAME_ORIGIN, signedInAs, type Lang } from './fixtures'

/**
 * 40 KB of text, ten times the longest field's limit: the review stored 150 KB as a reason, which
 * the 64 KB body cap now refuses whole with a 413 (tests/e2e/errors.spec.ts). Under the cap, each
 * field's own limit must hold, said beside the field.
 */
const HUGE = 'The voucher was entered twice. '.repeat(1_300).slice(0, 40_000)

/** The refusal a reader sees, in their language, for text over `max` characters. */
const tooLongIn = (lang: Lang, max: number) => (JSON.parse(readFileSync(`./locales/${lang}/common.json`, 'utf8')) as { form: { tooLong: string } }).form.tooLong.replace('{{max}}', String(max))

async function post(page: Page, path: string, form: Record<string, string>) {
  const response = await page.request.post(path, { form, headers: SAME_ORIGIN })
  return { status: response.status(), html: await response.text() }
}

/** Lasbela–Khuzdar records: an approved disbursement nobody has reversed, and one waiting for approval. */
async function lasbelaEntries() {
  const db = e2eDb()
  try {
    const trust = await db.selectFrom('parties').select('id').where('slug', '=', 'lasbela-khuzdar-community-trust').executeTakeFirstOrThrow()
    const colleague = await db.selectFrom('users').select('id').where('email', '=', 'officer.lasbela.2@demo.hisaab.pk').executeTakeFirstOrThrow()
    const approved = await db
      .selectFrom('ledger_entries as e')
      .select('e.id')
      .where('e.from_party_id', '=', trust.id)
      .where('e.status', '=', 'approved')
      .where('e.reverses_entry_id', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('ledger_entries as r').select('r.id').whereRef('r.reverses_entry_id', '=', 'e.id'))))
      .orderBy('e.id')
      .executeTakeFirstOrThrow()
    const pending = await db.selectFrom('ledger_entries').select('id').where('status', '=', 'pending').where('created_by_user_id', '=', colleague.id).executeTakeFirstOrThrow()
    return { approvedId: approved.id, pendingId: pending.id, colleagueId: colleague.id }
  } finally {
    await db.destroy()
  }
}

test('a 40 KB reversal reason is refused by the server, in Urdu, with what was typed still in the form and nothing stored', async ({ browser }) => {
  const { approvedId } = await lasbelaEntries()
  const officer = await signedInAs(browser, 'officer.lasbela.1@demo.hisaab.pk', { javaScriptEnabled: false })
  await officer.goto(`/ur/ledger/${approvedId}`)
  const reason = officer.locator('textarea[name="reason"]')
  // The page says the limit; the server must hold it even for a request that ignores the page.
  await expect(reason).toHaveAttribute('maxlength', '1000')
  await reason.evaluate((textarea) => textarea.removeAttribute('maxlength'))
  await reason.fill(HUGE)
  const [response] = await Promise.all([officer.waitForResponse((r) => r.request().method() === 'POST'), officer.locator('main form.form button[type="submit"]').click()])
  expect(response.status()).toBe(400)
  await expect(officer.locator('#reversal-reason-error, [id$="reason-error"]')).toHaveText(tooLongIn('ur', 1000))
  expect(await reason.inputValue()).toBe(HUGE)

  const db = e2eDb()
  const reversals = await db.selectFrom('ledger_entries').select('id').where('reverses_entry_id', '=', approvedId).execute()
  const events = await db.selectFrom('audit_events').select('id').where('action', '=', 'ledger.entry.reversal_requested').where('details', 'like', `%"reversesEntryId":${approvedId},%`).execute()
  await db.destroy()
  expect(reversals).toEqual([])
  expect(events).toEqual([])

  // An ordinary reason goes through.
  await reason.fill('The voucher was entered twice.')
  await officer.locator('main form.form button[type="submit"]').click()
  await expect(officer).toHaveURL(/\/ur\/ledger\/\d+\?recorded$/)
})

test('a 40 KB rejection reason is refused by the server beside the entry it was for, in Balochi, and the entry stays pending', async ({ browser }) => {
  const { pendingId } = await lasbelaEntries()
  const officer = await signedInAs(browser, 'officer.lasbela.1@demo.hisaab.pk')
  const { status, html } = await post(officer, '/bal/work/queue', { entryId: String(pendingId), intent: 'reject', reason: HUGE })
  expect(status).toBe(400)
  expect(html).toContain(tooLongIn('bal', 1000))
  expect(html).toContain(HUGE)

  await officer.setContent(html, { waitUntil: 'domcontentloaded' })
  const card = officer.locator('li.card', { has: officer.locator(`a[href="/bal/ledger/${pendingId}"]`) })
  await expect(card.locator('.field-error')).toHaveText(tooLongIn('bal', 1000))
  expect(await card.locator('textarea[name="reason"]').inputValue()).toBe(HUGE)

  const db = e2eDb()
  const entry = await db.selectFrom('ledger_entries').select(['status', 'rejection_reason']).where('id', '=', pendingId).executeTakeFirstOrThrow()
  await db.destroy()
  expect(entry).toEqual({ status: 'pending', rejection_reason: null })
})

test('a 40 KB rejection reason for an employment report is refused by the server, and the report stays pending', async ({ browser }) => {
  const { colleagueId } = await lasbelaEntries()
  const db = e2eDb()
  const project = await db.selectFrom('projects').select('id').where('slug', '=', 'bela-chromite').executeTakeFirstOrThrow()
  const { id: reportId } = await createReport(db, colleagueId, { projectId: project.id, periodKind: 'month', periodStart: '2026-05-01', idempotencyKey: `form-limits-${randomUUID()}`, lines: [{ jobCategory: 'skilled', total: 10, local: 7, women: 1 }] })
  await db.destroy()

  const officer = await signedInAs(browser, 'officer.lasbela.1@demo.hisaab.pk')
  const { status, html } = await post(officer, '/ur/work/reports', { reportId: String(reportId), intent: 'reject', reason: HUGE })
  expect(status).toBe(400)
  expect(html).toContain(tooLongIn('ur', 1000))
  expect(html).toContain(HUGE)

  const after = e2eDb()
  const report = await after.selectFrom('employment_reports').select(['status', 'rejection_reason']).where('id', '=', reportId).executeTakeFirstOrThrow()
  await after.destroy()
  expect(report).toEqual({ status: 'pending', rejection_reason: null })
})

test('every text field of the entry and report forms has a server-side limit, said beside the field with what was typed kept', async ({ browser }) => {
  const officer = await signedInAs(browser, 'officer.lasbela.1@demo.hisaab.pk', { javaScriptEnabled: false })
  await officer.goto('/bal/work/entries/new?kind=disbursement')
  // The page takes its limits from the schema the server checks with.
  await expect(officer.locator('input[name="description"]')).toHaveAttribute('maxlength', '1000')
  await expect(officer.locator('input[name="reference"]')).toHaveAttribute('maxlength', '200')
  await expect(officer.locator('input[name="comments"]')).toHaveAttribute('maxlength', '2000')
  await expect(officer.locator('input[name="amount"]')).toHaveAttribute('maxlength', '40')

  const idempotencyKey = randomUUID()
  for (const field of ['description', 'comments', 'reference', 'newBeneficiaryName']) {
    const { status, html } = await post(officer, '/bal/work/entries/new?kind=disbursement', { kind: 'disbursement', idempotencyKey, amount: '100', [field]: HUGE })
    expect(status, field).toBe(400)
    await officer.setContent(html, { waitUntil: 'domcontentloaded' })
    await expect(officer.locator(`#${field}-error, [id$="-${field}-error"]`), field).toContainText(tooLongIn('bal', field === 'comments' ? 2000 : field === 'description' ? 1000 : 200))
    expect(await officer.locator(`input[name="${field}"]`).inputValue(), field).toBe(HUGE)
  }
  const db = e2eDb()
  expect(await db.selectFrom('ledger_entries').select('id').where('idempotency_key', '=', idempotencyKey).execute()).toEqual([])
  await db.destroy()

  const report = await post(officer, '/bal/work/reports/new', { projectId: '3', periodKind: 'month', periodStart: '2026-04-01', idempotencyKey: randomUUID(), skilled_total: '10', skilled_local: '7', skilled_women: '1', skilled_districts: HUGE })
  expect(report.status).toBe(400)
  await officer.setContent(report.html, { waitUntil: 'domcontentloaded' })
  await expect(officer.locator('#skilled_districts-error')).toHaveText(tooLongIn('bal', 500))
  expect(await officer.locator('input[name="skilled_districts"]').inputValue()).toBe(HUGE)
  await expect(officer.locator('input[name="skilled_total"]')).toHaveValue('10')
})

test('an admin\'s and an auditor\'s text fields are limited on the server too: user names, quotas, explanations of sharing gaps', async ({ browser }) => {
  const admin = await signedInAs(browser, 'admin@demo.hisaab.pk')
  const email = `limits-${randomUUID()}@demo.hisaab.pk`
  const user = await post(admin, '/ur/admin/users', { name: HUGE, email, role: 'auditor', preferredLang: 'ur' })
  expect(user.status).toBe(400)
  expect(user.html).toContain(tooLongIn('ur', 200))
  expect(user.html).toContain(HUGE)

  const quota = await post(admin, '/ur/work/quotas', { projectId: '3', jobCategory: 'skilled', localScope: 'district', districts: HUGE, minLocal: '70', validFrom: '2027-01-01' })
  expect(quota.status).toBe(400)
  await admin.setContent(quota.html, { waitUntil: 'domcontentloaded' })
  await expect(admin.locator('#districts-error')).toHaveText(tooLongIn('ur', 500))
  expect(await admin.locator('input[name="districts"]').inputValue()).toBe(HUGE)
  await expect(admin.locator('input[name="minLocal"]')).toHaveValue('70')

  const db = e2eDb()
  expect(await db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([])
  expect(await db.selectFrom('employment_quotas').select('id').where('valid_from', '=', '2027-01-01').execute()).toEqual([])
  await db.destroy()

  const auditor = await signedInAs(browser, 'auditor@demo.hisaab.pk', { javaScriptEnabled: false })
  await auditor.goto('/bal/work/sharing')
  const form = auditor.locator('form', { has: auditor.locator('textarea[name="explanation"]') }).first()
  await expect(form.locator('textarea')).toHaveAttribute('maxlength', '4000')
  const gap = Object.fromEntries(await Promise.all(['projectId', 'trustId', 'fiscalYear'].map(async (name) => [name, (await form.locator(`input[name="${name}"]`).getAttribute('value'))!])))
  const explanation = await post(auditor, '/bal/work/sharing', { intent: 'explain', ...gap, explanation: HUGE })
  expect(explanation.status).toBe(400)
  await auditor.setContent(explanation.html, { waitUntil: 'domcontentloaded' })
  const sent = auditor.locator('form', { has: auditor.locator(`input[name="fiscalYear"][value="${gap.fiscalYear}"]`) }).filter({ has: auditor.locator(`input[name="projectId"][value="${gap.projectId}"]`) }).filter({ has: auditor.locator(`input[name="trustId"][value="${gap.trustId}"]`) })
  await expect(sent.locator('.field-error')).toHaveText(tooLongIn('bal', 4000))
  expect(await sent.locator('textarea').inputValue()).toBe(HUGE)
})
