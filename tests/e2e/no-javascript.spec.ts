import { expect, test } from '@playwright/test'
import { e2eDb } from './fixtures'

test.use({ javaScriptEnabled: false })

test('a reader filters projects by province with JavaScript turned off', async ({ page }) => {
  const db = e2eDb()
  const expected = await db.selectFrom('projects').select('slug').where('province', '=', 'gilgit_baltistan').execute()
  await db.destroy()
  expect(expected.length).toBeGreaterThan(0)

  await page.goto('/ur/projects')
  await page.locator('select[name="province"]').selectOption('gilgit_baltistan')
  await page.locator('form.filters button[type="submit"]').click()
  await expect(page).toHaveURL(/province=gilgit_baltistan/)
  const links = await page.locator('.card h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  expect(links.sort()).toEqual(expected.map((p) => `/ur/projects/${p.slug}`).sort())
})
