import { z } from 'zod'

/** The only reader of process.env: validated once, failing at start with a message that says what to fix. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).default('./data/hisaab.sqlite'),
  /** The checkpoint signing key as a signed-note private key (PRIVATE+KEY+…); else the key file is used. */
  HISAAB_LEDGER_KEY: z.string().startsWith('PRIVATE+KEY+').optional(),
  /** Where the signing key is kept (made on first start); by default `ledger-signing-key` beside the database. */
  HISAAB_LEDGER_KEY_FILE: z.string().min(1).optional(),
  /** The log's name in its checkpoints and key, a schema-less URL by C2SP convention. Used when a key is made. */
  /** Where prebuilt downloads are kept; by default `exports/` beside the database. */
  HISAAB_EXPORT_DIR: z.string().min(1).optional(),
  HISAAB_LEDGER_ORIGIN: z.string().regex(/^[^\s+]+$/, 'no spaces and no "+"').default('hisaab.local/ledger'),
})

function readEnv() {
  const parsed = EnvSchema.safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Hisaab cannot start; fix these environment variables:\n${problems}`)
  }
  return parsed.data
}

export const env = readEnv()
