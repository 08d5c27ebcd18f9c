import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { addDays, monthOf, quarterOf } from '../../app/domain/employment'
import { pakistanDateOf } from '../../app/domain/fiscal-year'
import { formatDateTime } from '../../app/i18n/format'
import { e2eDb, SAME_ORIGIN, signedInAs, type Lang } from './fixtures'

/** A moment as a page shows it: in Pakistan, with the zone named in the reader's language. */
const shown = (lang: Lang, iso: string) => formatDateTime(lang, iso, (JSON.parse(readFileSync(`./locales/${lang}/common.json`, 'utf8')) as { time: { zone: string } }).time.zone)

test('staff see every time in Pakistan time, said in their language, while the data keep UTC', async ({ browser, request }) => {
  const db = e2eDb()
  const chagai1 = await db.selectFrom('users').select('id').where('email', '=', 'officer.chagai.1@demo.hisaab.pk').executeTakeFirstOrThrow()
  const pending = await db.selectFrom('ledger_entries').select(['id', 'created_at']).where('status', '=', 'pending').where('created_by_user_id', '=', chagai1.id).orderBy('id').executeTakeFirstOrThrow()
  const decided = await db.selectFrom('ledger_entries').select(['id', 'created_at', 'decided_at']).where('status', '=', 'approved').where('created_by_user_id', 'is not', null).orderBy('id', 'desc').executeTakeFirstOrThrow()
  await db.destroy()

  const officer = await signedInAs(browser, 'officer.chagai.2@demo.hisaab.pk')
  await officer.goto(`/ur/ledger/${pending.id}`)
  await expect(officer.locator('main')).toContainText(shown('ur', pending.created_at))
  await expect(officer.locator('main')).toContainText('پاکستانی وقت')
  await officer.goto('/bal/work/queue')
  await expect(officer.locator('main')).toContainText(shown('bal', pending.created_at))
  await expect(officer.locator('main')).toContainText('پاکستان ءِ وهد')
  for (const path of [`/ur/ledger/${pending.id}`, '/bal/work/queue', '/work/queue', '/account']) {
    await officer.goto(path)
    await expect(officer.locator('main'), path).not.toContainText('UTC')
  }

  const auditor = await signedInAs(browser, 'auditor@demo.hisaab.pk')
  await auditor.goto(`/ledger/${decided.id}`)
  await expect(auditor.locator('main')).toContainText(shown('en', decided.decided_at!))
  await expect(auditor.locator('main')).toContainText('PKT')
  await auditor.goto('/ur/admin/audit')
  await expect(auditor.locator('main th').first()).toHaveText('کب (پاکستانی وقت)')
  await expect(auditor.locator('main')).not.toContainText('UTC')

  // What is published keeps UTC.
  const feed = await (await request.get('/ur/ledger/feed.atom')).text()
  expect(feed).toMatch(/<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z<\/updated>/)
})

const employment = (lang: Lang) => JSON.parse(readFileSync(`./locales/${lang}/employment.json`, 'utf8')) as { report: { heading: string; errors: Record<string, string> }; queue: { history: string; historyCaption: string } }

test('an officer can report only a finished month or quarter: the form offers no other, and the server refuses one under way', async ({ browser }) => {
  const today = pakistanDateOf(new Date())
  const officer = await signedInAs(browser, 'officer.lasbela.1@demo.hisaab.pk', { javaScriptEnabled: false })
  for (const [kind, current] of [['quarter', quarterOf(today)], ['month', monthOf(today)]] as const) {
    await officer.goto(`/bal/work/reports/new?kind=${kind}`)
    const starts = await officer.locator('select[name="periodStart"] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean))
    expect(starts[0], kind).toBe((kind === 'quarter' ? quarterOf : monthOf)(addDays(current.start, -1)).start)
    for (const start of starts) expect(start < current.start, `${kind} ${start}`).toBe(true)
  }

  const underWay = quarterOf(today).start
  const response = await officer.request.post('/bal/work/reports/new', {
    form: { projectId: '3', periodKind: 'quarter', periodStart: underWay, idempotencyKey: `under-way-${Date.now()}`, skilled_total: '12', skilled_local: '9', skilled_women: '2' },
    headers: SAME_ORIGIN,
  })
  expect(response.status()).toBe(400)
  await officer.setContent(await response.text(), { waitUntil: 'domcontentloaded' })
  await expect(officer.locator('.form-message')).toHaveText(employment('bal').report.errors.period_not_over!)
  await expect(officer.locator('input[name="skilled_total"]')).toHaveValue('12')
  const db = e2eDb()
  expect(await db.selectFrom('employment_reports').select('id').where('period_start', '=', underWay).execute()).toEqual([])
  await db.destroy()
})

test('the history of reports on the approvals page is captioned as what it is, in every language', async ({ browser }) => {
  const officer = await signedInAs(browser, 'officer.lasbela.1@demo.hisaab.pk', { javaScriptEnabled: false })
  for (const lang of ['en', 'ur', 'bal'] as const) {
    await officer.goto(lang === 'en' ? '/work/reports' : `/${lang}/work/reports`)
    const history = officer.locator('table', { has: officer.locator('a[href*="amend="]') })
    await expect(history.locator('caption')).toHaveText(employment(lang).queue.historyCaption)
    await expect(history.locator('caption')).not.toHaveText(employment(lang).report.heading)
    await expect(officer.locator('h2', { hasText: employment(lang).queue.history })).toBeVisible()
  }
})

test('the audit trail names every kind of event and shows its details as a list, in Urdu and Balochi', async ({ browser }) => {
  const auditor = await signedInAs(browser, 'auditor@demo.hisaab.pk', { javaScriptEnabled: false })
  for (const lang of ['ur', 'bal'] as const) {
    const texts = JSON.parse(readFileSync(`./locales/${lang}/admin.json`, 'utf8')) as { actions: Record<string, string>; auditDetails: Record<string, string>; auditValues: Record<string, string> }
    await auditor.goto(`/${lang}/admin/audit`)
    const kinds = (await auditor.locator('select[name="action"] option').allTextContents()).slice(1)
    expect(kinds.length).toBeGreaterThan(3)
    for (const kind of kinds) {
      expect(kind, 'no machine names such as ledger.entry.rejected').not.toMatch(/[a-z]+[._][a-z]+/)
      expect(kind).toMatch(/[\u0600-\u06FF]/)
    }

    // A rejected reversal: its reason, that it was a reversal, and of which entry.
    await auditor.goto(`/${lang}/admin/audit?action=ledger.entry.rejected`)
    const row = auditor.locator('main tbody tr').filter({ hasText: texts.auditDetails.reversesEntryId! }).first()
    await expect(row.locator('td').nth(2)).toHaveText(texts.actions['ledger.entry.rejected']!)
    const details = row.locator('dl.audit-details')
    await expect(details.locator('dt')).toHaveText([texts.auditDetails.reason!, texts.auditDetails.reversal!, texts.auditDetails.reversesEntryId!])
    await expect(details.locator('dd').nth(1)).toHaveText(texts.auditValues.yes!)
    await expect(details.locator('dd').nth(2)).toHaveText(/^\d+$/)
    await expect(auditor.locator('main table')).not.toContainText('{"')
    await expect(auditor.locator('main table')).not.toContainText('ledger_entry')
  }
})

test('the signed bundle is in the signed-in menu of those who may download it, and of nobody else', async ({ browser }) => {
  for (const [email, offered] of [['auditor@demo.hisaab.pk', true], ['admin@demo.hisaab.pk', true], ['officer.chagai.1@demo.hisaab.pk', false]] as const) {
    const page = await signedInAs(browser, email, { javaScriptEnabled: false })
    await page.goto('/bal/work')
    const link = page.locator('nav.user-menu a[href="/bal/admin/export"]')
    await expect(link, email).toHaveCount(offered ? 1 : 0)
    if (offered) {
      await expect(link).toHaveText('دستخط بوتگیں بنڈل')
      await link.click()
      await expect(page.locator('main form button[type="submit"]')).toBeVisible()
    } else {
      expect((await page.goto('/bal/admin/export'))?.status()).toBe(403)
    }
  }
})
