import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '../db/client'
import { attemptSignIn } from '../app/auth/sign-in.server'
import { createTestDb, type TestDb } from '../tests/fixtures/db'

// The real command, as an operator runs it: npm, package.json's script, tsx with the ?raw hook,
// on an empty database of the test engine (the command migrates it).
let t: TestDb
beforeAll(async () => {
  t = await createTestDb(undefined, { migrate: false })
})
afterAll(async () => t?.close())

function userCreate(args: string[], stdin: string) {
  const run = spawnSync('npm', ['run', '--silent', 'user:create', '--', ...args], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: t.url },
    timeout: 30_000,
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

async function withDb<T>(use: (db: Database) => Promise<T>): Promise<T> {
  return use(t.db)
}

describe('npm run user:create', () => {
  test('creates an admin who can sign in with the piped password, audited as made by the CLI', async () => {
    const created = userCreate(['--role', 'admin', '--email', 'First.Admin@Example.PK', '--name', 'First Admin'], 'a long first admin password\n')
    expect(created.stderr).toBe('')
    expect(created.status).toBe(0)
    expect(created.stdout).toMatch(/Created admin first\.admin@example\.pk/)

    await withDb(async (db) => {
      const signIn = await attemptSignIn(db, { email: 'first.admin@example.pk', password: 'a long first admin password', ip: '127.0.0.1', userAgent: null })
      expect(signIn).toMatchObject({ status: 'signed-in', next: 'enrol-totp', user: { role: 'admin', name: 'First Admin' } })
      const event = await db.selectFrom('audit_events').selectAll().where('action', '=', 'user.created').executeTakeFirstOrThrow()
      expect(event.actor_user_id).toBeNull()
      expect(JSON.parse(event.details ?? '{}')).toMatchObject({ via: 'cli', role: 'admin', email: 'first.admin@example.pk' })
    })
  }, 60_000)

  test('refuses an email that exists, and a password the policy refuses', async () => {
    const again = userCreate(['--role', 'officer', '--email', 'first.admin@example.pk', '--name', 'Again'], 'another long password')
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/already exists/)
    const common = userCreate(['--role', 'auditor', '--email', 'auditor@example.pk', '--name', 'Auditor'], 'QWERTY123456')
    expect(common.status).toBe(1)
    expect(common.stderr).toMatch(/most common passwords/)
    const usage = userCreate(['--role', 'superuser', '--email', 'x@example.pk', '--name', 'X'], 'a long enough password')
    expect(usage.status).toBe(2)
    await withDb(async (db) => {
      expect((await db.selectFrom('users').select('email').execute()).map((u) => u.email)).toEqual(['first.admin@example.pk'])
    })
  }, 60_000)
})
