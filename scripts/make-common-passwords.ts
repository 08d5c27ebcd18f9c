/**
 * Writes app/auth/common-passwords.txt: the 10,000 most common passwords, one per line, for the
 * new-password policy to refuse. The source is the first 10,000 entries of
 * @zxcvbn-ts/language-common's `dictionary['passwords-common']`, which is ranked by frequency in
 * leaked password sets (most common first). The output is committed, so the app needs no zxcvbn
 * package at run time; run `npx tsx scripts/make-common-passwords.ts` again only to change the
 * source or the count. A test checks the file still matches this source.
 */
import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { dictionary } from '@zxcvbn-ts/language-common'

export const COMMON_PASSWORD_COUNT = 10_000

export function commonPasswords(): string[] {
  return dictionary['passwords-common'].slice(0, COMMON_PASSWORD_COUNT)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const list = commonPasswords()
  if (list.length !== COMMON_PASSWORD_COUNT) throw new Error(`Expected ${COMMON_PASSWORD_COUNT} passwords, got ${list.length}`)
  if (list.some((p) => /[\r\n]/.test(p))) throw new Error('A password contains a line break')
  const out = new URL('../app/auth/common-passwords.txt', import.meta.url)
  writeFileSync(out, `${list.join('\n')}\n`)
  console.log(`Wrote ${list.length} passwords to ${out.pathname}`)
}
