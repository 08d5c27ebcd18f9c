import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { asAdmin, postgresUrlFor } from '../../fixtures/postgres-admin'

const run = promisify(execFile)

/** A PostgreSQL database of this test's own, with the demo data loaded, and the folder its servers keep their files in. */
export async function seededPostgres(name: string): Promise<{ url: string; dir: string; keyFile: string; drop: () => Promise<void> }> {
  const dir = join('data', 'e2e-servers', name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  await asAdmin(async (admin) => {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.query(`create database ${name}`)
  })
  const url = postgresUrlFor(name)
  const keyFile = join(dir, 'ledger-signing-key')
  await run('npx', ['tsx', 'scripts/seed.ts'], { env: { ...process.env, DATABASE_URL: url, HISAAB_LEDGER_KEY_FILE: keyFile } })
  return {
    url,
    dir,
    keyFile,
    drop: async () => {
      await asAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface RunningServer {
  baseURL: string
  process: ChildProcess
  /** What the server wrote to standard error. */
  stderr: () => string
  stop: () => Promise<void>
}

/**
 * The production build (`npm run build` first) serving `databaseUrl` on `port`, as one of several
 * app servers: the shared signing key, and a folder of prebuilt downloads of its own.
 */
export async function startServer(options: { databaseUrl: string; port: number; keyFile: string; exportDir: string; poolSize?: number }): Promise<RunningServer> {
  const child = spawn('node', ['server.mjs'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      DATABASE_POOL_SIZE: String(options.poolSize ?? 10),
      HISAAB_LEDGER_KEY_FILE: options.keyFile,
      HISAAB_EXPORT_DIR: options.exportDir,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const baseURL = `http://localhost:${options.port}`
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) throw new Error(`the server on port ${options.port} exited with ${child.exitCode}: ${stderr}`)
    if (waited > 60_000) {
      await stop()
      throw new Error(`the server on port ${options.port} did not answer within a minute: ${stderr}`)
    }
    const answered = await fetch(`${baseURL}/ledger/checkpoint`).then(
      (r) => r.ok,
      () => false,
    )
    if (answered) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { baseURL, process: child, stderr: () => stderr, stop }
}

/** A form POST as our own pages send it. */
export function postForm(baseURL: string, path: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(`${baseURL}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Sec-Fetch-Site': 'same-origin',
      Origin: baseURL,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  })
}

/** Signs in with a password through the sign-in form; the session cookie it sets. */
export async function signIn(baseURL: string, email: string, password: string): Promise<string> {
  const response = await postForm(baseURL, '/login', { email, password, redirectTo: '/work' })
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (response.status !== 302 || !cookie) throw new Error(`signing in as ${email} answered ${response.status}`)
  return cookie
}
