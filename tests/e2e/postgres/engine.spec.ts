import { expect, test } from '@playwright/test'
import { isSqlite } from '../../../db/client'
import { e2eDb } from '../fixtures'

// Specs in this folder run only in the PostgreSQL run (playwright.config.ts). This one makes sure
// that run is what it says: a portal reading the PostgreSQL database the fixtures read.
test('the portal under test serves its PostgreSQL database: the checkpoint it signs is the newest stored there', async ({ request }) => {
  const db = e2eDb()
  try {
    expect(isSqlite(db)).toBe(false)
    const stored = await db.selectFrom('ledger_checkpoints').select(['size', 'note']).orderBy('size', 'desc').executeTakeFirstOrThrow()
    expect(stored.size).toBeGreaterThan(2000)
    const served = await request.get('/ledger/checkpoint')
    expect(served.status()).toBe(200)
    expect(await served.text()).toBe(stored.note)
  } finally {
    await db.destroy()
  }
})
