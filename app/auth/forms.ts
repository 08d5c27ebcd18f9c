import { z } from 'zod'

/** Schemas of the sign-in forms. Messages are translation keys, shown beside the field. */

const required = 'account:fields.required'

export const emailField = z
  .string({ error: required })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'account:fields.email' }))

export const SignInSchema = z.object({
  email: emailField,
  password: z.string({ error: required }),
  redirectTo: z.string().optional(),
})

export const CodeSchema = z.object({
  code: z
    .string({ error: required })
    .trim()
    .regex(/^(\d{6}|[a-z2-7]{10})$/i, { error: 'account:fields.code' }),
})

export const NewPasswordSchema = z
  .object({
    newPassword: z.string({ error: required }),
    confirmPassword: z.string({ error: required }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], error: 'account:fields.mismatch' })

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: required }),
    newPassword: z.string({ error: required }),
    confirmPassword: z.string({ error: required }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], error: 'account:fields.mismatch' })

/** The translation key for each way a new password can fall short of the policy. */
export const PASSWORD_PROBLEM_MESSAGE = {
  too_short: 'account:fields.tooShort',
  too_long: 'account:fields.tooLong',
  too_common: 'account:fields.tooCommon',
  same_as_email: 'account:fields.sameAsEmail',
} as const
