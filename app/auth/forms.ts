import { z } from 'zod'
import { TEXT_LIMITS, tooLong } from '../models/form-text'

/** Schemas of the sign-in forms. Messages are translation keys, shown beside the field. */

const required = 'account:fields.required'

export const emailField = z
  .string({ error: required })
  .trim()
  .toLowerCase()
  .max(TEXT_LIMITS.email, { error: tooLong(TEXT_LIMITS.email) })
  .pipe(z.email({ error: 'account:fields.email' }))

/**
 * A password as typed. The policy's own limit (PASSWORD_MAX_LENGTH code points) is checked, with its
 * own message, where a new password is set; this only keeps absurd input from reaching the hasher.
 */
const password = z.string({ error: required }).max(TEXT_LIMITS.password, { error: tooLong(TEXT_LIMITS.password) })

export const SignInSchema = z.object({
  email: emailField,
  password,
  // Where to go after signing in; an address too long to be one of ours is dropped, not refused.
  redirectTo: z.string().max(TEXT_LIMITS.path).optional().catch(undefined),
})

export const CodeSchema = z.object({
  code: z
    .string({ error: required })
    .trim()
    .regex(/^(\d{6}|[a-z2-7]{10})$/i, { error: 'account:fields.code' }),
})

export const NewPasswordSchema = z
  .object({
    newPassword: password,
    confirmPassword: password,
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], error: 'account:fields.mismatch' })

export const ChangePasswordSchema = z
  .object({
    currentPassword: password,
    newPassword: password,
    confirmPassword: password,
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], error: 'account:fields.mismatch' })

/** The translation key for each way a new password can fall short of the policy. */
export const PASSWORD_PROBLEM_MESSAGE = {
  too_short: 'account:fields.tooShort',
  too_long: 'account:fields.tooLong',
  too_common: 'account:fields.tooCommon',
  same_as_email: 'account:fields.sameAsEmail',
} as const
