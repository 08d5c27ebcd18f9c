import { expect, test, type Browser, type Page } from '@playwright/test'
import { formatDate, formatPercentTenths } from '../../app/i18n/format'
import { quarterOf, addDays } from '../../app/domain/employment'
import { pakistanDateOf } from '../../app/domain/fiscal-year'
import { DEMO_PASSWORD } from '../../scripts/demo-data'
import { e2eDb, expectNoSeriousAxeViolations } from './fixtures'

async function signedIn(browser: Browser, email: string, lang: 'ur' | 'bal'): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(`/${lang}/login`)
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form.form button[type="submit"]').click()
  await expect(page).toHaveURL(/\/work$/)
  return page
}

test('an officer files a quarterly report in Balochi, a colleague approves it, and the project page shows the computed compliance', async ({ browser }) => {
  const officer = await signedIn(browser, 'officer.chagai.1@demo.hisaab.pk', 'bal')
  await officer.goto('/bal/work/reports/new')
  const projectId = await officer.locator('select[name="projectId"] option').nth(1).getAttribute('value')
  await officer.locator('select[name="projectId"]').selectOption(projectId!)
  // Last quarter: it has no report yet (the demo data ends in 2025).
  const lastQuarter = quarterOf(addDays(quarterOf(pakistanDateOf(new Date())).start, -1))
  await officer.locator('select[name="periodStart"]').selectOption(lastQuarter.start)

  // Local hires above the total: refused beside the field, in Balochi, with what was typed kept.
  await officer.locator('input[name="unskilled_total"]').fill('100')
  await officer.locator('input[name="unskilled_local"]').fill('120')
  await officer.locator('input[name="unskilled_women"]').fill('۵')
  await officer.locator('form.form button[type="submit"]').click()
  await expect(officer.locator('#unskilled_local-error')).toHaveText(/[\u0600-\u06FF]/)
  await expect(officer.locator('input[name="unskilled_total"]')).toHaveValue('100')
  await expect(officer.locator('input[name="unskilled_local"]')).toHaveValue('120')

  await officer.locator('input[name="unskilled_local"]').fill('69')
  await officer.locator('input[name="skilled_total"]').fill('40')
  await officer.locator('input[name="skilled_local"]').fill('20')
  await officer.locator('input[name="skilled_women"]').fill('4')
  await officer.locator('form.form button[type="submit"]').click()
  await expect(officer).toHaveURL(/\/bal\/work\/reports\?filed$/)
  // Nobody approves their own report.
  await expect(officer.locator('li.card')).toHaveCount(0)

  const colleague = await signedIn(browser, 'officer.chagai.2@demo.hisaab.pk', 'bal')
  await colleague.goto('/bal/work/reports')
  const card = colleague.locator('li.card').first()
  await expect(card).toContainText(formatDate('bal', lastQuarter.start))
  await card.locator('button[value="approve"]').click()
  await expect(colleague).toHaveURL(/\?approved$/)

  const db = e2eDb()
  const { slug } = await db.selectFrom('projects').select('slug').where('id', '=', Number(projectId)).executeTakeFirstOrThrow()
  await db.destroy()
  const reader = await (await browser.newContext({ javaScriptEnabled: false })).newPage()
  await reader.goto(`/bal/projects/${slug}`)
  const compliance = reader.locator('table', { has: reader.locator('caption', { hasText: formatDate('bal', lastQuarter.start) }) })
  await expect(compliance).toBeVisible()
  await expect(compliance).toContainText(formatPercentTenths('bal', 690))
  await expect(compliance).toContainText(formatPercentTenths('bal', 500))

  // A correction: an amendment supersedes the approved report once approved; the first stays in the history.
  await officer.goto('/bal/work/reports')
  const amend = officer.locator('tr', { hasText: formatDate('bal', lastQuarter.start) }).locator('a[href*="amend="]').first()
  await amend.click()
  await expect(officer.locator('input[name="unskilled_local"]')).toHaveValue('69')
  await officer.locator('input[name="unskilled_local"]').fill('75')
  await officer.locator('form.form button[type="submit"]').click()
  await expect(officer).toHaveURL(/\?filed$/)
  await colleague.goto('/bal/work/reports')
  await colleague.locator('li.card').first().locator('button[value="approve"]').click()
  await expect(colleague).toHaveURL(/\?approved$/)
  await reader.goto(`/bal/projects/${slug}`)
  await expect(compliance).toContainText(formatPercentTenths('bal', 750))
  await expect(compliance).not.toContainText(formatPercentTenths('bal', 690))
})

test('the province ranking and the downloads are public, in every language', async ({ page }) => {
  await page.goto('/ur/employment?province=balochistan')
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  await expect(page.locator('tbody tr')).not.toHaveCount(0)
  await expectNoSeriousAxeViolations(page)
  const csv = await page.request.get('/downloads/employment/compliance.csv')
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toContain('text/csv')
  const body = await csv.body()
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // a byte-order mark, so Excel reads UTF-8
  expect(body.toString('utf8')).toContain('\r\n')
  const json = await (await page.request.get('/downloads/employment/quotas.json')).json()
  expect(json.licence).toContain('CC BY 4.0')
  expect(json.rows.length).toBeGreaterThan(0)
  expect((await page.request.get('/downloads/employment/people.csv')).status()).toBe(404)
})
