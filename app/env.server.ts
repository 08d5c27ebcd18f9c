import { z } from 'zod'

/** The only reader of process.env: validated once, failing at start with a message that says what to fix. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).default('./data/hisaab.sqlite'),
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
