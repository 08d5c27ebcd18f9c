// `npm run screenshots -- [baseURL]`: PNGs of the public pages in every language, phone and desktop
// widths, into screenshots/tmp/ (not committed) — for looking at a change with one's own eyes.
// Expects a running server (default http://localhost:3000, e.g. from `npm run demo`).
import { mkdirSync } from 'node:fs'
import { chromium } from '@playwright/test'

const base = process.argv[2] ?? 'http://localhost:3000'
const paths = process.argv.slice(3).length > 0 ? process.argv.slice(3) : ['/', '/projects']
const out = 'screenshots/tmp'
mkdirSync(out, { recursive: true })

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})
try {
  for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]] as const) {
    const page = await browser.newPage({ viewport, javaScriptEnabled: false })
    for (const lang of ['en', 'ur', 'bal']) {
      for (const path of paths) {
        const url = `${base}${lang === 'en' ? '' : `/${lang}`}${path === '/' && lang !== 'en' ? '' : path}`
        await page.goto(url)
        await page.evaluate(() => document.fonts.ready)
        const name = `${out}/${device}-${lang}${path.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '') || '-home'}.png`
        await page.screenshot({ path: name, fullPage: true })
        console.log(name)
      }
    }
    await page.close()
  }
} finally {
  await browser.close()
}
