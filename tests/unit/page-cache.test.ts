import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { chooseEncoding, PublicPageCache, type PageRequest } from '../../app/http/page-cache.server'
import { publicPageAddress } from '../../app/http/public-pages'

const ORIGIN = 'http://portal.test'
const page = (body: string, init: ResponseInit = {}) => new Response(body, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "script-src 'none'" }, ...init })

/** A cache over a fake renderer that counts its renders and answers what `answer` says. */
function cacheWith(answer: (url: string) => Response | Promise<Response> = (url) => page(`<p>${url}</p>`), maxBytes = 1 << 20) {
  const state = { version: 1, renders: [] as string[] }
  const cache = new PublicPageCache({
    maxBytes,
    dataVersion: async () => state.version,
    render: async (url) => {
      state.renders.push(url)
      return answer(url)
    },
    buildId: 'build-1',
    sessionCookieNames: ['hisaab_session', '__Host-hisaab_session'],
  })
  return { cache, state }
}

const get = (url: string, headers: PageRequest['headers'] = {}): PageRequest => ({ method: 'GET', url, origin: ORIGIN, headers })

describe('the public page addresses', () => {
  test('keep the language and the page’s own parameters, sorted, first value only; drop the rest', () => {
    expect(publicPageAddress('/', '')).toBe('/')
    expect(publicPageAddress('/ur', '')).toBe('/ur')
    expect(publicPageAddress('/bal/', '')).toBe('/bal')
    expect(publicPageAddress('/ur/ledger', 'utm_source=x&q=%D8%B3%DA%A9%D9%88%D9%84&kind=disbursement&kind=payment&project=')).toBe('/ur/ledger?kind=disbursement&q=%D8%B3%DA%A9%D9%88%D9%84')
    expect(publicPageAddress('/projects', 'status=production&province=balochistan&x=1')).toBe('/projects?province=balochistan&status=production')
    expect(publicPageAddress('/projects/chagai-west-porphyry', 'fbclid=1')).toBe('/projects/chagai-west-porphyry')
    expect(publicPageAddress('/bal/ledger/42', 'recorded')).toBe('/bal/ledger/42')
  })

  test('are null for anything not a listed public page', () => {
    for (const path of ['/work', '/ur/work/queue', '/login', '/admin/audit', '/downloads/ledger/full.ndjson', '/api/v1/ledger', '/ledger/feed.atom', '/ledger/checkpoint', '/ledger/0', '/ledger/abc', '/projects/A', '/urx', '/ur/ur', '/favicon.svg', '/assets/app.css'])
      expect(publicPageAddress(path, ''), path).toBeNull()
  })

  test('property: any query string gives the same address as its page’s parameters alone', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('q', 'kind', 'utm', 'after', 'x', 'fy'), fc.string()), { maxLength: 6 }), (pairs) => {
        const given = new URLSearchParams(pairs)
        const own = new URLSearchParams([...given].filter(([k]) => ['q', 'kind', 'after', 'fy'].includes(k)))
        expect(publicPageAddress('/ledger', given.toString())).toBe(publicPageAddress('/ledger', own.toString()))
      }),
    )
  })
})

describe('the public page cache', () => {
  test('a page is rendered once for many readers who miss it at once, and again only when the data version moves', async () => {
    let release: () => void = () => undefined
    const slow = new Promise<void>((resolve) => (release = resolve))
    const { cache, state } = cacheWith(async (url) => {
      await slow
      return page(`<p>${url}</p>`)
    })
    const answers = Array.from({ length: 20 }, () => cache.respond(get('/ur/ledger?utm=1')))
    release()
    const bodies = (await Promise.all(answers)).map((a) => a?.body.toString())
    expect(new Set(bodies)).toEqual(new Set([`<p>${ORIGIN}/ur/ledger</p>`]))
    expect(state.renders).toEqual([`${ORIGIN}/ur/ledger`])
    await cache.respond(get('/ur/ledger'))
    expect(state.renders).toHaveLength(1)
    state.version = 2
    await cache.respond(get('/ur/ledger'))
    expect(state.renders).toHaveLength(2)
  })

  test('readers who arrive together share one read of the data version; a reader arriving after a read began waits for the next', async () => {
    let reads = 0
    let release: () => void = () => undefined
    const state = { version: 1 }
    const cache = new PublicPageCache({
      maxBytes: 1 << 20,
      dataVersion: async () => {
        reads++
        const version = state.version
        await new Promise<void>((resolve) => (release = resolve))
        return version
      },
      render: async (url) => page(`<p>${url}</p>`),
      buildId: 'build-1',
      sessionCookieNames: ['hisaab_session'],
    })
    const together = [cache.respond(get('/')), cache.respond(get('/')), cache.respond(get('/ledger'))]
    await new Promise((resolve) => setImmediate(resolve))
    expect(reads).toBe(1)
    // A write commits while that read is under way; a reader who arrives now must not share it.
    state.version = 2
    const later = cache.respond(get('/'))
    release()
    const first = await Promise.all(together)
    await new Promise((resolve) => setImmediate(resolve))
    expect(reads).toBe(2)
    release()
    const second = await later
    expect(new Set(first.slice(0, 2).map((a) => a!.headers['ETag'])).size).toBe(1)
    expect(second!.headers['ETag']).not.toBe(first[0]!.headers['ETag'])
  })

  test('a page of an older version is dropped when its address is rendered again, so writes do not fill the cache', async () => {
    const { cache, state } = cacheWith()
    for (let version = 1; version <= 50; version++) {
      state.version = version
      await cache.respond(get('/'))
      await cache.respond(get('/ledger', { 'accept-encoding': 'br' }))
    }
    expect(state.renders.length).toBe(100)
    expect(cache.stats.pages).toBe(2)
  })

  test('signed-in readers, other methods and other addresses are not answered', async () => {
    const { cache, state } = cacheWith()
    expect(await cache.respond(get('/ledger', { cookie: 'lang=ur; hisaab_session=abc.def' }))).toBeNull()
    expect(await cache.respond(get('/ledger', { cookie: '__Host-hisaab_session=abc.def' }))).toBeNull()
    expect(await cache.respond({ ...get('/ledger'), method: 'POST' })).toBeNull()
    expect(await cache.respond(get('/work'))).toBeNull()
    expect(state.renders).toEqual([])
    // Another site's cookie is not a session.
    expect((await cache.respond(get('/ledger', { cookie: 'not_hisaab_session=1' })))?.status).toBe(200)
  })

  test('an answer that may not be cached goes to the one reader it was rendered for, and is rendered again next time', async () => {
    const answers: Response[] = [
      page('<p>hello</p>', { headers: { 'Content-Type': 'text/html', 'Set-Cookie': 'a=1' } }),
      page('<p>broken</p>', { status: 500 }),
      page('<p>moved</p>', { status: 302, headers: { Location: '/' } }),
      page('<script nonce="x">1</script>'),
      new Response('{}', { headers: { 'Content-Type': 'application/json' } }),
    ]
    const { cache, state } = cacheWith(() => answers[state.renders.length - 1]!)
    const first = await cache.respond(get('/'))
    expect(first?.headers['set-cookie']).toEqual(['a=1'])
    expect((await cache.respond(get('/')))?.status).toBe(500)
    expect((await cache.respond(get('/')))?.status).toBe(302)
    expect((await cache.respond(get('/')))?.body.toString()).toContain('<script')
    expect((await cache.respond(get('/')))?.headers['content-type']).toBe('application/json')
    expect(state.renders).toHaveLength(5)
  })

  test('a 404 is kept like a 200, until the data version moves', async () => {
    const { cache, state } = cacheWith(() => (state.version === 1 ? page('<p>no such project</p>', { status: 404 }) : page('<p>the new mine</p>')))
    expect((await cache.respond(get('/projects/new-mine')))?.status).toBe(404)
    expect((await cache.respond(get('/projects/new-mine')))?.status).toBe(404)
    expect(state.renders).toHaveLength(1)
    state.version = 2
    expect((await cache.respond(get('/projects/new-mine')))?.status).toBe(200)
  })

  test('gzip and brotli bodies are the page, made once each; a strong ETag per encoding answers If-None-Match with 304', async () => {
    const html = `<p>${'اردو صفحہ '.repeat(500)}</p>`
    const { cache } = cacheWith(() => page(html))
    const br = (await cache.respond(get('/ur', { 'accept-encoding': 'gzip, deflate, br' })))!
    const gz = (await cache.respond(get('/ur', { 'accept-encoding': 'gzip' })))!
    const plain = (await cache.respond(get('/ur', { 'accept-encoding': 'identity' })))!
    expect(br.headers['Content-Encoding']).toBe('br')
    expect(brotliDecompressSync(br.body).toString()).toBe(html)
    expect(gunzipSync(gz.body).toString()).toBe(html)
    expect(plain.body.toString()).toBe(html)
    expect(plain.headers['Content-Encoding']).toBeUndefined()
    for (const a of [br, gz, plain]) {
      expect(a.headers['Content-Length']).toBe(String(a.body.length))
      expect(a.headers['Cache-Control']).toMatch(/^public, /)
      expect(a.headers['Vary']).toBe('Accept-Encoding')
      expect(a.headers['content-security-policy']).toBe("script-src 'none'")
    }
    const tags = [br, gz, plain].map((a) => a.headers.ETag)
    expect(new Set(tags).size).toBe(3)
    for (const tag of tags) expect(tag).toMatch(/^"[A-Za-z0-9_-]+-(br|gzip|identity)"$/)
    const again = await cache.respond(get('/ur', { 'accept-encoding': 'br', 'if-none-match': `"other", W/${br.headers.ETag}` }))
    expect(again?.status).toBe(304)
    expect(again?.body.length).toBe(0)
    expect((await cache.respond(get('/ur', { 'accept-encoding': 'gzip', 'if-none-match': br.headers.ETag as string })))?.status).toBe(200)
    const head = await cache.respond({ ...get('/ur', { 'accept-encoding': 'gzip' }), method: 'HEAD' })
    expect(head?.body.length).toBe(0)
    expect(head?.headers['Content-Length']).toBe(gz.headers['Content-Length'])
  })

  test('the ETag changes with the data version and with the build', async () => {
    const first = cacheWith()
    const tag1 = (await first.cache.respond(get('/data')))!.headers.ETag
    first.state.version = 2
    expect((await first.cache.respond(get('/data')))!.headers.ETag).not.toBe(tag1)
    const rebuilt = new PublicPageCache({ maxBytes: 1 << 20, dataVersion: async () => 1, render: async () => page('<p>x</p>'), buildId: 'build-2', sessionCookieNames: [] })
    expect((await rebuilt.respond(get('/data')))!.headers.ETag).not.toBe(tag1)
  })

  test('what it holds stays within its bound in bytes, the least recently read page going first', async () => {
    const { cache, state } = cacheWith((url) => page(`<p>${url}${'x'.repeat(20_000)}</p>`), 100_000)
    for (let id = 1; id <= 30; id++) await cache.respond(get(`/ledger/${id}`, { 'accept-encoding': 'gzip' }))
    expect(cache.stats.bytes).toBeLessThanOrEqual(100_000)
    expect(cache.stats.pages).toBeGreaterThan(1)
    const renders = state.renders.length
    await cache.respond(get('/ledger/30'))
    expect(state.renders.length).toBe(renders)
    await cache.respond(get('/ledger/1'))
    expect(state.renders.length).toBe(renders + 1)
  })

  test('the encoding follows Accept-Encoding, q=0 refusing', () => {
    expect(chooseEncoding(undefined)).toBe('identity')
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip')
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('*;q=0, identity')).toBe('identity')
    expect(chooseEncoding('GZIP')).toBe('gzip')
  })
})
