import { createHash } from 'node:crypto'
import { unzipSync } from 'fflate'
import { beforeAll, expect, test } from 'vitest'
import { run } from '../../verifier/hisaab-verify.mjs'
import { useFreshAppDatabase } from '../fixtures/app-db'

// Route modules open the app's database when imported: give them a fresh one, on the test engine.
useFreshAppDatabase()

type Action = (args: unknown) => Promise<Response>
let action: Action
let cookie: (userId: number) => Promise<string>
let ids: { auditor: number; officer: number; pending: number; rejected: number }

beforeAll(async () => {
  const { db } = await import('../../app/db.server')
  const { buildWorld } = await import('../fixtures/world')
  const { insertUser } = await import('../fixtures/users')
  const { createSession } = await import('../../app/auth/sessions.server')
  const { createEntry, rejectEntry } = await import('../../app/models/ledger.server')
  const { publishCheckpoint } = await import('../../app/models/ledger-tree.server')
  const { ledgerSigner } = await import('../../app/ledger-signer.server')
  const w = await buildWorld(db)
  const receipt = (key: string, description: string) => ({ kind: 'share_transfer' as const, projectId: w.project, fromPartyId: w.province, toPartyId: w.trust, valueDate: '2025-08-01', currency: 'PKR' as const, amountMinor: 500_00n, description, idempotencyKey: key })
  for (let i = 0; i < 5; i++) await w.post({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: '2025-08-01', currency: 'PKR', amountMinor: 100_00n })
  await publishCheckpoint(db, ledgerSigner)
  const pending = await createEntry(db, w.officerA, receipt('p', 'still waiting'))
  const rejected = await createEntry(db, w.officerA, receipt('r', 'typed twice'))
  await rejectEntry(db, w.officerB, rejected.id, 'Duplicate of entry 2')
  const auditor = await insertUser(db, { email: 'auditor@example.test', role: 'auditor', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  cookie = async (userId) => `hisaab_session=${(await createSession(db, userId, { ip: '127.0.0.1', userAgent: 'test', twoFactorVerified: true })).token}`
  ids = { auditor, officer: w.officerA, pending: pending.id, rejected: rejected.id }
  action = (await import('../../app/routes/($lang).admin.export[.]zip')).action as Action
})

test('an auditor’s export is one signed bundle: the verifiable ledger, every entry whatever its status, and the audit trail with the export itself', async () => {
  const request = new Request('http://localhost/admin/export.zip', { method: 'POST', headers: { cookie: await cookie(ids.auditor), 'user-agent': 'test' } })
  const response = await action({ request, params: {}, context: { cspNonce: 'test', clientAddress: '127.0.0.1' } })
  expect(response.headers.get('Content-Type')).toBe('application/zip')
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()))
  const text = (name: string) => Buffer.from(files[name]!).toString('utf8')
  expect(Object.keys(files)).toEqual(['ledger.ndjson', 'checkpoint.txt', 'key.txt', 'ledger-complete.ndjson', 'audit-events.ndjson', 'manifest.json', 'manifest.json.sig'])

  // The manifest is signed with the ledger key, and names every other file's exact bytes.
  const { openNote, parseVerifierKey } = await import('../../app/domain/signed-note')
  expect(openNote(text('manifest.json.sig'), parseVerifierKey(text('key.txt')))).toBe(text('manifest.json'))
  const manifest = JSON.parse(text('manifest.json')) as { format: string; generated_by: { id: number }; files: Array<{ path: string; bytes: number; sha256: string }> }
  expect(manifest).toMatchObject({ format: 'hisaab-auditor-bundle/1', generated_by: { id: ids.auditor } })
  expect(manifest.files.map((f) => f.path)).toEqual(['ledger.ndjson', 'checkpoint.txt', 'key.txt', 'ledger-complete.ndjson', 'audit-events.ndjson'])
  for (const f of manifest.files) {
    expect(files[f.path]!.length).toBe(f.bytes)
    expect(createHash('sha256').update(files[f.path]!).digest('base64')).toBe(f.sha256)
  }

  // The public part verifies against the checkpoint in the bundle.
  const report = await run({ checkpoint: text('checkpoint.txt'), key: text('key.txt') }, text('ledger.ndjson').trimEnd().split('\n'))
  expect(report.join('\n')).toContain('5 entries, seq 1–5 in order')

  // Pending and rejected entries, with who did what and why.
  const complete = text('ledger-complete.ndjson').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
  expect(complete).toHaveLength(7)
  expect(complete.find((e) => e.entry_id === ids.pending)).toMatchObject({ status: 'pending', seq: null, created_by_user_id: ids.officer, description: 'still waiting' })
  expect(complete.find((e) => e.entry_id === ids.rejected)).toMatchObject({ status: 'rejected', rejection_reason: 'Duplicate of entry 2', decided_by_name: 'b@example.test' })

  // The export is itself in the audit trail it carries.
  const events = text('audit-events.ndjson').trimEnd().split('\n').map((l) => JSON.parse(l) as { action: string; actor_user_id: number | null })
  expect(events.filter((e) => e.action === 'ledger.entry.rejected')).toHaveLength(1)
  expect(events[events.length - 1]).toMatchObject({ action: 'export.complete', actor_user_id: ids.auditor })
})

test('an officer may not make one, and the refusal is logged', async () => {
  const request = new Request('http://localhost/admin/export.zip', { method: 'POST', headers: { cookie: await cookie(ids.officer), 'user-agent': 'test' } })
  const outcome = await action({ request, params: {}, context: { cspNonce: 'test', clientAddress: '127.0.0.1' } }).catch((thrown: unknown) => thrown)
  expect((outcome as Response).status).toBe(403)
  const { db } = await import('../../app/db.server')
  const denied = await db.selectFrom('audit_events').selectAll().where('action', '=', 'access.denied').where('actor_user_id', '=', ids.officer).execute()
  expect(denied).toHaveLength(1)
  expect(await db.selectFrom('audit_events').selectAll().where('action', '=', 'export.complete').where('actor_user_id', '=', ids.officer).execute()).toEqual([])
})
