/**
 * `npm run user:create -- --role admin --email a@b.pk --name "Ayesha Khan" [--lang ur]`
 *
 * Creates a user with a password, for the first administrator of a new installation (who has no
 * one to invite them) and for operators without a mail server. The password is read from stdin
 * when it is piped (`printf '%s' "$PW" | npm run user:create -- …`), or asked for twice without
 * echo on a terminal; it never appears in the arguments, where `ps` and shell history would show
 * it. Runs under `tsx --import ./scripts/raw-text-hooks.mjs` (see package.json), because the
 * password policy imports its list of common passwords with Vite's `?raw`.
 */
import { parseArgs } from 'node:util'
import { createDb, migrateToLatest } from '../db/client'
import type { Role } from '../db/schema'
import { checkNewPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordProblem } from '../app/auth/password-policy'
import { hashPassword } from '../app/auth/passwords.server'
import { ROLES_REQUIRING_TOTP } from '../app/auth/permissions'
import { createUser, findUserByEmail, normalizeEmail, type Lang } from '../app/models/users.server'

const ROLES: Role[] = ['admin', 'officer', 'auditor']
const LANGS: Lang[] = ['en', 'ur', 'bal']
const PROBLEMS: Record<PasswordProblem, string> = {
  too_short: `The password is too short: use at least ${PASSWORD_MIN_LENGTH} characters (a few unrelated words make a good one).`,
  too_long: `The password is too long: use at most ${PASSWORD_MAX_LENGTH} characters.`,
  too_common: 'That password is one of the most common passwords; choose another.',
  same_as_email: 'The password must not be the email address.',
}

class UsageError extends Error {}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, lang: { type: 'string', default: 'en' } },
    strict: true,
  })
  const role = values.role as Role
  const lang = values.lang as Lang
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`)
  if (!LANGS.includes(lang)) throw new UsageError(`--lang must be one of ${LANGS.join(', ')}`)
  if (!values.email?.includes('@')) throw new UsageError('--email is required')
  if (!values.name?.trim()) throw new UsageError('--name is required')
  const email = normalizeEmail(values.email)

  const url = process.env.DATABASE_URL || './data/hisaab.sqlite'
  const db = createDb(url)
  try {
    await migrateToLatest(db)
    if (await findUserByEmail(db, email)) {
      console.error(`A user with the email ${email} already exists in ${url}.`)
      return 1
    }
    const password = process.stdin.isTTY ? await promptPassword() : await readPiped()
    const problem = checkNewPassword(password, { email })
    if (problem) {
      console.error(PROBLEMS[problem])
      return 1
    }
    const user = await createUser(db, null, { email, name: values.name, role, preferredLang: lang, passwordHash: await hashPassword(password), via: 'cli' })
    console.log(`Created ${user.role} ${user.email} (user ${user.id}) in ${url}.`)
    if (ROLES_REQUIRING_TOTP.includes(role)) console.log('They will be asked to set up an authenticator app when they first sign in.')
    if (role === 'officer') console.log('An officer acts only for the trusts and projects an administrator assigns them.')
    return 0
  } finally {
    await db.destroy()
  }
}

/** Piped stdin, less the one line break that `echo` or a here-string adds. */
async function readPiped(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
}

async function promptPassword(): Promise<string> {
  const first = await askHidden('Password: ')
  const second = await askHidden('Same password again: ')
  if (first !== second) throw new UsageError('The two passwords differ.')
  return first
}

/** Reads one line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin
  process.stderr.write(question)
  stdin.setRawMode(true)
  stdin.resume()
  stdin.setEncoding('utf8')
  return new Promise((resolve, reject) => {
    let typed = ''
    const done = (result: () => void) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      process.stderr.write('\n')
      result()
    }
    const onData = (data: string) => {
      for (const char of data) {
        if (char === '\r' || char === '\n') return done(() => resolve(typed))
        if (char === '\u0003' || char === '\u0004') return done(() => reject(new UsageError('Cancelled.')))
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('')
        else typed += char
      }
    }
    stdin.on('data', onData)
  })
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message)
      console.error('Usage: npm run user:create -- --role admin|officer|auditor --email a@b.pk --name "Full Name" [--lang en|ur|bal]')
      process.exit(2)
    }
    console.error(error)
    process.exit(1)
  },
)
