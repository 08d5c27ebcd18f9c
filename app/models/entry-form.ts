import { z } from 'zod'
import { isIsoDate } from '../domain/fiscal-year'
import { parseAmount, parseExchangeRate } from '../domain/amount'
import { ENTRY_KINDS, PURPOSES } from '../domain/ledger'
import type { BeneficiaryKind, EntryKind } from '../../db/schema'
import { idempotencyKeyField, numberText, optionalText, TEXT_LIMITS } from './form-text'

/**
 * The entry form, as typed. Amounts arrive as text and are parsed by parseAmount (Urdu digits,
 * lakh commas); every message is a translation key, shown beside its field with what was typed kept.
 */
const choose = 'ledger:form.errors.choose'
const id = z.string({ error: choose }).regex(/^[1-9]\d{0,14}$/, { error: choose }).transform(Number)

export const BENEFICIARY_KINDS: readonly BeneficiaryKind[] = ['village_organisation', 'school', 'clinic', 'scholarship_programme', 'contractor', 'other']

/** The form's fields one by one: what the page takes its limits from (formConstraint). */
export function entryFormFields(today: string) {
  return z.object({
      kind: z.enum(ENTRY_KINDS as [EntryKind, ...EntryKind[]]),
      projectId: id,
      fromPartyId: id,
      // 'new' when the beneficiary is not in the list yet (disbursements only).
      toPartyId: z.union([z.literal('new'), id], { error: choose }),
      newBeneficiaryName: optionalText(TEXT_LIMITS.name),
      newBeneficiaryKind: z.enum(BENEFICIARY_KINDS as [BeneficiaryKind, ...BeneficiaryKind[]]).optional(),
      valueDate: z
        .string({ error: 'ledger:form.errors.date' })
        .refine((v) => isIsoDate(v) && v <= today, { error: 'ledger:form.errors.date' }),
      gfsCode: z.string().regex(/^[0-9]{2,6}E[0-9]{0,2}$/).optional(),
      purpose: z.enum(PURPOSES as [(typeof PURPOSES)[number], ...(typeof PURPOSES)[number][]]).optional(),
      newLocalityName: optionalText(TEXT_LIMITS.name),
      newLocalityKind: z.enum(['village', 'union_council', 'tehsil']).optional(),
      localityId: z
        .string()
        .optional()
        .transform((v, ctx) => {
          if (!v) return null
          if (v === 'new') return 'new' as const
          if (!/^[1-9]\d{0,14}$/.test(v)) {
            ctx.addIssue({ code: 'custom', message: choose })
            return z.NEVER
          }
          return Number(v)
        }),
      currency: z.enum(['PKR', 'USD'], { error: choose }),
      amount: numberText('ledger:form.errors.empty').transform((v, ctx) => {
        const parsed = parseAmount(v)
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', message: `ledger:form.errors.${parsed.error}` })
          return z.NEVER
        }
        return parsed.amountMinor
      }),
      exchangeRate: numberText(choose).optional(),
      reference: optionalText(TEXT_LIMITS.name),
      description: optionalText(TEXT_LIMITS.reason),
      comments: optionalText(TEXT_LIMITS.comments),
      idempotencyKey: idempotencyKeyField(),
      /** What was typed to narrow the list of beneficiaries; only the page uses it. */
      find: optionalText(TEXT_LIMITS.name),
    })
}

/** The whole form, as the server parses it: the fields, how they depend on each other, and what they mean. */
export function entryFormSchema(today: string) {
  return entryFormFields(today)
    .superRefine((v, ctx) => {
      if (v.kind === 'payment' && !v.gfsCode) ctx.addIssue({ code: 'custom', path: ['gfsCode'], message: choose })
      if (v.kind === 'disbursement' && !v.purpose) ctx.addIssue({ code: 'custom', path: ['purpose'], message: choose })
      if (v.toPartyId === 'new') {
        if (v.kind !== 'disbursement') ctx.addIssue({ code: 'custom', path: ['toPartyId'], message: choose })
        if (!v.newBeneficiaryName) ctx.addIssue({ code: 'custom', path: ['newBeneficiaryName'], message: 'account:fields.required' })
        if (!v.newBeneficiaryKind) ctx.addIssue({ code: 'custom', path: ['newBeneficiaryKind'], message: choose })
      }
      if (v.localityId === 'new') {
        if (!v.newLocalityName) ctx.addIssue({ code: 'custom', path: ['newLocalityName'], message: 'account:fields.required' })
        if (!v.newLocalityKind) ctx.addIssue({ code: 'custom', path: ['newLocalityKind'], message: choose })
      }
      if (v.currency === 'USD') {
        const rate = v.exchangeRate ? parseExchangeRate(v.exchangeRate) : null
        if (!rate) ctx.addIssue({ code: 'custom', path: ['exchangeRate'], message: 'ledger:form.errors.rateNeeded' })
        else if (!rate.ok) ctx.addIssue({ code: 'custom', path: ['exchangeRate'], message: 'ledger:form.errors.rate' })
      }
    })
    .transform((v) => {
      const rate = v.currency === 'USD' && v.exchangeRate ? parseExchangeRate(v.exchangeRate) : null
      return {
        ...v,
        gfsCode: v.kind === 'payment' ? (v.gfsCode ?? null) : null,
        purpose: v.kind === 'disbursement' ? (v.purpose ?? null) : null,
        localityId: v.kind === 'disbursement' ? v.localityId : null,
        exchangeRateMicros: rate && rate.ok ? rate.rateMicros : undefined,
      }
    })
}
