import { expect, test } from '@playwright/test'
import { formatMoney } from '../../app/i18n/format'
import { e2eDb, firstSlugs, localePath, type Lang } from './fixtures'

/** Sums computed here, row by row in BigInt, independently of the app's SQL. */
async function publishedSums(where: { projectSlug?: string }) {
  const db = e2eDb()
  try {
    let query = db
      .selectFrom('ledger_entries')
      .innerJoin('projects', 'projects.id', 'ledger_entries.project_id')
      .select(['ledger_entries.kind', 'ledger_entries.pkr_amount_minor'])
      .where('ledger_entries.status', '=', 'approved')
    if (where.projectSlug) query = query.where('projects.slug', '=', where.projectSlug)
    const sums = { payment: 0n, share_transfer: 0n, direct_contribution: 0n, disbursement: 0n }
    for (const row of await query.execute()) sums[row.kind] += BigInt(row.pkr_amount_minor)
    return sums
  } finally {
    await db.destroy()
  }
}

const pkr = (lang: Lang, amountMinor: bigint) => formatMoney(lang, { amountMinor, currency: 'PKR' })

for (const lang of ['en', 'bal'] as const) {
  test(`home page totals in ${lang} equal the sums of the published entries exactly`, async ({ page }) => {
    const sums = await publishedSums({})
    expect(sums.payment).toBeGreaterThan(0n)
    await page.goto(localePath(lang, '/'))
    const stats = await page.locator('.stat').allInnerTexts()
    expect(stats).toEqual([
      pkr(lang, sums.payment),
      pkr(lang, sums.share_transfer + sums.direct_contribution),
      pkr(lang, sums.disbursement),
    ])
    const footer = await page.locator('tfoot td').allInnerTexts()
    expect(footer).toEqual([sums.payment, sums.share_transfer, sums.direct_contribution, sums.disbursement].map((s) => pkr(lang, s)))
  })
}

test('a project page totals equal the sums of that project\'s published entries', async ({ page }) => {
  const { project } = await firstSlugs()
  const sums = await publishedSums({ projectSlug: project })
  await page.goto(localePath('ur', `/projects/${project}`))
  const footer = await page.locator('tfoot td').first().locator('xpath=..').locator('td').allInnerTexts()
  expect(footer).toEqual([sums.payment, sums.share_transfer, sums.direct_contribution, sums.disbursement].map((s) => pkr('ur', s)))
})
