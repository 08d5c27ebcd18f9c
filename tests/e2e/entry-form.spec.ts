import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { e2eDb, signedInAs } from './fixtures'

const ur = JSON.parse(readFileSync('./locales/ur/ledger.json', 'utf8')) as { form: { groups: Record<string, string>; findSome: string } }

async function optionGroups(page: Page, name: string) {
  return page.locator(`select[name="${name}"] optgroup`).evaluateAll((groups) =>
    groups.map((g) => ({ label: (g as HTMLOptGroupElement).label, options: [...g.querySelectorAll('option')].map((o) => ({ value: o.value, text: o.textContent ?? '' })) })),
  )
}

/** Whom the Chagai trust has paid: what the officer should find first. */
async function chagaiPayees(): Promise<{ trustId: number; paid: number[]; padag: number }> {
  const db = e2eDb()
  try {
    const trust = await db.selectFrom('parties').select('id').where('slug', '=', 'chagai-community-development-trust').executeTakeFirstOrThrow()
    const rows = await db.selectFrom('ledger_entries').select('to_party_id').distinct().where('from_party_id', '=', trust.id).where('kind', '=', 'disbursement').where('status', 'in', ['approved', 'pending']).execute()
    const padag = await db.selectFrom('parties').select('id').where('name_en', '=', 'Padag Village Organisation').executeTakeFirstOrThrow()
    return { trustId: trust.id, paid: rows.map((r) => r.to_party_id).sort((a, b) => a - b), padag: padag.id }
  } finally {
    await db.destroy()
  }
}

test('an officer in Urdu finds a beneficiary of their own trust without JavaScript, every payee and place named with its district', async ({ browser }) => {
  const { trustId, paid, padag } = await chagaiPayees()
  const officer = await signedInAs(browser, 'officer.chagai.1@demo.hisaab.pk', { javaScriptEnabled: false })
  await officer.goto('/ur/work/entries/new?kind=disbursement')

  // The trust's own payees come first, all of them and nobody else.
  const payees = await optionGroups(officer, 'toPartyId')
  expect(payees[0]!.label).toBe(ur.form.groups.paidBefore)
  expect(payees[0]!.options.map((o) => Number(o.value)).sort((a, b) => a - b)).toEqual(paid)
  expect(payees.flatMap((g) => g.options)).toHaveLength(new Set(payees.flatMap((g) => g.options.map((o) => o.value))).size)
  // Each with its district; beneficiaries elsewhere are grouped by district.
  for (const option of payees.flatMap((g) => g.options)) expect(option.text).toMatch(/ — ضلع \S/)
  expect(payees.slice(1).map((g) => g.label)).toContain('ضلع لسبیلہ، بلوچستان')

  // Places: the trust's districts first, and no two alike (Dalbandin is a tehsil, a union council and a village).
  const places = await optionGroups(officer, 'localityId')
  expect(places[0]!.label).toBe(ur.form.groups.nearby)
  const placeNames = places.flatMap((g) => g.options.map((o) => o.text))
  expect(new Set(placeNames).size).toBe(placeNames.length)
  expect(placeNames.filter((name) => name.startsWith('دالبندین ('))).toEqual(['دالبندین (تحصیل)، ضلع چاغی', 'دالبندین (گاؤں)، ضلع چاغی', 'دالبندین (یونین کونسل)، ضلع چاغی'])

  // Half the form filled in, then a search: what was typed stays, the list narrows.
  await officer.locator('select[name="projectId"]').selectOption({ index: 1 })
  await officer.locator('select[name="fromPartyId"]').selectOption(String(trustId))
  await officer.locator('input[name="amount"]').fill('25000')
  await officer.locator('input[name="description"]').fill('سولر پینل')
  await officer.locator('input[name="find"]').fill('پدگ')
  const [found] = await Promise.all([officer.waitForResponse((r) => r.request().method() === 'POST'), officer.locator('input[name="find"]').press('Enter')])
  expect(found.status()).toBe(200)
  await expect(officer.locator('[role="status"]')).toHaveText(ur.form.findSome.replace('{{find}}', 'پدگ'))
  const narrowed = (await optionGroups(officer, 'toPartyId')).flatMap((g) => g.options)
  expect(narrowed.length).toBeGreaterThan(0)
  for (const option of narrowed) expect(option.text).toContain('پدگ')
  await expect(officer.locator('input[name="amount"]')).toHaveValue('25000')
  await expect(officer.locator('input[name="description"]')).toHaveValue('سولر پینل')
  await expect(officer.locator('select[name="fromPartyId"]')).toHaveValue(String(trustId))
  await expect(officer.locator('.field-error')).toHaveCount(0)

  // Chosen from the narrowed list and recorded.
  await officer.locator('select[name="toPartyId"]').selectOption(String(padag))
  await officer.locator('select[name="purpose"]').selectOption('livelihoods')
  await officer.locator('form.form button[type="submit"]:not([value="find"])').click()
  await expect(officer).toHaveURL(/\/ur\/ledger\/\d+\?recorded$/)
  const id = Number(/\/ledger\/(\d+)/.exec(officer.url())![1])
  const db = e2eDb()
  const entry = await db.selectFrom('ledger_entries').select(['to_party_id', 'description']).where('id', '=', id).executeTakeFirstOrThrow()
  await db.destroy()
  expect(entry).toEqual({ to_party_id: padag, description: 'سولر پینل' })
})

test('with JavaScript, Find narrows the list in place without judging the half-filled form', async ({ browser }) => {
  const officer = await signedInAs(browser, 'officer.lasbela.1@demo.hisaab.pk')
  await officer.goto('/work/entries/new?kind=disbursement')
  await officer.waitForLoadState('networkidle') // hydrated
  await officer.locator('input[name="find"]').fill('kanraj')
  await officer.locator('button[value="find"]').click()
  await expect(officer.locator('[role="status"]')).toContainText('kanraj')
  const narrowed = (await optionGroups(officer, 'toPartyId')).flatMap((g) => g.options)
  expect(narrowed.length).toBeGreaterThan(0)
  for (const option of narrowed) expect(option.text).toMatch(/Kanraj/)
  await expect(officer.locator('.field-error')).toHaveCount(0)
  await expect(officer).toHaveURL(/\/work\/entries\/new\?kind=disbursement$/)
})
