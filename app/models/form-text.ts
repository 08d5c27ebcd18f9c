import { getZodConstraint } from '@conform-to/zod/v4'
import { z } from 'zod'
import { hasHiddenCharacters } from '../domain/hidden-characters'

/**
 * How much text each kind of staff form field takes. Every limit lives in the zod schema of its
 * form, which serves twice: in the page (Conform's getZodConstraint turns it into `maxLength`) and
 * on the server, which is what counts — a request made without the page is refused the same way,
 * with a message in the reader's language and what was typed sent back.
 */
export const TEXT_LIMITS = {
  /** A person's, beneficiary's or place's name, a voucher or cheque reference. */
  name: 200,
  /** Why an entry is reversed or rejected, what a disbursement was for. */
  reason: 1000,
  comments: 2000,
  /** An auditor's explanation of a sharing gap. */
  explanation: 4000,
  /** Digits typed as text: an amount, a rate, a count, a percentage. */
  number: 40,
  /** A list of district names typed into one field. */
  districts: 500,
  /** A hidden field the page fills in (idempotency keys and the like). */
  token: 100,
  /** RFC 5321's longest address. */
  email: 254,
  /** Far above the password policy's 128 code points, which has its own message. */
  password: 1024,
  /** A path within the site to return to after signing in. */
  path: 2000,
} as const

/** The message key for text over `max`, with the limit after '|' for translateMessage. */
export function tooLong(max: number): string {
  return `common:form.tooLong|max=${max}`
}

export function isTooLong(message: string): boolean {
  return message.startsWith('common:form.tooLong|')
}

/** The idempotency key a form carries, so that sending it twice records one thing. */
export function idempotencyKeyField() {
  return z.string().min(8).max(TEXT_LIMITS.token, { error: tooLong(TEXT_LIMITS.token) })
}

/** The message key for text that carries characters which would disguise it (app/domain/hidden-characters.ts). */
export const HIDDEN_CHARACTERS = 'common:form.hiddenCharacters'

/**
 * Staff text is published: a direction override or a zero-width space in it could make a name,
 * a reference or an amount in a description read as something else. Such text is refused, with
 * what was typed kept in the form, rather than changed behind the writer's back.
 */
export function visibleText(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: tooLong(max) })
    .refine((text) => !hasHiddenCharacters(text), { error: HIDDEN_CHARACTERS })
}

/** Text of at most `max` characters, trimmed, without hidden characters; a missing or blank field is null. */
export function optionalText(max: number) {
  return visibleText(max)
    .optional()
    .transform((v) => (v ? v : null))
}

/** Text that must be given, trimmed, of at most `max` characters, without hidden characters; `required` is the message when it is missing. */
export function requiredText(max: number, required = 'account:fields.required') {
  return z
    .string({ error: required })
    .trim()
    .min(1, { error: required })
    .max(max, { error: tooLong(max) })
    .refine((text) => !hasHiddenCharacters(text), { error: HIDDEN_CHARACTERS })
}

/** A number typed as text, limited like any other text; what it means is for the schema to check. */
export function numberText(required: string) {
  return z.string({ error: required }).max(TEXT_LIMITS.number, { error: tooLong(TEXT_LIMITS.number) })
}

type Constraints = ReturnType<typeof getZodConstraint>

/**
 * Conform's getZodConstraint, with each text field's maxLength put back: zod 4.6 no longer writes
 * a string's limits where Conform 1.21 reads them (conform issue 1340), so the page would lose them.
 * Forms here are flat, so the schema's top-level fields are all there is to look at.
 */
export function formConstraint(schema: z.core.$ZodType): Constraints {
  // A plain copy: Conform's answer is a caching Proxy, which would go on giving the values it gave first.
  const constraints: Constraints = { ...getZodConstraint(schema) }
  for (const [name, field] of Object.entries(formFields(schema))) {
    const maxLength = textMaximum(field)
    if (maxLength !== null) constraints[name] = { ...constraints[name], maxLength }
  }
  return constraints
}

/** A flat form schema's fields, each with the schema the server parses it with. */
export function formFields(schema: z.core.$ZodType): Record<string, z.core.$ZodType> {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>
  if (def.type === 'object') return (schema as z.core.$ZodObject)._zod.def.shape
  if (def.type === 'pipe') return formFields((schema as z.core.$ZodPipe)._zod.def.in)
  if (def.type === 'intersection') {
    const { left, right } = (schema as z.core.$ZodIntersection)._zod.def
    return { ...formFields(left), ...formFields(right) }
  }
  return {}
}

function textMaximum(schema: z.core.$ZodType): number | null {
  const def = schema._zod.def
  if (schema instanceof z.ZodString) return schema.maxLength
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return textMaximum((schema as z.core.$ZodOptional)._zod.def.innerType)
  if (def.type === 'pipe') return textMaximum((schema as z.core.$ZodPipe)._zod.def.in)
  return null
}
