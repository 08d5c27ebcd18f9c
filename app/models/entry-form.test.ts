import { parseWithZod } from '@conform-to/zod/v4'
import { expect, test } from 'vitest'
import { isWellFormedText } from '../domain/canonical-json'
import { entryFormSchema } from './entry-form'

test('a form cannot deliver a lone surrogate: its bytes arrive as U+FFFD, so typed text always has canonical JSON', async () => {
  // A surrogate half encoded as if it were a character (CESU-8 bytes ED A0 BD), in every field a
  // published entry takes text from; FormData itself holds only scalar values (USVString).
  const lone = '%ED%A0%BD'
  const body = `kind=disbursement&projectId=1&fromPartyId=2&toPartyId=new&newBeneficiaryName=School${lone}&newBeneficiaryKind=school&localityId=new&newLocalityName=${lone}Nokkundi&newLocalityKind=village&valueDate=2025-07-31&purpose=education&currency=PKR&amount=100&idempotencyKey=entry-form-test&reference=R${lone}&description=Desks${lone}%F0%9F%8F%AB&comments=${lone}`
  const request = new Request('http://localhost/work/entries/new', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body })
  const submission = parseWithZod(await request.formData(), { schema: entryFormSchema('2026-01-01') })
  if (submission.status !== 'success') throw new Error(JSON.stringify(submission.reply().error))
  const { reference, description, comments, newBeneficiaryName, newLocalityName } = submission.value
  expect(description).toBe('Desks\uFFFD\uFFFD\uFFFD🏫')
  for (const text of [reference, description, comments, newBeneficiaryName, newLocalityName]) expect(text && isWellFormedText(text) && text.includes('\uFFFD')).toBe(true)
  const direct = new FormData()
  direct.set('description', 'a\uD800b')
  expect(direct.get('description')).toBe('a\uFFFDb')
})
