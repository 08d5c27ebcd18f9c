import { expect, test } from '@playwright/test'

test('an unknown language prefix is a 404 page', async ({ page }) => {
  const response = await page.goto('/fr/projects')
  expect(response?.status()).toBe(404)
  await expect(page.locator('h1')).toHaveText('Page not found')
})

test('an unknown project or trust is a 404 in the reader\'s language', async ({ page }) => {
  for (const path of ['/ur/projects/no-such-project', '/bal/trusts/no-such-trust', '/ur/no/such/page']) {
    const response = await page.goto(path)
    expect(response?.status()).toBe(404)
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
    await expect(page.locator('h1')).not.toHaveText('Page not found')
    await expect(page.locator('h1')).toHaveText(/[\u0600-\u06FF]/)
  }
})

test('junk in the filters is ignored with a message, never a 500', async ({ page }) => {
  const response = await page.goto(`/projects?province=${encodeURIComponent("'; drop table projects; --")}&status=%00&mineral=${'x'.repeat(5000)}`)
  expect(response?.status()).toBe(200)
  await expect(page.getByText('Some filters in the address were not recognised')).toBeVisible()
  await expect(page.locator('.card').first()).toBeVisible()
})
