import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { Scripts, useLoaderData } from '@remix-run/react'
import { createElement as h } from 'react'
import { describe, expect, test } from 'vitest'
import * as entryServer from '../../app/entry.server'

/**
 * app/entry.server.tsx renders every page. These tests send it a document full of Urdu and Balochi
 * names through Remix's own request handler and read the response's bytes, since a browser hides
 * most broken bytes from anything that looks at the DOM.
 */

// Names as the pages show them, with the characters that take two bytes in UTF-8 (Arabic script,
// the no-break space after "Rs") and three (the en dash, the directional isolates around numbers).
const NAMES = ['حکومت بلوچستان', 'دالبندین', 'پدگ', 'لسبیلہ خضدار کمیونٹی ٹرسٹ', 'بلۆچی', 'Lasbela–Khuzdar', 'Rs\u00a019,409,179.54', '\u2066۲۰۲۳-۲۴\u2069']
// Short pieces of text of uneven lengths put the 2,048-byte boundaries of a render buffer at every
// possible position inside a character, many times over.
const ROWS = Array.from({ length: 400 }, (_, i) => `${NAMES[i % NAMES.length]} ${'ۆ'.repeat(i % 5)}${i}`)
const NONCE = 'dGVzdC1ub25jZQ=='

function loader() {
  return { rows: ROWS }
}

/** The document, with Remix's scripts when it hydrates (as root.tsx decides from the handle). */
const documentOf = (hydrate: boolean) =>
  function Document() {
    return page(hydrate)
  }

function page(hydrate: boolean) {
  const { rows } = useLoaderData<typeof loader>()
  return h(
    'html',
    { lang: 'bal', dir: 'rtl' },
    h('head', null, h('meta', { charSet: 'utf-8' }), h('title', null, 'بلۆچی')),
    h(
      'body',
      null,
      h('ul', null, ...rows.map((row, i) => h('li', { key: i, title: row }, row))),
      // As on a signed-in page: Remix's hydration data streams in behind Suspense boundaries.
      hydrate ? h(Scripts, { nonce: NONCE }) : null,
    ),
  )
}

const buildOf = (hydrate: boolean): ServerBuild => ({
  mode: 'production',
  entry: { module: entryServer },
  // A signed-in page says it hydrates, as the app's staff routes do in their handle.
  routes: { root: { id: 'root', path: '', module: { default: documentOf(hydrate), loader, handle: { hydrate } } } },
  assets: {
    entry: { imports: [], module: '/assets/entry.client.js' },
    routes: {
      root: { id: 'root', path: '', module: '/assets/root.js', hasLoader: true, hasAction: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false, imports: [] },
    },
    url: '/assets/manifest.js',
    version: 'test',
  },
  publicPath: '/',
  assetsBuildDirectory: 'build/client',
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true },
  isSpaMode: false,
})

async function renderPage(hydrate = true): Promise<{ response: Response; bytes: Uint8Array }> {
  const handle = createRequestHandler(buildOf(hydrate), 'production')
  const response = await handle(new Request('http://hisaab.test/'), { cspNonce: NONCE, clientAddress: null })
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) }
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;')

describe('a rendered document', () => {
  test('of a page that ships no script allows none, and names no nonce', async () => {
    const { response } = await renderPage(false)
    const policy = response.headers.get('Content-Security-Policy') ?? ''
    expect(policy).toContain("script-src 'none'")
    expect(policy).not.toContain('nonce-')
  })

  test.each([
    ['a signed-in page (streamed, with its hydration data)', true],
    ['a public page (rendered to one string)', false],
  ])('of %s is valid UTF-8 with no NUL byte and no replacement character, though Urdu and Balochi text crosses many 2 KB boundaries', async (_, hydrate) => {
    const { response, bytes } = await renderPage(hydrate)
    expect(response.headers.get('Content-Length')).toBe(String(bytes.byteLength))
    expect(new TextDecoder().decode(bytes.subarray(0, 15))).toBe('<!DOCTYPE html>')
    expect(response.status).toBe(200)
    expect(bytes.byteLength).toBeGreaterThan(10 * 2048)
    const nulOffsets = bytes.reduce<number[]>((found, byte, offset) => (byte === 0 ? [...found, offset] : found), [])
    expect(nulOffsets, 'offsets of NUL bytes').toEqual([])
    const html = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    expect(html).not.toContain('\uFFFD')
    // Every name arrives whole, in the text and in the attribute.
    const missing = ROWS.filter((row) => !html.includes(`<li title="${escapeAttribute(row)}">${row}</li>`))
    expect(missing).toEqual([])
  })

  test('is sent whole, with its length, type and charset, and keeps its nonce and hydration data', async () => {
    const { response, bytes } = await renderPage()
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('Content-Length')).toBe(String(bytes.byteLength))
    expect(response.headers.get('Content-Security-Policy')).toContain(`'nonce-${NONCE}'`)
    const html = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('</body></html>')
    const scripts = html.match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    expect(scripts.filter((tag) => !tag.includes(`nonce="${NONCE}"`))).toEqual([])
    // The loader's data (which Remix writes after </html>), waited for rather than streamed later,
    // is in the page to the end of its stream.
    expect(html).toContain('window.__remixContext.streamController.close();')
    expect(html).toContain(JSON.stringify(ROWS.at(-1)).slice(1, -1))
  })
})
