import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { ChangePasswordSchema, NewPasswordSchema, SignInSchema } from '../../app/auth/forms'
import { NewUserFormSchema, UserFormSchema } from '../../app/auth/user-form'
import { rejectionFormSchema, reversalFormSchema } from '../../app/models/decision-forms'
import { entryFormFields, entryFormSchema } from '../../app/models/entry-form'
import { formConstraint, formFields, tooLong } from '../../app/models/form-text'
import { QuotaTextSchema } from '../../app/models/quota-form'
import { reportFormTextSchema } from '../../app/models/report-form'
import { ExplainSchema, RuleSchema } from '../../app/models/sharing-forms'

/**
 * Every staff form: the schema the server parses it with and, where that is more than the fields,
 * the fields' schema the page takes its limits from.
 */
const STAFF_FORMS: Record<string, z.ZodType | { server: z.ZodType; page: z.ZodType }> = {
  'ledger entry': { server: entryFormSchema('2026-12-01'), page: entryFormFields('2026-12-01') },
  reversal: reversalFormSchema,
  'rejection of an entry or report': rejectionFormSchema,
  'employment report': reportFormTextSchema,
  quota: QuotaTextSchema,
  'sharing rule': RuleSchema,
  'gap explanation': ExplainSchema,
  'new user': NewUserFormSchema,
  'user change': UserFormSchema,
  'sign-in': SignInSchema,
  'new password': NewPasswordSchema,
  'password change': ChangePasswordSchema,
}

const HUGE = 'x'.repeat(150_000)

describe.each(Object.entries(STAFF_FORMS))('the %s form', (_, form) => {
  const schema = 'server' in form ? form.server : form
  const constraints = Object.entries(formConstraint('page' in form ? form.page : form)).filter(([name, c]) => !name.endsWith('[]') && !c.multiple)

  test('refuses 150 KB in any field on the server, or drops it', () => {
    expect(constraints.length).toBeGreaterThan(0)
    const fields = formFields('page' in form ? form.page : form)
    for (const [name] of constraints) {
      const result = z.safeParse(fields[name]!, HUGE)
      expect(result.success && result.data === HUGE, `${name} takes 150 KB`).toBe(false)
      // And in the whole form, as the action parses it.
      if (!result.success) expect(schema.safeParse({ [name]: HUGE }).error?.issues.some((issue) => issue.path[0] === name), name).toBe(true)
    }
  })

  test('says how long a text may be, in a message the page translates, with the same limit it gives the browser', () => {
    for (const [name, constraint] of constraints.filter(([, c]) => c.maxLength !== undefined)) {
      const result = schema.safeParse({ [name]: 'x'.repeat(constraint.maxLength! + 1) })
      const messages = result.success ? [] : result.error.issues.filter((issue) => issue.path[0] === name).map((issue) => issue.message)
      expect(messages, name).toContain(tooLong(constraint.maxLength!))
    }
  })
})

test('the reversal and rejection reasons are limited to 1000 characters', () => {
  expect(formConstraint(reversalFormSchema).reason).toMatchObject({ required: true, maxLength: 1000 })
  expect(formConstraint(rejectionFormSchema).reason).toMatchObject({ required: true, maxLength: 1000 })
})
