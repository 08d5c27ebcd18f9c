import { beforeAll, describe, expect, test } from 'vitest'
import { callLoader, type Loader } from '../fixtures/call-loader'
import { useFreshAppDatabase } from '../fixtures/app-db'

// Route modules open the app's database when imported: give them a fresh one, on the test engine.
useFreshAppDatabase()

let routes: Record<'inclusion' | 'consistency' | 'checkpoint', Loader>
let publish: () => Promise<unknown>
let world: Awaited<ReturnType<typeof import('../fixtures/world').buildWorld>>

const call = callLoader
const receipt = (n: number) => world.post({ kind: 'share_transfer', fromPartyId: world.province, toPartyId: world.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor: BigInt(n) })

const FOREVER = 'public, max-age=31536000, immutable'
const A_MINUTE = 'public, max-age=60'

/** Every checkpoint address in a proof's answer must be one the portal serves. */
async function expectServed(links: Array<string | null>) {
  for (const link of links.filter((l): l is string => l !== null)) {
    expect((await call(routes.checkpoint, link, { size: link.split('/').pop()! })).status, link).toBe(200)
  }
}

beforeAll(async () => {
  const { db } = await import('../../app/db.server')
  const { publishCheckpoint } = await import('../../app/models/ledger-tree.server')
  const { ledgerSigner } = await import('../../app/ledger-signer.server')
  const { buildWorld } = await import('../fixtures/world')
  publish = () => publishCheckpoint(db, ledgerSigner)
  world = await buildWorld(db)
  // Checkpoints signed at 3 and 5 entries; the tree then grows to 6, not signed yet.
  for (let i = 1; i <= 3; i++) await receipt(i)
  await publish()
  for (let i = 4; i <= 5; i++) await receipt(i)
  await publish()
  await receipt(6)
  routes = {
    inclusion: (await import('../../app/routes/ledger.proofs.inclusion')).loader as Loader,
    consistency: (await import('../../app/routes/ledger.proofs.consistency')).loader as Loader,
    checkpoint: (await import('../../app/routes/ledger.checkpoints.$size')).loader as Loader,
  }
})

describe('inclusion proofs', () => {
  test('at a signed size that was asked for: the checkpoint linked, cached for good', async () => {
    const response = await call(routes.inclusion, '/ledger/proofs/inclusion?seq=2&size=3')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe(FOREVER)
    const body = (await response.json()) as { tree_size: number; checkpoint: string | null }
    expect(body).toMatchObject({ tree_size: 3, checkpoint: '/ledger/checkpoints/3' })
    await expectServed([body.checkpoint])
  })

  test('at a size never signed: the proof, no checkpoint, and not cached for good', async () => {
    for (const size of [4, 6]) {
      const response = await call(routes.inclusion, `/ledger/proofs/inclusion?seq=2&size=${size}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('Cache-Control')).toBe(A_MINUTE)
      expect(response.headers.get('ETag')).toMatch(/^"[\w-]+"$/)
      expect(await response.json()).toMatchObject({ tree_size: size, checkpoint: null })
      expect((await call(routes.checkpoint, `/ledger/checkpoints/${size}`, { size: String(size) })).status).toBe(404)
    }
  })

  test('without a size: the latest checkpoint, kept a minute and revalidated by an ETag that changes when the ledger is signed again', async () => {
    const response = await call(routes.inclusion, '/ledger/proofs/inclusion?seq=2')
    expect(response.headers.get('Cache-Control')).toBe(A_MINUTE)
    const body = (await response.json()) as { tree_size: number; checkpoint: string }
    expect(body).toMatchObject({ tree_size: 5, checkpoint: '/ledger/checkpoints/5' })
    await expectServed([body.checkpoint])
    const etag = response.headers.get('ETag')!
    const unchanged = await call(routes.inclusion, '/ledger/proofs/inclusion?seq=2', {}, { 'If-None-Match': etag })
    expect(unchanged.status).toBe(304)
    expect(unchanged.headers.get('Cache-Control')).toBe(A_MINUTE)

    await receipt(7)
    await publish()
    const later = await call(routes.inclusion, '/ledger/proofs/inclusion?seq=2', {}, { 'If-None-Match': etag })
    expect(later.status).toBe(200)
    expect(later.headers.get('ETag')).not.toBe(etag)
    expect(await later.json()).toMatchObject({ tree_size: 7, checkpoint: '/ledger/checkpoints/7' })
  })
})

describe('consistency proofs', () => {
  test('between two signed sizes that were asked for: both checkpoints linked, cached for good', async () => {
    const response = await call(routes.consistency, '/ledger/proofs/consistency?from=3&to=5')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe(FOREVER)
    const body = (await response.json()) as { checkpoints: Array<string | null> }
    expect(body.checkpoints).toEqual(['/ledger/checkpoints/3', '/ledger/checkpoints/5'])
    await expectServed(body.checkpoints)
  })

  test('from or to a size never signed: null in its place, and not cached for good', async () => {
    const cases: Array<[string, Array<string | null>]> = [
      ['from=4&to=5', [null, '/ledger/checkpoints/5']],
      ['from=3&to=6', ['/ledger/checkpoints/3', null]],
    ]
    for (const [query, checkpoints] of cases) {
      const response = await call(routes.consistency, `/ledger/proofs/consistency?${query}`)
      expect(response.status, query).toBe(200)
      expect(response.headers.get('Cache-Control'), query).toBe(A_MINUTE)
      expect(((await response.json()) as { checkpoints: unknown }).checkpoints, query).toEqual(checkpoints)
      await expectServed(checkpoints)
    }
  })

  test('without `to`: up to the latest checkpoint, not cached for good', async () => {
    const response = await call(routes.consistency, '/ledger/proofs/consistency?from=3')
    expect(response.headers.get('Cache-Control')).toBe(A_MINUTE)
    const body = (await response.json()) as { to: number; checkpoints: Array<string | null> }
    expect(body.to).toBeGreaterThanOrEqual(5)
    expect(body.checkpoints).toEqual(['/ledger/checkpoints/3', `/ledger/checkpoints/${body.to}`])
    await expectServed(body.checkpoints)
  })
})
