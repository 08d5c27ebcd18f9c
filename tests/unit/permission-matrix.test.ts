import { beforeAll, describe, expect, test } from 'vitest'
import { PERMISSIONS } from '../../app/auth/permissions'
import { useFreshAppDatabase } from '../fixtures/app-db'

/**
 * Every route × every kind of visitor → what happens, for loaders (GET) and actions (POST).
 * The expected table below is written by hand and reviewed like code: a route that is not in it,
 * or that declares no permission, fails the suite; so does any cell that changes.
 *
 * The visitors: no session; officers of trust A and of trust B; an auditor and an admin, fully
 * signed in; and passwordOnly, an admin who has typed the password but not yet the code — who may
 * finish signing in or sign out, and is anonymous everywhere else.
 *
 * Outcomes: ok (the page or the action ran: 2xx, or 4xx from validating an empty form),
 * login (sent to sign in), code (sent to the code step), forbidden (403), redirect (sent
 * elsewhere, e.g. a signed-in user away from the sign-in page), gone (410: a dead password link),
 * not-found, too-large (413), - (no action).
 */
type Outcome = 'ok' | 'login' | 'code' | 'forbidden' | 'redirect' | 'gone' | 'not-found' | 'too-large' | '-'
type Persona = 'anonymous' | 'officerA' | 'officerB' | 'auditor' | 'admin' | 'passwordOnly'
type Row = Record<Persona, Outcome>

const all = (outcome: Outcome): Row => ({ anonymous: outcome, officerA: outcome, officerB: outcome, auditor: outcome, admin: outcome, passwordOnly: outcome })
const signedIn = (outcome: Outcome, anonymous: Outcome = 'login'): Row => ({ ...all(outcome), anonymous, passwordOnly: 'code' })
const staffOnly = (allowed: Persona[]): Row => {
  const row = signedIn('forbidden')
  for (const p of allowed) row[p] = 'ok'
  return row
}

// Parameters are filled with trust A, project A and officer A's records.
const EXPECTED: Record<string, { path: string; get: Row; post: Row }> = {
  '$': { path: '/no/such/page', get: all('not-found'), post: all('-') },
  '($lang)._index': { path: '/ur', get: all('ok'), post: all('-') },
  '($lang).projects._index': { path: '/projects', get: all('ok'), post: all('-') },
  '($lang).projects.$slug': { path: '/projects/:project', get: all('ok'), post: all('-') },
  '($lang).trusts._index': { path: '/trusts', get: all('ok'), post: all('-') },
  '($lang).trusts.$slug': { path: '/bal/trusts/:trust', get: all('ok'), post: all('-') },
  '($lang).request-refused': { path: '/request-refused', get: all('forbidden'), post: all('-') },
  '($lang).request-too-large': { path: '/ur/request-too-large', get: all('too-large'), post: all('-') },
  // Half signed in, the sign-in form is offered again: signing in anew replaces that session.
  '($lang).login._index': { path: '/login', get: { ...signedIn('redirect', 'ok'), passwordOnly: 'ok' }, post: all('ok') },
  '($lang).login.code': { path: '/login/code', get: { ...signedIn('redirect'), passwordOnly: 'ok' }, post: { ...signedIn('redirect'), passwordOnly: 'ok' } },
  '($lang).logout': { path: '/logout', get: all('redirect'), post: { ...signedIn('redirect'), passwordOnly: 'redirect' } },
  '($lang).password.$token': { path: '/password/aaaa.bbbb', get: all('gone'), post: all('ok') },
  '($lang).account._index': { path: '/account', get: signedIn('ok'), post: signedIn('ok') },
  '($lang).account.password': { path: '/account/password', get: signedIn('ok'), post: signedIn('ok') },
  '($lang).account.codes': { path: '/account/codes', get: signedIn('ok'), post: { ...signedIn('ok'), auditor: 'ok', admin: 'ok' } },
  '($lang).work._index': { path: '/work', get: signedIn('ok'), post: all('-') },
  '($lang).work.trusts.$slug': { path: '/work/trusts/:trust', get: { ...signedIn('ok'), officerB: 'forbidden' }, post: all('-') },
  '($lang).admin.users._index': { path: '/admin/users', get: staffOnly(['admin']), post: staffOnly(['admin']) },
  '($lang).admin.users.$id': { path: '/admin/users/:officerA', get: staffOnly(['admin']), post: staffOnly(['admin']) },
  '($lang).admin.export': { path: '/admin/export', get: staffOnly(['admin', 'auditor']), post: all('-') },
  // GET goes back to the page; POST makes (and records) the signed bundle.
  '($lang).admin.export[.]zip': { path: '/admin/export.zip', get: { ...staffOnly([]), auditor: 'redirect', admin: 'redirect' }, post: staffOnly(['admin', 'auditor']) },
  '($lang).admin.audit': { path: '/admin/audit', get: staffOnly(['admin', 'auditor']), post: all('-') },
  '($lang).ledger._index': { path: '/bal/ledger', get: all('ok'), post: all('-') },
  // A published payment of project A; reversing it needs write access to project A.
  '($lang).ledger.$id': { path: '/ledger/:entry', get: all('ok'), post: { ...staffOnly(['officerA']) } },
  '($lang).work.entries.new': { path: '/ur/work/entries/new', get: staffOnly(['officerA', 'officerB']), post: staffOnly(['officerA', 'officerB']) },
  // An empty form names no entry: the permission passes, then there is nothing to decide.
  '($lang).work.queue': { path: '/work/queue', get: staffOnly(['officerA', 'officerB', 'admin']), post: { ...staffOnly([]), officerA: 'not-found', officerB: 'not-found', admin: 'not-found' } },
  '($lang).work.sharing': { path: '/work/sharing', get: signedIn('ok'), post: staffOnly(['admin']) },
  '($lang).work.quotas': { path: '/work/quotas', get: signedIn('ok'), post: staffOnly(['admin']) },
  '($lang).employment': { path: '/bal/employment', get: all('ok'), post: all('-') },
  'downloads.employment.$file': { path: '/downloads/employment/compliance.csv', get: all('ok'), post: all('-') },
  '($lang).data': { path: '/ur/data', get: all('ok'), post: all('-') },
  'downloads.data.$file': { path: '/downloads/data/projects.csv', get: all('ok'), post: all('-') },
  'downloads.open-data[.]zip': { path: '/downloads/open-data.zip', get: all('ok'), post: all('-') },
  'downloads.hisaab-verify[.]mjs': { path: '/downloads/hisaab-verify.mjs', get: all('ok'), post: all('-') },
  '($lang).ledger.feed[.]atom': { path: '/ur/ledger/feed.atom', get: all('ok'), post: all('-') },
  '($lang).projects.$slug.feed[.]atom': { path: '/projects/:project/feed.atom', get: all('ok'), post: all('-') },
  'api.v1.ledger': { path: '/api/v1/ledger', get: all('ok'), post: all('-') },
  'api.v1.$table': { path: '/api/v1/projects', get: all('ok'), post: all('-') },
  'downloads.ledger.$file': { path: '/downloads/ledger/entries.csv', get: all('ok'), post: all('-') },
  'ledger.checkpoint': { path: '/ledger/checkpoint', get: all('ok'), post: all('-') },
  'ledger.checkpoints._index': { path: '/ledger/checkpoints', get: all('ok'), post: all('-') },
  'ledger.checkpoints.$size': { path: '/ledger/checkpoints/0', get: all('ok'), post: all('-') },
  'ledger.key': { path: '/ledger/key', get: all('ok'), post: all('-') },
  healthz: { path: '/healthz', get: all('ok'), post: all('-') },
  readyz: { path: '/readyz', get: all('ok'), post: all('-') },
  'ledger.proofs.inclusion': { path: '/ledger/proofs/inclusion?seq=1&size=1', get: all('ok'), post: all('-') },
  'ledger.proofs.consistency': { path: '/ledger/proofs/consistency?from=1&to=1', get: all('ok'), post: all('-') },
  '($lang).work.reports.new': { path: '/work/reports/new', get: staffOnly(['officerA', 'officerB']), post: staffOnly(['officerA', 'officerB']) },
  '($lang).work.reports._index': { path: '/work/reports', get: staffOnly(['officerA', 'officerB', 'admin']), post: { ...staffOnly([]), officerA: 'not-found', officerB: 'not-found', admin: 'not-found' } },
}

// Route modules open the app's database when imported: give them a fresh one, on the test engine.
useFreshAppDatabase()

const routeFiles = import.meta.glob('../../app/routes/*.tsx')
const routeId = (file: string) => file.replace(/^.*\/routes\//, '').replace(/\.tsx$/, '')
type RouteModule = { handle?: { permission?: string }; loader?: (args: unknown) => Promise<unknown>; action?: (args: unknown) => Promise<unknown> }

let modules: Map<string, RouteModule>
let userIds: Record<Persona, number | null>
let cookieFor: (userId: number, twoFactorVerified?: boolean) => Promise<string>
let fill: (path: string) => string
let ids: { trustA: number; trustB: number; projectA: number; school: number; officerA: number; auditor: number; admin: number; pendingEntry: number; rejectedEntry: number }

beforeAll(async () => {
  modules = new Map(await Promise.all(Object.entries(routeFiles).map(async ([file, load]) => [routeId(file), (await load()) as RouteModule] as const)))
  const { db } = await import('../../app/db.server')
  const { buildWorld } = await import('../fixtures/world')
  const { insertUser } = await import('../fixtures/users')
  const { createSession } = await import('../../app/auth/sessions.server')
  const world = await buildWorld(db)
  const trustB = (await db.insertInto('parties').values({ slug: 'trust-b', kind: 'trust', beneficiary_kind: null, name_en: 'B', name_ur: 'ب', name_bal: 'ب', province: 'balochistan', district: 'Chagai', locality_id: null, registration_ref: null, created_at: '2026-01-01' }).returning('id').executeTakeFirstOrThrow()).id
  const officerA = await insertUser(db, { email: 'officer-a@example.test' })
  const officerB = await insertUser(db, { email: 'officer-b@example.test' })
  const auditor = await insertUser(db, { email: 'auditor@example.test', role: 'auditor', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  const admin = await insertUser(db, { email: 'admin@example.test', role: 'admin', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  await db.insertInto('user_scopes').values([{ user_id: officerA, trust_party_id: world.trust, project_id: null }, { user_id: officerA, trust_party_id: null, project_id: world.project }, { user_id: officerB, trust_party_id: trustB, project_id: null }]).execute()
  // A fresh session for every visit, since some visits (signing out) end the one they use.
  cookieFor = async (userId, twoFactorVerified = true) => `hisaab_session=${(await createSession(db, userId, { ip: '127.0.0.1', userAgent: 'matrix', twoFactorVerified })).token}`
  userIds = { anonymous: null, officerA, officerB, auditor, admin, passwordOnly: admin }
  const entry = await world.post({ kind: 'payment', fromPartyId: world.company, toPartyId: world.province, valueDate: '2024-07-01', gfsCode: '1415E1', currency: 'PKR', amountMinor: 100_00n })
  fill = (path) => path.replace(':project', 'acme-mine').replace(':trust', 'chagai-trust').replace(':officerA', String(officerA)).replace(':entry', String(entry))
  const { createEntry, rejectEntry } = await import('../../app/models/ledger.server')
  const unpublished = (key: string) => createEntry(db, world.officerA, { kind: 'payment', projectId: world.project, fromPartyId: world.company, toPartyId: world.province, valueDate: '2024-07-02', gfsCode: '1415E1', currency: 'PKR', amountMinor: 7_00n, idempotencyKey: key })
  const pendingEntry = (await unpublished('matrix-pending')).id
  const rejectedEntry = (await unpublished('matrix-rejected')).id
  await rejectEntry(db, world.officerB, rejectedEntry, 'not ours')
  ids = { trustA: world.trust, trustB, projectA: world.project, school: world.school, officerA, auditor, admin, pendingEntry, rejectedEntry }
  // Importing every route module is the slow part: in a full run beside the other test files it can take more than the default 10 s.
}, 60_000)

function paramsFor(id: string, path: string): Record<string, string> {
  const [, maybeLang, ...rest] = path.split('/')
  const params: Record<string, string> = {}
  if (maybeLang === 'ur' || maybeLang === 'bal') params.lang = maybeLang
  const last = rest.length > 0 ? rest[rest.length - 1] : maybeLang
  // A project's feed: the slug is the segment before feed.atom.
  if (id.includes('$slug')) params.slug = (last === 'feed.atom' ? rest[rest.length - 2] : last)!
  if (id.includes('$id')) params.id = last!
  if (id.includes('$token')) params.token = last!
  if (id.includes('$file')) params.file = last!
  if (id.includes('$size')) params.size = last!
  if (id.includes('$table')) params.table = last!
  if (id === '$') params['*'] = path.slice(1)
  return params
}

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown
  try {
    result = await run()
  } catch (thrown) {
    result = thrown
  }
  const status = result instanceof Response ? result.status : (result as { init?: { status?: number } } | undefined)?.init?.status ?? 200
  const location = result instanceof Response ? result.headers.get('Location') : null
  if (status >= 300 && status < 400) return location?.includes('/login?redirectTo=') ? 'login' : location?.endsWith('/login/code') ? 'code' : 'redirect'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not-found'
  if (status === 410) return 'gone'
  if (status === 413) return 'too-large'
  if (status >= 500) throw result
  return 'ok'
}

async function visit(id: string, method: 'GET' | 'POST', persona: Persona): Promise<Outcome> {
  const mod = modules.get(id)!
  const fn = method === 'GET' ? mod.loader : mod.action
  if (!fn) return '-'
  const path = fill(EXPECTED[id]!.path)
  const headers = new Headers({ 'user-agent': 'matrix' })
  const userId = userIds[persona]
  if (userId !== null) headers.set('cookie', await cookieFor(userId, persona !== 'passwordOnly'))
  const request = new Request(`http://localhost${path}`, { method, headers, ...(method === 'POST' ? { body: new URLSearchParams() } : {}) })
  return outcomeOf(() => fn({ request, params: paramsFor(id, path), context: { cspNonce: 'test', clientAddress: '127.0.0.1' } }))
}

test('every route is in the matrix, and every route declares a known permission', () => {
  expect([...modules.keys()].sort()).toEqual(Object.keys(EXPECTED).sort())
  const undeclared = [...modules].filter(([, mod]) => !PERMISSIONS.includes(mod.handle?.permission as never)).map(([id]) => id)
  expect(undeclared).toEqual([])
})

describe.each(Object.keys(EXPECTED))('%s', (id) => {
  test.each(['GET', 'POST'] as const)('%s, as each visitor', async (method) => {
    const actual = {} as Row
    for (const persona of Object.keys(userIds) as Persona[]) actual[persona] = await visit(id, method, persona)
    expect(actual).toEqual(EXPECTED[id]![method === 'GET' ? 'get' : 'post'])
  })
})

test('a refused officer is written to the audit trail', async () => {
  const { db } = await import('../../app/db.server')
  await visit('($lang).work.trusts.$slug', 'GET', 'officerB')
  const event = await db.selectFrom('audit_events').selectAll().where('action', '=', 'access.denied').orderBy('id', 'desc').executeTakeFirstOrThrow()
  expect(event.target_type).toBe('trust')
  expect(JSON.parse(event.details!)).toMatchObject({ permission: 'read:non-public', path: '/work/trusts/chagai-trust' })
})

test('an officer who changes a hidden field to another trust is refused, nothing is written, and it is logged', async () => {
  const { db } = await import('../../app/db.server')
  const before = await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const mod = modules.get('($lang).work.entries.new')!
  const form = new URLSearchParams({
    kind: 'disbursement', projectId: String(ids.projectA), fromPartyId: String(ids.trustB), toPartyId: String(ids.school),
    purpose: 'water', valueDate: '2025-01-01', currency: 'PKR', amount: '100', idempotencyKey: 'tampered-form-1',
  })
  const request = new Request('http://localhost/ur/work/entries/new', { method: 'POST', headers: { cookie: await cookieFor(ids.officerA), 'user-agent': 'matrix' }, body: form })
  expect(await outcomeOf(() => mod.action!({ request, params: { lang: 'ur' }, context: { cspNonce: 'test', clientAddress: '127.0.0.1' } }))).toBe('forbidden')
  const after = await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  expect(Number(after.n)).toBe(Number(before.n))
  const event = await db.selectFrom('audit_events').selectAll().where('action', '=', 'access.denied').orderBy('id', 'desc').executeTakeFirstOrThrow()
  expect(event.actor_user_id).toBe(ids.officerA)
  expect(JSON.parse(event.details!)).toMatchObject({ permission: 'write:records', method: 'POST', trustId: ids.trustB })
})

describe('a session with the password but not yet the code', () => {
  const context = { cspNonce: 'test', clientAddress: '127.0.0.1' }
  const get = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { cookie, 'user-agent': 'matrix' } })

  test('is shown a pending or rejected entry as anyone would be: not there', async () => {
    const entryPage = modules.get('($lang).ledger.$id')!
    const see = async (entry: number, cookie: string) => outcomeOf(() => entryPage.loader!({ request: get(`/ledger/${entry}`, cookie), params: { id: String(entry) }, context }))
    for (const entry of [ids.pendingEntry, ids.rejectedEntry]) {
      for (const userId of [ids.admin, ids.auditor]) {
        expect(await see(entry, await cookieFor(userId, false)), `entry ${entry}, user ${userId}, password only`).toBe('not-found')
        expect(await see(entry, await cookieFor(userId, true)), `entry ${entry}, user ${userId}, with the code`).toBe('ok')
      }
    }
  })

  test('is not shown as signed in: the header offers only the code step and signing out', async () => {
    const root = await import('../../app/root')
    const header = async (cookie: string) => ((await root.loader({ request: get('/projects', cookie), params: {}, context })) as { user: unknown; unfinishedStep: unknown })
    expect(await header(await cookieFor(ids.auditor, false))).toMatchObject({ user: null, unfinishedStep: '/login/code' })
    expect(await header(await cookieFor(ids.auditor, true))).toMatchObject({ user: { name: 'auditor@example.test', canReadAudit: true }, unfinishedStep: null })
  })

  test('gets a new session when the code is right; the token from before the code opens nothing', async () => {
    const { totpCode } = await import('../../app/auth/totp.server')
    const preCode = await cookieFor(ids.auditor, false)
    const codeStep = modules.get('($lang).login.code')!
    const request = new Request('http://localhost/login/code', { method: 'POST', headers: { cookie: preCode, 'user-agent': 'matrix' }, body: new URLSearchParams({ code: totpCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') }) })
    const response = await codeStep.action!({ request, params: {}, context }).catch((thrown: unknown) => thrown)
    expect(response).toBeInstanceOf(Response)
    expect((response as Response).headers.get('Location')).toBe('/work')
    const setCookie = (response as Response).headers.get('Set-Cookie') ?? ''
    const fresh = /^hisaab_session=([a-z2-7.]+);/.exec(setCookie)?.[1]
    expect(fresh).toBeDefined()
    expect(`hisaab_session=${fresh}`).not.toBe(preCode)

    const audit = modules.get('($lang).admin.audit')!
    const open = (cookie: string) => outcomeOf(() => audit.loader!({ request: get('/admin/audit', cookie), params: {}, context }))
    expect(await open(`hisaab_session=${fresh}`)).toBe('ok')
    expect(await open(preCode)).toBe('login')
  })

  test('an admin who must first enrol a second factor is nobody until then, and enrolling replaces the session', async () => {
    const { db } = await import('../../app/db.server')
    const { insertUser } = await import('../fixtures/users')
    const { totpCode } = await import('../../app/auth/totp.server')
    const newAdmin = await insertUser(db, { email: 'new-admin@example.test', role: 'admin' })
    const preEnrol = await cookieFor(newAdmin, false)
    const entryPage = modules.get('($lang).ledger.$id')!
    expect(await outcomeOf(() => entryPage.loader!({ request: get(`/ledger/${ids.pendingEntry}`, preEnrol), params: { id: String(ids.pendingEntry) }, context }))).toBe('not-found')

    const secret = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'
    const enrol = modules.get('($lang).account.codes')!
    const request = new Request('http://localhost/account/codes', { method: 'POST', headers: { cookie: preEnrol, 'user-agent': 'matrix' }, body: new URLSearchParams({ secret, code: totpCode(secret) }) })
    const response = (await enrol.action!({ request, params: {}, context })) as { data: { recoveryCodes: string[] | null }; init: { headers: Record<string, string> } }
    expect(response.data.recoveryCodes).toHaveLength(10)
    const fresh = /^hisaab_session=([a-z2-7.]+);/.exec(response.init.headers['Set-Cookie'] ?? '')?.[1]
    expect(fresh).toBeDefined()
    expect(await outcomeOf(() => entryPage.loader!({ request: get(`/ledger/${ids.pendingEntry}`, `hisaab_session=${fresh}`), params: { id: String(ids.pendingEntry) }, context }))).toBe('ok')
    expect(await outcomeOf(() => modules.get('($lang).work._index')!.loader!({ request: get('/work', preEnrol), params: {}, context }))).toBe('login')
  })
})
