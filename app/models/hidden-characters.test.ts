import { readFileSync } from 'node:fs'
import { parseWithZod } from '@conform-to/zod/v4'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { UserFormSchema } from '../auth/user-form'
import { hasHiddenCharacters } from '../domain/hidden-characters'
import { reversalFormSchema, rejectionFormSchema } from './decision-forms'
import { entryFormSchema } from './entry-form'
import { HIDDEN_CHARACTERS } from './form-text'
import { QuotaTextSchema } from './quota-form'
import { reportFormTextSchema } from './report-form'
import { ExplainSchema } from './sharing-forms'

const HIDDEN = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u2060', '\uFEFF']
const NAUGHTY: string[] = JSON.parse(readFileSync('../shared/testdata/blns/blns.json', 'utf8'))

const entry = (fields: Record<string, string>) => {
  const form = new FormData()
  const base = { kind: 'disbursement', projectId: '1', fromPartyId: '2', toPartyId: '3', valueDate: '2025-07-31', purpose: 'education', currency: 'PKR', amount: '100', idempotencyKey: 'hidden-characters-test' }
  for (const [name, value] of Object.entries({ ...base, ...fields })) form.set(name, value)
  return parseWithZod(form, { schema: entryFormSchema('2026-01-01') })
}

/** Every text field a published record or a staff page takes from a form, with the schema that reads it. */
const FIELDS: Array<{ name: string; errors: (text: string) => string[] | undefined }> = [
  ...['reference', 'description', 'comments'].map((name) => ({ name, errors: (text: string) => fieldErrors(entry({ [name]: text }), name) })),
  { name: 'newBeneficiaryName', errors: (text) => fieldErrors(entry({ toPartyId: 'new', newBeneficiaryKind: 'school', newBeneficiaryName: text }), 'newBeneficiaryName') },
  { name: 'reversal reason', errors: (text) => issues(reversalFormSchema.safeParse({ entryId: '1', reason: text, idempotencyKey: 'hidden-characters-test' }), 'reason') },
  { name: 'rejection reason', errors: (text) => issues(rejectionFormSchema.safeParse({ reason: text }), 'reason') },
  { name: 'explanation', errors: (text) => issues(ExplainSchema.safeParse({ projectId: '1', trustId: '1', fiscalYear: '2024', explanation: text }), 'explanation') },
  { name: 'user name', errors: (text) => issues(UserFormSchema.safeParse({ name: text, role: 'auditor', language: 'en' }), 'name') },
  { name: 'quota districts', errors: (text) => issues(QuotaTextSchema.safeParse({ districts: text }), 'districts') },
  { name: 'report districts', errors: (text) => issues(reportFormTextSchema.safeParse({ professional_districts: text }), 'professional_districts') },
]

function fieldErrors(submission: ReturnType<typeof entry>, name: string): string[] | undefined {
  return submission.status === 'success' ? undefined : submission.reply().error?.[name] ?? undefined
}

function issues(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }, name: string): string[] | undefined {
  const messages = result.error?.issues.filter((i) => i.path[0] === name).map((i) => i.message) ?? []
  return messages.length > 0 ? messages : undefined
}

test('property: a direction control or zero-width space anywhere in any staff text field is refused, saying why', () => {
  fc.assert(
    fc.property(fc.constantFrom(...FIELDS), fc.string({ maxLength: 20 }), fc.constantFrom(...HIDDEN), fc.string({ maxLength: 20 }), (field, before, hidden, after) => {
      expect(field.errors(`Desks${before}${hidden}${after}.`), field.name).toContain(HIDDEN_CHARACTERS)
    }),
    { numRuns: 300 },
  )
})

test('the naughty strings without hidden characters are taken as typed (trimmed), and Urdu and Balochi joiners are not refused', () => {
  const description = (text: string) => {
    const submission = entry({ description: text })
    return submission.status === 'success' ? submission.value.description : submission.reply().error
  }
  // (Trimming takes a byte-order mark or a zero-width space off the ends, as it does any space.)
  const kept = (s: string) => s.trim()
  for (const text of NAUGHTY.filter((s) => !hasHiddenCharacters(kept(s)) && kept(s).length > 0 && s.length <= 1000)) expect(description(text)).toBe(kept(text))
  // ZWNJ and ZWJ are spelling in Urdu and Balochi ("می‌خواہم"), not disguise.
  expect(description('بچوں کے\u200Cلیے ڈیسک')).toBe('بچوں کے\u200Cلیے ڈیسک')
  expect(description('ڈیسک\u200D')).toBe('ڈیسک\u200D')
  // The naughty strings that do carry hidden characters are among those refused.
  const disguised = NAUGHTY.filter((s) => hasHiddenCharacters(kept(s)) && s.length <= 1000)
  expect(disguised.length).toBeGreaterThan(0)
  for (const text of disguised) expect(description(text)).toMatchObject({ description: [HIDDEN_CHARACTERS] })
})
