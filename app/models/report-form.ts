import { z } from 'zod'
import { JOB_CATEGORIES, type ReportLineInput } from '../domain/employment'
import type { PeriodKind } from '../domain/employment'
import { hasHiddenCharacters } from '../domain/hidden-characters'
import { HIDDEN_CHARACTERS, TEXT_LIMITS, tooLong } from './form-text'

/**
 * The employment report form, as typed: per job category `<category>_total`, `_local`, `_women`.
 * A category left entirely blank is not reported; anything typed goes to validateReportLines,
 * which says what is wrong per field (whole numbers, local and women within the total).
 */
export interface ParsedReportForm {
  projectId: number | null
  periodKind: PeriodKind
  periodStart: string
  supersedesReportId: number | undefined
  idempotencyKey: string
  lines: ReportLineInput[]
}

const count = (value: FormDataEntryValue | null): number => {
  const text = typeof value === 'string' ? value.trim().replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))) : ''
  // Anything that is not plain digits becomes NaN, which validation reports as "whole numbers only".
  return /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN
}

/**
 * "Chagai: 40, Nushki 29" (or one per line, Urdu digits and the Arabic comma too) → { Chagai: 40,
 * Nushki: 29 }. A part that is not "name number" becomes a NaN count, which validation reports.
 */
export function parseDistricts(text: string): Record<string, number> | undefined {
  if (text.trim() === '') return undefined
  const districts: Record<string, number> = {}
  for (const part of text.split(/[,،\n]/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^(.*?)[\s:]+([0-9۰-۹]+)$/.exec(part)
    const name = (match?.[1] ?? part).trim()
    districts[name] = match ? count(match[2]!) : Number.NaN
  }
  return districts
}

export function parseReportForm(form: FormData): ParsedReportForm {
  const id = (name: string) => (/^[1-9]\d{0,14}$/.test(String(form.get(name) ?? '')) ? Number(form.get(name)) : null)
  const lines: ReportLineInput[] = []
  for (const jobCategory of JOB_CATEGORIES) {
    const raw = ['total', 'local', 'women', 'districts'].map((f) => String(form.get(`${jobCategory}_${f}`) ?? '').trim())
    if (raw.every((v) => v === '')) continue
    const districts = parseDistricts(raw[3]!)
    lines.push({ jobCategory, total: count(raw[0]!), local: count(raw[1]!), women: count(raw[2]!), ...(districts ? { districts } : {}) })
  }
  return {
    projectId: id('projectId'),
    periodKind: form.get('periodKind') === 'month' ? 'month' : 'quarter',
    periodStart: String(form.get('periodStart') ?? ''),
    supersedesReportId: id('supersedesReportId') ?? undefined,
    idempotencyKey: String(form.get('idempotencyKey') ?? ''),
    lines,
  }
}

const limited = (max: number) => z.string().max(max, { error: tooLong(max) }).refine((text) => !hasHiddenCharacters(text), { error: HIDDEN_CHARACTERS }).optional()

/**
 * How much each typed field of the report form takes: the page's maxLength and the server's check
 * both come from here. What the text means is parseReportForm's and validateReportLines' to judge.
 */
export const reportFormTextSchema = z.object({
  idempotencyKey: limited(TEXT_LIMITS.token),
  ...Object.fromEntries(
    JOB_CATEGORIES.flatMap((category) => [
      ...(['total', 'local', 'women'] as const).map((field) => [`${category}_${field}`, limited(TEXT_LIMITS.number)] as const),
      [`${category}_districts`, limited(TEXT_LIMITS.districts)] as const,
    ]),
  ),
})

/** The fields of `form` that are longer than the report form allows, each with its message key. */
export function overlongReportFields(form: FormData): Record<string, string> {
  const typed = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string'))
  const result = reportFormTextSchema.safeParse(typed)
  if (result.success) return {}
  return Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]))
}
