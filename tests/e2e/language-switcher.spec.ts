import { expect, test } from '@playwright/test'
import { publicPages } from './fixtures'

test('the switcher keeps the reader on the same page, with the same filters', async ({ page }) => {
  await page.goto('/projects?province=balochistan')
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'اردو' }).click()
  await expect(page).toHaveURL(/\/ur\/projects\?province=balochistan$/)
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  await page.locator('.lang-switcher').getByRole('link', { name: 'بلۆچی' }).click()
  await expect(page).toHaveURL(/\/bal\/projects\?province=balochistan$/)
  await page.locator('.lang-switcher').getByRole('link', { name: 'English' }).click()
  await expect(page).toHaveURL(/\/projects\?province=balochistan$/)
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr')
})

test('links inside a page keep its language', async ({ page }) => {
  const project = (await publicPages()).find((p) => p.name === 'project')!.path
  await page.goto(`/bal${project}`)
  const hrefs = await page.locator('main a, .site-nav a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
  expect(hrefs.length).toBeGreaterThan(0)
  for (const href of hrefs) expect(href).toMatch(/^\/bal(\/|$)/)
})

test('/en/... redirects to the one English address', async ({ page }) => {
  await page.goto('/en/projects')
  await expect(page).toHaveURL(/\/projects$/)
})
