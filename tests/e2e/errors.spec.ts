import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { expect, test } from '@playwright/test'

const MB = 1024 * 1024
const tooLarge = (lang: 'ur' | 'bal') => JSON.parse(readFileSync(`./locales/${lang}/common.json`, 'utf8')).errors.tooLarge.title as string

/**
 * Sends the headers and `body` of a POST and waits for the answer without ever finishing the
 * request: an answer proves the server did not wait to read the whole body.
 */
function answerBeforeTheEnd(url: URL, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers })
    const timer = setTimeout(() => reject(new Error('no answer before the body ended')), 15_000)
    req.on('error', reject)
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        clearTimeout(timer)
        resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') })
        req.destroy()
      })
    })
    req.write(body)
  })
}

test('an unknown language prefix is a 404 page', async ({ page }) => {
  const response = await page.goto('/fr/projects')
  expect(response?.status()).toBe(404)
  await expect(page.locator('h1')).toHaveText('Page not found')
})

test('an unknown project or trust is a 404 in the reader\'s language', async ({ page }) => {
  for (const path of ['/ur/projects/no-such-project', '/bal/trusts/no-such-trust', '/ur/no/such/page']) {
    const response = await page.goto(path)
    expect(response?.status()).toBe(404)
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
    await expect(page.locator('h1')).not.toHaveText('Page not found')
    await expect(page.locator('h1')).toHaveText(/[\u0600-\u06FF]/)
  }
})

test('junk in the filters is ignored with a message, never a 500', async ({ page }) => {
  const response = await page.goto(`/projects?province=${encodeURIComponent("'; drop table projects; --")}&status=%00&mineral=${'x'.repeat(5000)}`)
  expect(response?.status()).toBe(200)
  await expect(page.getByText('Some filters in the address were not recognised')).toBeVisible()
  await expect(page.locator('.card').first()).toBeVisible()
})

test("an 8 MB form gets 413 with a page in the reader's language, and the server carries on", async ({ request }) => {
  const response = await request.post('/ur/login', { form: { email: 'a@b.pk', password: 'x', padding: 'a'.repeat(8 * MB) }, headers: { 'Sec-Fetch-Site': 'same-origin' } })
  expect(response.status()).toBe(413)
  expect(response.headers()['content-type']).toContain('text/html')
  expect(await response.text()).toContain(tooLarge('ur'))
  // A form of a sane size still works.
  const sane = await request.post('/ur/login', { form: { email: 'a@b.pk', password: 'x', padding: 'a'.repeat(32 * 1024) }, headers: { 'Sec-Fetch-Site': 'same-origin' } })
  expect(sane.status()).toBe(400)
})

test('a body over the limit is refused before it is read whole, declared or chunked', async ({ baseURL }) => {
  const form = { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' }
  const start = Buffer.from(`email=a%40b.pk&password=x&padding=${'a'.repeat(1024)}`)
  // Eight megabytes declared, one kilobyte sent: the answer comes anyway.
  const declared = await answerBeforeTheEnd(new URL('/bal/login', baseURL), { ...form, 'Content-Length': String(8 * MB) }, start)
  expect(declared.status).toBe(413)
  expect(declared.text).toContain(tooLarge('bal'))
  // No length declared: counted as it is read, and refused once past the limit.
  const chunked = await answerBeforeTheEnd(new URL('/ur/login', baseURL), { ...form, 'Transfer-Encoding': 'chunked' }, Buffer.concat([start, Buffer.alloc(128 * 1024, 'a')]))
  expect(chunked.status).toBe(413)
  expect(chunked.text).toContain(tooLarge('ur'))
})
