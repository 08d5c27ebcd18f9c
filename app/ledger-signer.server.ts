import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { generateSigner, parsePrivateKey, type NoteSigner } from './domain/signed-note'
import { env } from './env.server'

/**
 * The Ed25519 key that signs ledger checkpoints. It lives outside the database — in
 * HISAAB_LEDGER_KEY, or else in a file (HISAAB_LEDGER_KEY_FILE, by default `ledger-signing-key`
 * beside the database) — so that whoever can write the database still cannot sign a rewritten
 * history. The file is made, readable by its owner only, the first time the portal starts.
 */
export function loadOrCreateSigner(options: { privateKey?: string; keyFile: string; name: string }): NoteSigner {
  if (options.privateKey) return parsePrivateKey(options.privateKey)
  if (existsSync(options.keyFile)) return parsePrivateKey(readFileSync(options.keyFile, 'utf8'))
  const { signer, privateKeyText } = generateSigner(options.name)
  mkdirSync(dirname(options.keyFile), { recursive: true })
  // 'wx' fails if another process made the file meanwhile; then that one's key is used.
  try {
    writeFileSync(options.keyFile, `${privateKeyText}\n`, { flag: 'wx', mode: 0o600 })
    chmodSync(options.keyFile, 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return parsePrivateKey(readFileSync(options.keyFile, 'utf8'))
    throw error
  }
  return signer
}

export function defaultKeyFile(databaseUrl: string): string {
  return join(dirname(databaseUrl), 'ledger-signing-key')
}

export const ledgerSigner: NoteSigner = loadOrCreateSigner({
  privateKey: env.HISAAB_LEDGER_KEY,
  keyFile: env.HISAAB_LEDGER_KEY_FILE ?? defaultKeyFile(env.DATABASE_URL),
  name: env.HISAAB_LEDGER_ORIGIN,
})
