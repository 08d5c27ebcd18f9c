import { expect, test, type APIRequestContext } from '@playwright/test'
import { splitLangPath } from '../../app/i18n/locales'
import { DEMO_PASSWORD } from '../../scripts/demo-data'
import { e2eDb, LANGS, localePath } from './fixtures'

/**
 * What a phone receives, byte for byte: every public page linked from the home page in each
 * language must be valid UTF-8, with no NUL byte and no U+FFFD. A browser drops a stray NUL in
 * text and shows U+FFFD only inside attributes, so a test of the DOM would miss most of them.
 */

/** The pages a reader can reach, by kind; `cap` bounds the kinds with hundreds of pages. */
const PAGE_KINDS: Array<{ kind: string; pattern: RegExp; cap?: number }> = [
  { kind: 'home', pattern: /^\/$/ },
  { kind: 'projects', pattern: /^\/projects$/ },
  { kind: 'project', pattern: /^\/projects\/[^/]+$/ },
  { kind: 'trusts', pattern: /^\/trusts$/ },
  { kind: 'trust', pattern: /^\/trusts\/[^/]+$/ },
  // The whole ledger and each project's, with their next pages, until the cap.
  { kind: 'ledger', pattern: /^\/ledger$/, cap: 30 },
  { kind: 'entry', pattern: /^\/ledger\/\d+$/, cap: 12 },
  { kind: 'employment', pattern: /^\/employment$/ },
  { kind: 'data', pattern: /^\/data$/ },
  { kind: 'sign-in', pattern: /^\/login$/ },
]

const kindOf = (pathname: string) => PAGE_KINDS.find(({ pattern }) => pattern.test(splitLangPath(pathname).rest))

/**
 * Entries read besides the capped ones, for the local names they show: a disbursement to a named
 * village in each project (so every trust's and place's names), and both sides of every reversal.
 */
async function chosenEntries(): Promise<number[]> {
  const db = e2eDb()
  try {
    const withPlaces = await db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.min('id').as('id'))
      .where('status', '=', 'approved')
      .where('locality_id', 'is not', null)
      .groupBy('project_id')
      .execute()
    const reversals = await db
      .selectFrom('ledger_entries')
      .select(['id', 'reverses_entry_id'])
      .where('status', '=', 'approved')
      .where('reverses_entry_id', 'is not', null)
      .execute()
    return [...withPlaces.map((row) => Number(row.id)), ...reversals.flatMap((row) => [row.id, Number(row.reverses_entry_id)])]
  } finally {
    await db.destroy()
  }
}

/**
 * Fetches a page as sent (no content coding) and returns its text and what is wrong with it, so a
 * crawl can name every broken page at once.
 */
async function fetchPage(request: APIRequestContext, path: string, status = 200): Promise<{ text: string; problems: string[] }> {
  const response = await request.get(path, { headers: { 'Accept-Encoding': 'identity' }, maxRedirects: 0 })
  const headers = response.headers()
  const bytes = await response.body()
  const problems: string[] = []
  if (response.status() !== status) problems.push(`status ${response.status()}, not ${status}`)
  if (headers['content-type'] !== 'text/html; charset=utf-8') problems.push(`Content-Type ${headers['content-type']}`)
  if (headers['x-content-type-options'] !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff')
  const nul = bytes.indexOf(0)
  if (nul >= 0) problems.push(`a NUL byte at offset ${nul}`)
  let text = ''
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    problems.push('invalid UTF-8')
  }
  if (text.includes('\uFFFD')) problems.push(`U+FFFD at character ${text.indexOf('\uFFFD')}`)
  // Sent whole, so a cache in front can keep the body as it is.
  if (headers['content-length'] !== String(bytes.byteLength)) problems.push(`Content-Length ${headers['content-length']} for ${bytes.byteLength} bytes`)
  if (!text.includes('</html>')) problems.push('no </html>')
  return { text, problems: problems.map((problem) => `${path}: ${problem}`) }
}

/** Same-origin links of a page, resolved against its address, without fragments. */
function linksOf(html: string, pageUrl: URL): URL[] {
  return [...html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)].flatMap(([, href]) => {
    const url = new URL(href!.replace(/&amp;/g, '&'), pageUrl)
    url.hash = ''
    return url.origin === pageUrl.origin ? [url] : []
  })
}

for (const lang of LANGS) {
  test(`every public page linked from ${localePath(lang, '/')} arrives as clean UTF-8, whole, with its length and charset`, async ({ request, baseURL }) => {
    test.setTimeout(90_000)
    const home = new URL(localePath(lang, '/'), baseURL)
    const chosen = (await chosenEntries()).map((id) => new URL(localePath(lang, `/ledger/${id}`), home))
    const queue = [home, ...chosen]
    const seen = new Set<string>()
    const visited: Record<string, number> = {}
    const read: string[] = []
    const problems: string[] = []
    for (let url = queue.shift(); url; url = queue.shift()) {
      const address = url.pathname + url.search
      if (seen.has(address)) continue
      seen.add(address)
      const kind = kindOf(url.pathname)
      if (!kind || splitLangPath(url.pathname).lang !== lang) continue
      if (chosen.some((entry) => entry.href === url.href)) {
        visited.chosen = (visited.chosen ?? 0) + 1
      } else {
        if (kind.cap !== undefined && (visited[kind.kind] ?? 0) >= kind.cap) continue
        visited[kind.kind] = (visited[kind.kind] ?? 0) + 1
      }
      read.push(address)
      const page = await fetchPage(request, address)
      problems.push(...page.problems)
      queue.push(...linksOf(page.text, url))
    }
    expect(problems).toEqual([])
    // The crawl really walked the site: every kind of page, next pages of the ledger, the chosen entries.
    expect(Object.keys(visited).sort()).toEqual([...PAGE_KINDS.map(({ kind }) => kind), 'chosen'].sort())
    expect(read.filter((address) => address.includes('after='))).not.toEqual([])
    expect(chosen.filter((entry) => !read.includes(entry.pathname))).toEqual([])
    test.info().annotations.push({ type: 'pages read', description: `${read.length}: ${JSON.stringify(visited)}` })
  })
}

test('the not-found page is clean UTF-8 in every language', async ({ request }) => {
  const problems: string[] = []
  for (const lang of LANGS) {
    for (const path of ['/no/such/page', '/ledger/999999999', '/projects/no-such-project']) {
      problems.push(...(await fetchPage(request, localePath(lang, path), 404)).problems)
    }
  }
  expect(problems).toEqual([])
})

test('a signed-in page, which ships JavaScript, arrives as clean UTF-8 with its hydration data, never cached', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage()
  await page.goto('/bal/login')
  await page.locator('input[name="email"]').fill('officer.gb.1@demo.hisaab.pk')
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form.form button[type="submit"]').click()
  await expect(page).toHaveURL(/\/work$/)
  const path = '/bal/work/entries/new?kind=disbursement'
  const { text, problems } = await fetchPage(page.request, path)
  expect(problems).toEqual([])
  expect(text).toContain('window.__remixContext.streamController.close();')
  const response = await page.request.get(path)
  expect(response.headers()['cache-control']).toBe('no-store')
})

test('a page is still compressed for a reader who accepts gzip', async ({ request }) => {
  const response = await request.get('/bal/projects', { headers: { 'Accept-Encoding': 'gzip' } })
  expect(response.status()).toBe(200)
  expect(response.headers()['content-encoding']).toBe('gzip')
  expect(response.headers()['vary']).toContain('Accept-Encoding')
  // Playwright hands back the decompressed body: the same clean bytes.
  expect(new TextDecoder('utf-8', { fatal: true }).decode(await response.body())).toContain('</html>')
})
