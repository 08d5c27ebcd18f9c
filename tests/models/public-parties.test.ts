import { afterEach, beforeEach, expect, test } from 'vitest'
import { approveEntry, createEntry, rejectEntry } from '../../app/models/ledger.server'
import { treeSize } from '../../app/models/ledger-tree.server'
import { OPEN_TABLES } from '../../app/models/open-data.server'
import { createTestDb } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
beforeEach(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
  await w.post({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor: 100_00n })
})
afterEach(async () => t.close())

/** The open data set's parties table (what /api/v1/parties, the CSV, the JSON and the zip hold) in the ledger of `upToSeq` entries. */
async function publicSlugs(upToSeq?: number): Promise<string[]> {
  const table = OPEN_TABLES.find((table) => table.name === 'parties')!
  const slugs: string[] = []
  for await (const batch of table.rows(t.db, upToSeq ?? (await treeSize(t.db)))) slugs.push(...batch.map((row) => String(row.party_slug)))
  return slugs
}

let keys = 0
const disbursementTo = (name: string) =>
  createEntry(t.db, w.officerA, {
    kind: 'disbursement', projectId: w.project, fromPartyId: w.trust, toPartyId: 0, valueDate: '2025-09-01', purpose: 'water', currency: 'PKR', amountMinor: 10_00n,
    idempotencyKey: `p-${++keys}`, newBeneficiary: { name, beneficiaryKind: 'village_organisation' },
  })

test('the catalogue is public whether or not an entry names it yet', async () => {
  expect(new Set(await publicSlugs())).toEqual(new Set(['acme-copper', 'balochistan-mines', 'chagai-trust', 'girls-school']))
})

test('a beneficiary typed into a pending entry is not public, nor after the entry is rejected', async () => {
  const { id } = await disbursementTo('Kili Sardar Water Committee')
  expect(await publicSlugs()).not.toContain('kili-sardar-water-committee')
  await rejectEntry(t.db, w.officerB, id, 'Wrong village')
  expect(await publicSlugs()).not.toContain('kili-sardar-water-committee')
})

test('a beneficiary typed into an entry becomes public with the approval, in every checkpoint from that entry on', async () => {
  const { id } = await disbursementTo('Dak Village Organisation')
  const before = await treeSize(t.db)
  expect(await publicSlugs()).not.toContain('dak-village-organisation')
  const { seq } = await approveEntry(t.db, w.officerB, id)
  expect(seq).toBe(before + 1)
  expect(await publicSlugs(seq)).toContain('dak-village-organisation')
  // A download consistent with an earlier checkpoint names only the parties that checkpoint published.
  expect(await publicSlugs(before)).not.toContain('dak-village-organisation')
})
