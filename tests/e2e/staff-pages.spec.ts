import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { formatDateTime } from '../../app/i18n/format'
import { e2eDb, signedInAs, type Lang } from './fixtures'

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
