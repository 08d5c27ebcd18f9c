import { z } from 'zod'
import { isIsoDate } from '../domain/fiscal-year'
import { parseAmount, parseExchangeRate } from '../domain/amount'
import { ENTRY_KINDS, PURPOSES } from '../domain/ledger'
import type { BeneficiaryKind, EntryKind } from '../../db/schema'

/**
 * The entry form, as typed. Amounts arrive as text and are parsed by parseAmount (Urdu digits,
 * lakh commas); every message is a translation key, shown beside its field with what was typed kept.
 */
const choose = 'ledger:form.errors.choose'
const id = z.string({ error: choose }).regex(/^[1-9]\d{0,14}$/, { error: choose }).transform(Number)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null))

export const BENEFICIARY_KINDS: readonly BeneficiaryKind[] = ['village_organisation', 'school', 'clinic', 'scholarship_programme', 'contractor', 'other']

export function entryFormSchema(today: string) {
  return z
    .object({
      kind: z.enum(ENTRY_KINDS as [EntryKind, ...EntryKind[]]),
      projectId: id,
      fromPartyId: id,
      // 'new' when the beneficiary is not in the list yet (disbursements only).
      toPartyId: z.union([z.literal('new'), id], { error: choose }),
      newBeneficiaryName: optionalText(200),
      newBeneficiaryKind: z.enum(BENEFICIARY_KINDS as [BeneficiaryKind, ...BeneficiaryKind[]]).optional(),
      valueDate: z
        .string({ error: 'ledger:form.errors.date' })
        .refine((v) => isIsoDate(v) && v <= today, { error: 'ledger:form.errors.date' }),
      gfsCode: z.string().regex(/^[0-9]{2,6}E[0-9]{0,2}$/).optional(),
      purpose: z.enum(PURPOSES as [(typeof PURPOSES)[number], ...(typeof PURPOSES)[number][]]).optional(),
      newLocalityName: optionalText(200),
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
      amount: z.string({ error: 'ledger:form.errors.empty' }).transform((v, ctx) => {
        const parsed = parseAmount(v)
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', message: `ledger:form.errors.${parsed.error}` })
          return z.NEVER
        }
        return parsed.amountMinor
      }),
      exchangeRate: z.string().optional(),
      reference: optionalText(200),
      description: optionalText(1000),
      comments: optionalText(2000),
      idempotencyKey: z.string().min(8).max(100),
    })
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
