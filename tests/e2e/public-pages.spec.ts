import { expect, test } from '@playwright/test'
import { LOCALES } from '../../app/i18n/locales'
import { expectNoEnglishUi, expectNoSeriousAxeViolations, LANGS, localePath, publicPages } from './fixtures'

const pages = await publicPages()

for (const lang of LANGS) {
  for (const { name, path } of pages) {
    test(`the ${name} page renders in ${lang}, ${LOCALES[lang].dir}, accessibly, and ships no JavaScript`, async ({ page }) => {
      const response = await page.goto(localePath(lang, path))
      expect(response?.status()).toBe(200)
      await expect(page.locator('html')).toHaveAttribute('lang', lang)
      await expect(page.locator('html')).toHaveAttribute('dir', LOCALES[lang].dir)
      await expect(page.locator('h1')).toBeVisible()
      await expect(page.getByRole('note')).toBeVisible() // the demo-data banner
      // Public pages ship no JavaScript at all: what the server sends is the whole page.
      expect(await page.locator('script').count()).toBe(0)
      if (lang !== 'en') await expectNoEnglishUi(page)
      // axe runs inside the page, so this context keeps JavaScript on; the page itself has none.
      await expectNoSeriousAxeViolations(page)
    })
  }
}

test('Urdu is set in Nastaliq and Balochi in Naskh, from our own font files', async ({ page }) => {
  const { project } = { project: pages.find((p) => p.name === 'project')!.path }
  await page.goto(localePath('ur', project))
  await page.evaluate(() => document.fonts.ready)
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Hisaab Nastaliq')
  // fonts.check() is also true when no face matches, so ask for the face itself: it must have loaded.
  const loaded = (family: string) => page.evaluate((f) => [...document.fonts].some((face) => face.family.replace(/"/g, '') === f && face.status === 'loaded'), family)
  expect(await loaded('Hisaab Nastaliq')).toBe(true)
  await page.goto(localePath('bal', project))
  await page.evaluate(() => document.fonts.ready)
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Hisaab Naskh')
  expect(await loaded('Hisaab Naskh')).toBe(true)
})
