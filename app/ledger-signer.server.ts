import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { generateSigner, parsePrivateKey, type NoteSigner } from './domain/signed-note'
import { env } from './env.server'
import { defaultKeyFile } from './local-files.server'

/**
 * The Ed25519 key that signs ledger checkpoints. It lives outside the database — in
 * HISAAB_LEDGER_KEY, or else in a file (HISAAB_LEDGER_KEY_FILE; by default `ledger-signing-key`
 * beside a SQLite database, or in ./data for PostgreSQL) — so that whoever can write the database
 * still cannot sign a rewritten history. The file is made, readable by its owner only, the first
 * time the portal starts. `source` says where the key came from, for messages.
 */
export function loadOrCreateSigner(options: { privateKey?: string; keyFile: string; name: string }): { signer: NoteSigner; source: string } {
  if (options.privateKey) return { signer: parsePrivateKey(options.privateKey), source: 'HISAAB_LEDGER_KEY' }
  const fromFile = { source: `the file ${options.keyFile}` }
  if (existsSync(options.keyFile)) return { signer: parsePrivateKey(readFileSync(options.keyFile, 'utf8')), ...fromFile }
  const { signer, privateKeyText } = generateSigner(options.name)
  mkdirSync(dirname(options.keyFile), { recursive: true })
  // 'wx' fails if another process made the file meanwhile; then that one's key is used.
  try {
    writeFileSync(options.keyFile, `${privateKeyText}\n`, { flag: 'wx', mode: 0o600 })
    chmodSync(options.keyFile, 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { signer: parsePrivateKey(readFileSync(options.keyFile, 'utf8')), ...fromFile }
    throw error
  }
  return { signer, source: `the file ${options.keyFile}, made on this start` }
}

const loaded = loadOrCreateSigner({
  privateKey: env.HISAAB_LEDGER_KEY,
  keyFile: env.HISAAB_LEDGER_KEY_FILE ?? defaultKeyFile(env.DATABASE_URL),
  name: env.HISAAB_LEDGER_ORIGIN,
})

export const ledgerSigner: NoteSigner = loaded.signer
export const ledgerKeySource: string = loaded.source
