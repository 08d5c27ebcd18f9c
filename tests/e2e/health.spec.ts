import { expect, test } from '@playwright/test'

/** What a load balancer polls: plain answers, never cached, never a cookie, nothing about the machine. */
test('/healthz says the process is up, and /readyz that the database, schema and key are ready', async ({ request }) => {
  const health = await request.get('/healthz')
  expect(health.status()).toBe(200)
  expect(await health.text()).toBe('ok\n')

  const ready = await request.get('/readyz')
  expect(ready.status()).toBe(200)
  expect(await ready.text()).toBe(`${JSON.stringify({ ready: true, database: 'reachable', migrations: 'current', signingKey: 'signs-the-ledger' })}\n`)

  for (const answer of [health, ready]) {
    expect(answer.headers()['cache-control']).toBe('no-store')
    expect(answer.headers()['set-cookie']).toBeUndefined()
    expect(answer.headers()['etag']).toBeUndefined()
    expect(answer.headers()['x-content-type-options']).toBe('nosniff')
  }
  // Under a language prefix they are not pages: a 404 like any unknown address.
  expect((await request.get('/ur/readyz')).status()).toBe(404)
})
