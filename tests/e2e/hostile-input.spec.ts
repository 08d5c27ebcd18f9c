import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import fc from 'fast-check'
import { hasHiddenCharacters } from '../../app/domain/hidden-characters'
import { e2eDb, firstSlugs, LANGS, localePath, SAME_ORIGIN } from './fixtures'
import { officerCookie, shareTransferForm, transferTarget } from '../fixtures/officers'

/**
 * Hostile input, as anyone on the internet can send it: every query parameter of every public
 * route, and the text fields of the entry form, driven with the naughty strings and with random
 * Unicode. Never a 500; what is stored is what was sent (trimmed); what is shown is inert.
 */
const NAUGHTY: string[] = JSON.parse(readFileSync('../shared/testdata/blns/blns.json', 'utf8'))
const hostile = fc.oneof(fc.constantFrom(...NAUGHTY), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }))

/** Each public address with the parameters its loader reads (and some it does not). */
async function routes(): Promise<Array<{ path: string; params: string[] }>> {
  const { project, trust } = await firstSlugs()
  const ledger = ['project', 'trust', 'kind', 'gfs', 'purpose', 'fy', 'from', 'to', 'q', 'order', 'after', 'limit']
  return [
    { path: '/', params: ['q', 'lang'] },
    { path: '/ledger', params: ledger },
    { path: '/projects', params: ['province', 'mineral', 'status'] },
    { path: `/projects/${project}`, params: ['fy', 'q'] },
    { path: '/trusts', params: ['province'] },
    { path: `/trusts/${trust}`, params: ['fy'] },
    { path: '/employment', params: ['province', 'project'] },
    { path: '/data', params: ['table'] },
    { path: '/ledger/feed.atom', params: ledger },
    { path: '/api/v1/ledger', params: ledger },
    { path: '/api/v1/projects', params: ['limit', 'after'] },
    { path: '/downloads/ledger/entries.csv', params: ledger },
    { path: '/ledger/checkpoints', params: ['before'] },
    { path: '/ledger/proofs/inclusion', params: ['seq', 'size'] },
    { path: '/ledger/proofs/consistency', params: ['from', 'to'] },
  ]
}

const inLanguage = (lang: (typeof LANGS)[number], path: string) => (path.startsWith('/ledger/') && !path.startsWith('/ledger/feed') ? path : path.startsWith('/api') || path.startsWith('/downloads') ? path : localePath(lang, path))

test('property: any value of any query parameter of any public route is answered without a 500, and shown inert', async ({ request }) => {
  test.setTimeout(180_000)
  const all = await routes()
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...all), fc.constantFrom(...LANGS), fc.array(fc.tuple(fc.nat(20), hostile), { minLength: 1, maxLength: 3 }), async (route, lang, pairs) => {
      const query = new URLSearchParams(pairs.map(([i, value]) => [route.params[i % route.params.length]!, value]))
      const path = `${inLanguage(lang, route.path)}?${query}`
      const response = await request.get(path, { maxRedirects: 0 })
      expect(response.status(), path).toBeLessThan(500)
      const body = await response.body()
      expect(body.includes(0), `${path}: a NUL byte`).toBe(false)
      if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) return
      const html = body.toString('utf8')
      // Public pages ship no script at all; anything typed that had markup in it comes back escaped.
      expect(html.includes('<script'), path).toBe(false)
      for (const [, value] of pairs) if (/[<>]/.test(value) && value.trim().length > 3) expect(html.includes(value.trim()), `${path} echoes ${JSON.stringify(value)} raw`).toBe(false)
    }),
    { numRuns: 400 },
  )
})

test('path segments: a hostile id, slug or file name is a 404 or a 400, never a 500', async ({ request }) => {
  test.setTimeout(120_000)
  // A third of the list, every kind of string in it, in six places: a thousand requests.
  for (const value of NAUGHTY.filter((s, i) => s.length < 200 && i % 3 === 0)) {
    const segment = encodeURIComponent(value)
    for (const path of [`/ledger/${segment}`, `/ur/projects/${segment}`, `/bal/trusts/${segment}`, `/ledger/checkpoints/${segment}`, `/downloads/data/${segment}`, `/api/v1/${segment}`]) {
      const response = await request.get(path, { maxRedirects: 0 })
      expect(response.status(), path).toBeLessThan(500)
    }
  }
})

test('the entry form takes every naughty string as typed, or refuses it with a message and the text kept; never a 500', async ({ request }) => {
  test.setTimeout(180_000)
  const db = e2eDb()
  const target = await transferTarget(db, 'chagai-community-development-trust')
  const cookie = await officerCookie(db, 'officer.chagai.1@demo.hisaab.pk', 'e2e')
  try {
    const sample = NAUGHTY.filter((s, i) => i % 8 === 0 || hasHiddenCharacters(s.trim())).filter((s) => s.trim().length > 0 && s.length <= 1000)
    for (const text of sample) {
      const key = randomUUID()
      const response = await request.post('/ur/work/entries/new', {
        headers: { ...SAME_ORIGIN, Cookie: cookie },
        form: shareTransferForm(target, { amount: '10.00', description: text, reference: text.slice(0, 200), idempotencyKey: key, valueDate: '2025-09-01' }),
        maxRedirects: 0,
      })
      expect(response.status(), JSON.stringify(text)).toBeLessThan(500)
      const stored = await db.selectFrom('ledger_entries').select(['description', 'reference']).where('idempotency_key', '=', key).executeTakeFirst()
      if (hasHiddenCharacters(text.trim())) {
        // Refused beside the field, in Urdu, with nothing stored.
        expect(response.status(), JSON.stringify(text)).toBe(400)
        expect(stored).toBeUndefined()
        expect(await response.text()).toContain(JSON.parse(readFileSync('locales/ur/common.json', 'utf8')).form.hiddenCharacters)
        continue
      }
      expect(response.status(), JSON.stringify(text)).toBe(302)
      expect(stored, JSON.stringify(text)).toEqual({ description: text.trim(), reference: text.slice(0, 200).trim() || null })
    }
  } finally {
    await db.destroy()
  }
})
