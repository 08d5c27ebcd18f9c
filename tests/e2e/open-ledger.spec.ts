import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'
import { DEMO_PASSWORD } from '../../scripts/demo-data'

const dir = mkdtempSync(join(tmpdir(), 'hisaab-open-ledger-'))

async function download(request: APIRequestContext, path: string, name: string): Promise<string> {
  const response = await request.get(path)
  expect(response.status(), path).toBe(200)
  writeFileSync(join(dir, name), await response.body())
  return join(dir, name)
}

function verify(...args: string[]): { status: number; output: string } {
  try {
    return { status: 0, output: execFileSync('node', ['verifier/hisaab-verify.mjs', ...args], { encoding: 'utf8', stdio: 'pipe' }) }
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string }
    return { status: e.status, output: e.stdout + e.stderr }
  }
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto('/login')
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form.form button[type="submit"]').click()
  await expect(page).toHaveURL(/\/work$/)
  return page
}

test('a reader downloads the ledger and verifies it offline, then proves that a later ledger extends the checkpoint they kept', async ({ browser, request }) => {
  // Today: the ledger, its checkpoint and the key, checked with the standalone verifier.
  const key = await download(request, '/ledger/key', 'key.txt')
  const kept = await download(request, '/ledger/checkpoint', 'kept-checkpoint.txt')
  const keptSize = Number(readFileSync(kept, 'utf8').split('\n')[1])
  const fullResponse = await request.get('/downloads/ledger/full.ndjson')
  const size = Number(fullResponse.headers()['x-ledger-checkpoint-size'])
  const ledger = join(dir, 'ledger.ndjson')
  writeFileSync(ledger, await fullResponse.body())
  const checkpoint = await download(request, `/ledger/checkpoints/${size}`, 'checkpoint.txt')
  expect(size).toBeGreaterThanOrEqual(keptSize)
  expect(fullResponse.headers()['content-disposition']).toContain(`hisaab-ledger-${size}.ndjson`)
  expect(fullResponse.headers()['link']).toContain('creativecommons.org/licenses/by/4.0')
  const first = verify(ledger, '--checkpoint', checkpoint, '--key', key)
  expect(first.output).toContain('VERIFIED')
  expect(first.status).toBe(0)

  // The file is served with an ETag and not sent again while the ledger has not changed. (Other
  // tests approve entries meanwhile: a 200 is right only with a new ETag, for a longer ledger.)
  const etag = fullResponse.headers()['etag']!
  const again = await request.get('/downloads/ledger/full.ndjson', { headers: { 'If-None-Match': etag } })
  if (again.status() === 304) expect(await again.body()).toHaveLength(0)
  else {
    expect(again.status()).toBe(200)
    expect(again.headers()['etag']).not.toBe(etag)
    expect(Number(again.headers()['x-ledger-checkpoint-size'])).toBeGreaterThan(size)
  }

  // A changed figure in the download is caught, and the entry named.
  const lines = readFileSync(ledger, 'utf8').trimEnd().split('\n')
  lines[9] = lines[9]!.replace(/"value_pkr":"(\d)/, (_, d: string) => `"value_pkr":"${(Number(d) + 1) % 10}`)
  writeFileSync(join(dir, 'altered.ndjson'), `${lines.join('\n')}\n`)
  const altered = verify(join(dir, 'altered.ndjson'), '--checkpoint', checkpoint, '--key', key)
  expect(altered.status).toBe(1)
  expect(altered.output).toContain('entry seq 10 (line 10) has been altered')

  // An officer records an entry and a colleague approves it: the ledger grows and a new checkpoint is signed.
  const officer = await signedIn(browser, 'officer.chagai.1@demo.hisaab.pk')
  await officer.goto('/work/entries/new?kind=disbursement')
  await officer.locator('select[name="projectId"]').selectOption({ index: 1 })
  await officer.locator('select[name="fromPartyId"]').selectOption({ index: 1 })
  await officer.locator('select[name="toPartyId"]').selectOption({ index: 1 })
  await officer.locator('select[name="purpose"]').selectOption('water')
  await officer.locator('select[name="localityId"]').selectOption({ index: 1 })
  await officer.locator('input[name="description"]').fill('Hand pump repairs')
  await officer.locator('input[name="amount"]').fill('1,500.25')
  await officer.locator('form.form button[type="submit"]:not([value="find"])').click()
  await expect(officer).toHaveURL(/\/ledger\/\d+\?recorded$/)
  const id = Number(/\/ledger\/(\d+)/.exec(officer.url())![1])
  const colleague = await signedIn(browser, 'officer.chagai.2@demo.hisaab.pk')
  await colleague.goto('/work/queue')
  await colleague.locator('li.card', { has: colleague.locator(`a[href="/ledger/${id}"]`) }).locator('button[value="approve"]').click()
  await expect(colleague).toHaveURL(new RegExp(`approved=${id}$`))

  // The entry's page shows its inclusion proof, in Urdu too.
  const reader = await (await browser.newContext()).newPage()
  await reader.goto(`/ur/ledger/${id}`)
  await expect(reader.locator('section.proof h2')).toHaveText(/[\u0600-\u06FF]/)
  const leafHash = await reader.locator('section.proof dd code').first().textContent()

  // Later: the new ledger verifies against the new checkpoint and extends the kept one.
  const later = await request.get('/downloads/ledger/full.ndjson')
  const newSize = Number(later.headers()['x-ledger-checkpoint-size'])
  expect(newSize).toBeGreaterThan(size)
  const newLedger = join(dir, 'ledger-later.ndjson')
  writeFileSync(newLedger, await later.body())
  const newCheckpoint = await download(request, `/ledger/checkpoints/${newSize}`, 'checkpoint-later.txt')
  const extended = verify(newLedger, '--checkpoint', newCheckpoint, '--key', key, '--previous', kept)
  expect(extended.output).toMatch(new RegExp(`consistent: the kept checkpoint of ${keptSize} entries .* is a prefix`))
  expect(extended.status).toBe(0)
  // The new entry is in the download with the leaf hash its page shows.
  expect(readFileSync(newLedger, 'utf8')).toContain(`"entry_id":${id},`)
  expect(readFileSync(newLedger, 'utf8')).toContain(`"leaf_hash":"${leafHash}"`)

  // Without downloading everything again: a consistency proof between the two checkpoints.
  const proof = await download(request, `/ledger/proofs/consistency?from=${keptSize}&to=${newSize}`, 'consistency.json')
  expect(JSON.parse(readFileSync(proof, 'utf8')).checkpoints).toEqual([`/ledger/checkpoints/${keptSize}`, `/ledger/checkpoints/${newSize}`])
  const proved = verify('--checkpoint', newCheckpoint, '--previous', kept, '--proof', proof, '--key', key)
  expect(proved.output).toContain('VERIFIED')
  expect(proved.status).toBe(0)
})

test('an auditor downloads the complete ledger as a signed bundle from the browser, and the export is in the audit trail', async ({ browser }) => {
  const { totpCode } = await import('../../app/auth/totp.server')
  const { DEMO_TOTP_SECRETS } = await import('../../scripts/demo-data')
  const { unzipSync } = await import('fflate')
  const { openNote, parseVerifierKey } = await import('../../app/domain/signed-note')
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage()
  await page.goto('/ur/login')
  await page.locator('input[name="email"]').fill('auditor@demo.hisaab.pk')
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('form.form button[type="submit"]').click()
  await page.locator('input[name="code"]').fill(totpCode(DEMO_TOTP_SECRETS.auditor))
  await page.locator('form.form button[type="submit"]').click()
  await expect(page).toHaveURL(/\/ur\/work$/)

  // From the signed-in menu, on any page.
  await page.locator('nav.user-menu a[href="/ur/admin/export"]').click()
  await expect(page.locator('h1')).toHaveText(/[\u0600-\u06FF]/)
  const downloading = page.waitForEvent('download')
  await page.locator('form.form button[type="submit"]').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^hisaab-complete-\d{8}-\d{6}\.zip$/)
  const files = unzipSync(readFileSync((await download.path())!))
  const text = (name: string) => Buffer.from(files[name]!).toString('utf8')
  expect(openNote(text('manifest.json.sig'), parseVerifierKey(text('key.txt')))).toBe(text('manifest.json'))
  expect(text('ledger-complete.ndjson')).toContain('"status":"pending"')
  expect(text('audit-events.ndjson')).toContain('"action":"export.complete"')

  // The export is listed in the audit trail the auditor is looking at.
  await page.goto('/ur/admin/audit?action=export.complete')
  await expect(page.locator('main table')).toContainText('مکمل کھاتہ برآمد کیا (دستخط شدہ بنڈل)')
})

test('a filtered download holds exactly what the API and the page count, made by the export worker of the production build', async ({ request }) => {
  const query = 'kind=payment&fy=2024-25'
  const api = (await (await request.get(`/api/v1/ledger?${query}`)).json()) as { count: number }
  expect(api.count).toBeGreaterThan(10)
  const csv = await request.get(`/downloads/ledger/entries.csv?${query}`, { headers: { 'Accept-Encoding': 'gzip' } })
  expect(csv.status()).toBe(200)
  const text = (await csv.body()).toString('utf8')
  expect(text.startsWith('\uFEFFseq,entry_id,kind,')).toBe(true)
  // Header and one record per entry, each ending in CRLF (no field in these rows holds a line break).
  expect(text.split('\r\n').filter(Boolean)).toHaveLength(api.count + 1)
  // Every entry's format, and its leaf hash in hex: never guarded with an apostrophe, as a base64
  // hash beginning with "+" would be.
  const [header, ...records] = text.slice(1).split('\r\n').filter(Boolean)
  expect(header).toMatch(/,approved_at,format,leaf_hash_hex$/)
  for (const record of records) expect(record).toMatch(/,hisaab-ledger-entry\/1,[0-9a-f]{64}$/)
  const projects = (await (await request.get('/downloads/data/projects.json')).json()) as { rows: unknown[]; licence: { name: string } }
  expect(projects.licence.name).toBe('CC-BY-4.0')
  expect(projects.rows.length).toBeGreaterThan(0)
})

test('the open data package downloads whole from the production build: every table, each CSV with its schema’s columns', async ({ request }) => {
  const response = await request.get('/downloads/open-data.zip')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toBe('application/zip')
  const files = unzipSync(new Uint8Array(await response.body()))
  const descriptor = JSON.parse(strFromU8(files['datapackage.json']!)) as { hisaab_checkpoint: { size: number }; resources: Array<{ path: string; schema: { fields: Array<{ name: string }> } }> }
  expect(descriptor.resources.length).toBeGreaterThanOrEqual(8)
  for (const resource of descriptor.resources) {
    const csv = strFromU8(files[resource.path]!)
    expect(csv.split('\r\n')[0], resource.path).toBe(resource.schema.fields.map((f) => f.name).join(','))
  }
  // The ledger table holds every entry of the checkpoint the package names.
  const ledgerRows = strFromU8(files['data/ledger.csv']!).split('\r\n').filter(Boolean).length - 1
  expect(ledgerRows).toBe(descriptor.hisaab_checkpoint.size)
})

test('a proof links only checkpoints that were signed, and is cached for good only when the sizes it names were asked for and signed', async ({ request }) => {
  const size = Number((await (await request.get('/ledger/checkpoint')).text()).split('\n')[1])
  // The demo data was signed once, whole: a tree of 1,000 entries never had a checkpoint.
  expect(size).toBeGreaterThan(1000)
  expect((await request.get('/ledger/checkpoints/1000')).status()).toBe(404)
  const answer = async (path: string) => {
    const response = await request.get(path)
    expect(response.status(), path).toBe(200)
    const body = (await response.json()) as { checkpoint?: string | null; checkpoints?: Array<string | null> }
    for (const link of [body.checkpoint, ...(body.checkpoints ?? [])]) if (link) expect((await request.get(link)).status(), link).toBe(200)
    return { cache: response.headers()['cache-control'], etag: response.headers()['etag'], body }
  }

  const signed = await answer(`/ledger/proofs/inclusion?seq=5&size=${size}`)
  expect(signed.body.checkpoint).toBe(`/ledger/checkpoints/${size}`)
  expect(signed.cache).toBe('public, max-age=31536000, immutable')

  const unsigned = await answer('/ledger/proofs/inclusion?seq=5&size=1000')
  expect(unsigned.body.checkpoint).toBeNull()
  expect(unsigned.cache).toBe('public, max-age=60')

  // Without a size the answer follows the ledger (other journeys approve entries meanwhile).
  const latest = await answer('/ledger/proofs/inclusion?seq=5')
  expect(latest.cache).toBe('public, max-age=60')
  expect(latest.etag).toMatch(/^"[\w-]+"$/)

  const consistency = await answer(`/ledger/proofs/consistency?from=1000&to=${size}`)
  expect(consistency.body.checkpoints).toEqual([null, `/ledger/checkpoints/${size}`])
  expect(consistency.cache).toBe('public, max-age=60')
  expect((await answer(`/ledger/proofs/consistency?from=${size}`)).cache).toBe('public, max-age=60')
})
