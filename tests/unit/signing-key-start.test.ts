import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDb, type TestDb } from '../fixtures/db'

// Two app servers on one PostgreSQL database, each started from a folder of its own with no key
// configured: the first makes a key in ./data and signs; the second, with a key of its own, must not.
const TSX = resolve('node_modules/.bin/tsx')
const OPEN_APP_DB = resolve('tests/fixtures/open-app-db.ts')

let pg: TestDb
let first: string
let second: string
beforeAll(async () => {
  pg = await createTestDb('postgres')
  first = mkdtempSync(join(tmpdir(), 'hisaab-server-a-'))
  second = mkdtempSync(join(tmpdir(), 'hisaab-server-b-'))
})
afterAll(async () => {
  await pg?.close()
  for (const dir of [first, second]) if (dir) rmSync(dir, { recursive: true, force: true })
})

function start(cwd: string, env: Record<string, string> = {}): Promise<{ status: number | null; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HISAAB_') && k !== 'DATABASE_URL'))
  return new Promise((done) => {
    const child = spawn(TSX, [OPEN_APP_DB], { cwd, env: { ...clean, NODE_ENV: 'production', DATABASE_URL: pg.url, ...env } })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (status) => done({ status, stderr }))
  })
}

const checkpoints = async () => (await pg.db.selectFrom('ledger_checkpoints').select('size').execute()).length

describe('starting an app server on PostgreSQL', () => {
  test('keeps its key in ./data; a second server with a key of its own refuses to start; given the first key it starts', async () => {
    const a = await start(first)
    expect(a.stderr).toBe('')
    expect(a.status).toBe(0)
    expect(existsSync(join(first, 'data', 'ledger-signing-key'))).toBe(true)
    expect(await checkpoints()).toBe(1)

    const b = await start(second)
    expect(b.status).not.toBe(0)
    expect(b.stderr).toMatch(/Hisaab will not start: its ledger signing key hisaab\.local\/ledger\+[0-9a-f]{8} \(the file data\/ledger-signing-key, made on this start\) did not sign this database's latest checkpoint \(size 0, signed by hisaab\.local\/ledger\+[0-9a-f]{8}\)/)
    expect(await checkpoints()).toBe(1)

    const shared = await start(second, { HISAAB_LEDGER_KEY_FILE: join(first, 'data', 'ledger-signing-key') })
    expect(shared.stderr).toBe('')
    expect(shared.status).toBe(0)
  }, 90_000)
})
