// What the million-entry benches (search, totals) share: whether a database they left already
// holds enough entries, and the demo seed to start a new one from.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createDb, isPostgresUrl } from '../../db/client'

export async function holdsEntries(url: string, target: number): Promise<boolean> {
  if (!isPostgresUrl(url) && !existsSync(url)) return false
  const db = createDb(url)
  try {
    const { n } = await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(n) >= target
  } catch {
    return false
  } finally {
    await db.destroy()
  }
}

export async function seedDemo(url: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/seed.ts'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding ${url} exited ${code}`))))
  })
}
