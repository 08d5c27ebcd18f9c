import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { assertBuilt, copySeeded, crashRepeatedly, seed } from '../crash/harness'
import { E2E_PORT } from './database'

/**
 * Crash safety (issue 14 §1): the production server, SIGKILLed at random moments under officers
 * recording and approving, a full download and a backup, loses nothing it acknowledged and leaves
 * nothing half-written (tests/crash/harness.ts). 20 kills here; `CRASH_ITERATIONS=1000 npx
 * playwright test tests/e2e/crash.spec.ts` for a long run. SQLite: the harness reads the file itself.
 */
const KILLS = Number(process.env.CRASH_ITERATIONS ?? 20)

test('the ledger survives the server being killed mid-write, again and again', async () => {
  test.setTimeout(120_000 + KILLS * 5_000)
  assertBuilt()
  const dir = join('data', `e2e-crash-${E2E_PORT}`)
  const database = copySeeded(await seed(join(dir, 'seed')), join(dir, 'run'))
  const figures = await crashRepeatedly({ database, port: E2E_PORT + 40, kills: KILLS, log: (line) => console.log(`  crash: ${line}`) })
  console.log(`  crash: ${JSON.stringify({ ...figures, failures: figures.failures.length })}`)
  expect(figures.failures).toEqual([])
  expect(figures.kills).toBeGreaterThanOrEqual(KILLS)
  // The kills must have landed under load, or the run proved nothing.
  expect(figures.approvalsAcknowledged).toBeGreaterThan(KILLS)
  expect(figures.retries).toBeGreaterThan(0)
})
