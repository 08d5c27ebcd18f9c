import { z } from 'zod'
import { LANGS } from '../i18n/locales'
import { requiredText, TEXT_LIMITS } from '../models/form-text'
import { emailField } from './forms'

const required = 'account:fields.required'
const ids = z.array(z.coerce.number().int().positive()).default([])

/** The admin's form for a user. Officers must be given a scope; others must not have one. */
export const UserFormSchema = z
  .object({
    name: requiredText(TEXT_LIMITS.name, required),
    role: z.enum(['admin', 'officer', 'auditor'], { error: required }),
    preferredLang: z.enum(LANGS, { error: required }),
    trustIds: ids,
    projectIds: ids,
  })
  .superRefine((value, ctx) => {
    const scoped = value.trustIds.length + value.projectIds.length > 0
    if (value.role === 'officer' && !scoped) ctx.addIssue({ code: 'custom', path: ['trustIds'], message: 'admin:users.officerNeedsScope' })
    if (value.role !== 'officer' && scoped) ctx.addIssue({ code: 'custom', path: ['trustIds'], message: 'admin:users.scopeOnlyOfficers' })
  })

export const NewUserFormSchema = UserFormSchema.and(z.object({ email: emailField }))
