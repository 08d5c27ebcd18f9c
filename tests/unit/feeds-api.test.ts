import { beforeAll, describe, expect, test } from 'vitest'
import { callLoader, type Loader } from '../fixtures/call-loader'
import { useFreshAppDatabase } from '../fixtures/app-db'

// Route modules open the app's database when imported: give them a fresh one, on the test engine.
useFreshAppDatabase()

let routes: Record<'ledgerFeed' | 'projectFeed' | 'apiLedger' | 'apiTable', Loader>
let world: Awaited<ReturnType<typeof import('../fixtures/world').buildWorld>>

const call = callLoader

const receipt = (description: string, valueDate = '2025-08-01') =>
  ({ kind: 'share_transfer', fromPartyId: world.province, toPartyId: world.trust, valueDate, currency: 'PKR', amountMinor: 1_000_00n, description }) as const

beforeAll(async () => {
  const { db } = await import('../../app/db.server')
  const { buildWorld } = await import('../fixtures/world')
  world = await buildWorld(db)
  for (let i = 1; i <= 7; i++) await world.post(receipt(`receipt ${i}`, `2025-08-0${i}`))
  await world.post(receipt('Tags <b>& "quotes"\u0007 stay text'))
  routes = {
    ledgerFeed: (await import('../../app/routes/($lang).ledger.feed[.]atom')).loader as Loader,
    projectFeed: (await import('../../app/routes/($lang).projects.$slug.feed[.]atom')).loader as Loader,
    apiLedger: (await import('../../app/routes/api.v1.ledger')).loader as Loader,
    apiTable: (await import('../../app/routes/api.v1.$table')).loader as Loader,
  }
})

describe('Atom feeds', () => {
  test('newest published first, in the language of the address, with text escaped and control characters dropped', async () => {
    const response = await call(routes.ledgerFeed, '/ur/ledger/feed.atom', { lang: 'ur' })
    expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8')
    const xml = await response.text()
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="ur">/)
    const ids = [...xml.matchAll(/<entry>\s*<id>http:\/\/hisaab\.test\/ledger\/(\d+)<\/id>/g)].map((m) => Number(m[1]))
    expect(ids).toHaveLength(8)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(xml).toContain('<title>حساب — کھاتے کے نئے شائع شدہ اندراجات</title>')
    expect(xml).toContain('href="http://hisaab.test/ur/ledger/')
    expect(xml).toContain('Tags &lt;b&gt;&amp; &quot;quotes&quot; stay text')
    expect(xml).not.toContain('\u0007')
  })

  test('a project feed holds that project’s entries; an unknown project is a 404', async () => {
    const xml = await (await call(routes.projectFeed, '/projects/acme-mine/feed.atom', { slug: 'acme-mine' })).text()
    expect([...xml.matchAll(/<entry>/g)]).toHaveLength(8)
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="http://hisaab.test/projects/acme-mine/feed.atom"/>')
    expect((await call(routes.projectFeed, '/projects/nowhere/feed.atom', { slug: 'nowhere' })).status).toBe(404)
  })
})

describe('the JSON API', () => {
  test('the ledger page’s filters, walked page by page by keyset, give every matching entry once', async () => {
    const seen: number[] = []
    let next: string | null = '/api/v1/ledger?limit=3&q=receipt&order=asc'
    while (next) {
      const body = (await (await call(routes.apiLedger, next)).json()) as { entries: Array<{ id: number; description: string; value_pkr: string }>; next: string | null; count: number; filters: Record<string, string> }
      expect(body.count).toBe(7)
      expect(body.filters).toEqual({ q: 'receipt', order: 'asc' })
      expect(body.entries.every((e) => e.description.startsWith('receipt') && e.value_pkr === '1000.00')).toBe(true)
      seen.push(...body.entries.map((e) => e.id))
      next = body.next
    }
    expect(seen).toHaveLength(7)
    expect(new Set(seen).size).toBe(7)
  })

  test('ETags hold still while the ledger does, answer 304, and change when an entry is published', async () => {
    const first = await call(routes.apiLedger, '/api/v1/ledger')
    const etag = first.headers.get('ETag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect((await call(routes.apiLedger, '/api/v1/ledger')).headers.get('ETag')).toBe(etag)
    const notModified = await call(routes.apiLedger, '/api/v1/ledger', {}, { 'If-None-Match': etag })
    expect(notModified.status).toBe(304)
    expect(await notModified.text()).toBe('')
    const feedTag = (await call(routes.ledgerFeed, '/ledger/feed.atom')).headers.get('ETag')

    await world.post(receipt('one more'))
    expect((await call(routes.apiLedger, '/api/v1/ledger', {}, { 'If-None-Match': etag })).status).toBe(200)
    expect((await call(routes.apiLedger, '/api/v1/ledger')).headers.get('ETag')).not.toBe(etag)
    expect((await call(routes.ledgerFeed, '/ledger/feed.atom')).headers.get('ETag')).not.toBe(feedTag)
  })

  test('the other public lists, whole, with their columns; unknown or ledger tables are not there', async () => {
    const body = (await (await call(routes.apiTable, '/api/v1/trusts', { table: 'trusts' })).json()) as { columns: Array<{ name: string }>; rows: Array<Record<string, unknown>>; licence: { name: string } }
    expect(body.licence.name).toBe('CC-BY-4.0')
    expect(body.columns.map((c) => c.name)).toContain('trust_slug')
    expect(body.rows).toEqual([expect.objectContaining({ trust_slug: 'chagai-trust' })])
    const projects = async (query: string) => (await (await call(routes.apiTable, `/api/v1/projects${query}`, { table: 'projects' })).json()) as { rows: Array<{ project_slug: string }>; ignored: string[] }
    expect((await projects('')).rows.map((r) => r.project_slug)).toEqual(['acme-mine'])
    expect((await projects('?province=sindh')).rows).toEqual([])
    expect(await projects('?province=nowhere')).toMatchObject({ ignored: ['province'], rows: [{ project_slug: 'acme-mine' }] })
    expect((await call(routes.apiTable, '/api/v1/nothing', { table: 'nothing' })).status).toBe(404)
    expect((await call(routes.apiTable, '/api/v1/ledger', { table: 'ledger' })).status).toBe(404)
  })
})
