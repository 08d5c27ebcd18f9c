import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test'
import { createDb } from '../../db/client'
import { createSession } from '../../app/auth/sessions.server'
import { LANGS, localePath, type Lang } from '../../app/i18n/locales'
import { E2E_DATABASE_URL } from './database'

export { LANGS, localePath, type Lang }

/** The database the e2e server was seeded into (see playwright.config.ts), on its engine, opened read-only in spirit. */
export const e2eDb = () => createDb(E2E_DATABASE_URL, { poolSize: 2 })

/**
 * A page signed in as the demo user `email`, sign-in codes and all, by a session made directly in
 * the database: journeys that are not about signing in need not spend an admin's one-time code.
 */
export async function signedInAs(browser: Browser, email: string, options: BrowserContextOptions = {}): Promise<Page> {
  const db = e2eDb()
  try {
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    const { token } = await createSession(db, user.id, { ip: null, userAgent: 'e2e', twoFactorVerified: true })
    const context = await browser.newContext(options)
    await context.addCookies([{ name: 'hisaab_session', value: token, url: String(test.info().project.use.baseURL) }])
    return context.newPage()
  } finally {
    await db.destroy()
  }
}

/** A form POST as the page would send it (same-origin), without the page's own limits. */
export const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' }

export async function firstSlugs(): Promise<{ project: string; trust: string }> {
  const db = e2eDb()
  try {
    const project = await db.selectFrom('projects').select('slug').orderBy('id').executeTakeFirstOrThrow()
    const trust = await db.selectFrom('parties').select('slug').where('kind', '=', 'trust').orderBy('id').executeTakeFirstOrThrow()
    return { project: project.slug, trust: trust.slug }
  } finally {
    await db.destroy()
  }
}

/** The public pages, language-free; each is visited in every language. */
export async function publicPages(): Promise<Array<{ name: string; path: string }>> {
  const { project, trust } = await firstSlugs()
  return [
    { name: 'home', path: '/' },
    { name: 'projects', path: '/projects' },
    { name: 'project', path: `/projects/${project}` },
    { name: 'trusts', path: '/trusts' },
    { name: 'trust', path: `/trusts/${trust}` },
    { name: 'open data', path: '/data' },
  ]
}

function leaves(obj: unknown): string[] {
  if (obj !== null && typeof obj === 'object') return Object.values(obj).flatMap(leaves)
  return [String(obj)]
}

/**
 * Every English UI string, cut at its placeholders into the fixed runs of words a reader would
 * see; a page in Urdu or Balochi must show none of them.
 */
export const ENGLISH_UI_PHRASES: string[] = [
  ...new Set(
    ['common', 'domain', 'pages']
      .flatMap((ns) => leaves(JSON.parse(readFileSync(`./locales/en/${ns}.json`, 'utf8'))))
      .flatMap((text) => text.split(/\{\{\w+\}\}/))
      .map((run) => run.trim().replace(/[.,:;]+$/, ''))
      .filter((run) => /[A-Za-z]{3,}/.test(run) && run !== 'CC BY 4.0'),
  ),
]

export const ENGLISH_MONTHS = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/

export async function expectNoEnglishUi(page: Page): Promise<void> {
  // Text in <code> is a machine token — a column, table or file name — shown as it must be typed.
  const text = await page.locator('body').evaluate((body: HTMLElement) => {
    const codes = [...body.querySelectorAll<HTMLElement>('code')]
    for (const c of codes) c.style.display = 'none'
    const visible = body.innerText
    for (const c of codes) c.style.display = ''
    return visible
  })
  // A word joined to an identifier or a path (project_slug, /projects/…) is a machine token that
  // readers type or match as it is — a column name, an address — not English UI text.
  const found = ENGLISH_UI_PHRASES.filter((phrase) => new RegExp(`(^|[^A-Za-z_/<])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z_/>]|$)`).test(text))
  expect(found, 'English UI strings on a page that should have none').toEqual([])
  expect(text).not.toMatch(ENGLISH_MONTHS)
}

export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([])
}
