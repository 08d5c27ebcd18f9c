/**
 * Local-employment reports: what a consistent report is, and the periods reports cover.
 * Compliance arithmetic (shares, verdicts, hires needed) lives in compliance.ts.
 */
import type { JobCategory } from '../../db/schema'

export type { JobCategory }

export const JOB_CATEGORIES: readonly JobCategory[] = ['unskilled', 'semi_skilled', 'skilled', 'professional', 'management']

/** No job category of one project employs a million people; larger figures are typing mistakes. */
export const MAX_HEADCOUNT = 1_000_000

export interface ReportLineInput {
  jobCategory: JobCategory
  total: number
  local: number
  women: number
  /** Local hires by district of origin; when given, it must add up to `local`. */
  districts?: Record<string, number>
}

export type LineProblemCode =
  | 'not_whole'
  | 'negative'
  | 'too_large'
  | 'local_above_total'
  | 'women_above_total'
  | 'districts_do_not_sum'
  /** A district breakdown row without a name, or two rows naming the same district. */
  | 'district_unnamed'
  /** The same job category twice in one report (reported on the second). */
  | 'duplicate_category'

export interface LineProblems {
  total?: LineProblemCode
  local?: LineProblemCode
  women?: LineProblemCode
  districts?: LineProblemCode
}

export type ReportProblems = Partial<Record<JobCategory, LineProblems>>

function headcountProblem(value: number): LineProblemCode | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'not_whole'
  if (value < 0) return 'negative'
  if (value > MAX_HEADCOUNT) return 'too_large'
  return undefined
}

/**
 * Per job category and field, what is wrong with a report's figures; `{}` when nothing is. A
 * comparison (local ≤ total, women ≤ total, districts sum to local) is only made between figures
 * that are each valid on their own, so every field carries at most one, most basic, problem.
 */
export function validateReportLines(lines: readonly ReportLineInput[]): ReportProblems {
  const problems: ReportProblems = {}
  const seen = new Set<JobCategory>()
  for (const line of lines) {
    const found: LineProblems = {}
    if (seen.has(line.jobCategory)) {
      problems[line.jobCategory] = { ...problems[line.jobCategory], total: 'duplicate_category' }
      continue
    }
    seen.add(line.jobCategory)
    const total = headcountProblem(line.total)
    const local = headcountProblem(line.local)
    const women = headcountProblem(line.women)
    if (total) found.total = total
    if (local) found.local = local
    else if (!total && line.local > line.total) found.local = 'local_above_total'
    if (women) found.women = women
    else if (!total && line.women > line.total) found.women = 'women_above_total'

    if (line.districts !== undefined) {
      const names = Object.keys(line.districts)
      const trimmed = new Set(names.map((n) => n.trim()))
      const values = Object.values(line.districts)
      const valueProblem = values.map(headcountProblem).find((p) => p !== undefined)
      if (names.some((n) => n.trim() === '') || trimmed.size !== names.length) found.districts = 'district_unnamed'
      else if (valueProblem) found.districts = valueProblem
      else if (!local && values.reduce((sum, v) => sum + v, 0) !== line.local) found.districts = 'districts_do_not_sum'
    }
    if (Object.keys(found).length > 0) problems[line.jobCategory] = found
  }
  return problems
}

export function hasProblems(problems: ReportProblems): boolean {
  return Object.keys(problems).length > 0
}

// ---- Periods -------------------------------------------------------------------------------

export type PeriodKind = 'quarter' | 'month'

/** A reporting period: calendar quarters (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec) or calendar months. Dates inclusive. */
export interface Period {
  kind: PeriodKind
  start: string
  end: string
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function parts(isoDate: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(isoDate)
  if (!match) throw new RangeError(`Not an ISO date: ${isoDate}`)
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) throw new RangeError(`Not a calendar date: ${isoDate}`)
  return { year, month, day }
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function isCalendarDate(text: string): boolean {
  try {
    parts(text)
    return true
  } catch {
    return false
  }
}

/** The date `days` after (or before, if negative) an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const { year, month, day } = parts(isoDate)
  const d = new Date(Date.UTC(year, month - 1, day + days))
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

/** The calendar quarter a date falls in. */
export function quarterOf(isoDate: string): Period {
  const { year, month } = parts(isoDate)
  const first = month - ((month - 1) % 3)
  return { kind: 'quarter', start: iso(year, first, 1), end: iso(year, first + 2, lastDayOfMonth(year, first + 2)) }
}

/** The calendar month a date falls in. */
export function monthOf(isoDate: string): Period {
  const { year, month } = parts(isoDate)
  return { kind: 'month', start: iso(year, month, 1), end: iso(year, month, lastDayOfMonth(year, month)) }
}

/** The period of `kind` starting on `start`; a RangeError if no such period starts that day. */
export function periodBounds(kind: PeriodKind, start: string): Period {
  const period = kind === 'quarter' ? quarterOf(start) : monthOf(start)
  if (period.start !== start) throw new RangeError(`No ${kind} starts on ${start}`)
  return period
}

/** Whether `period` is over on `today` (a date in Pakistan): only a finished month or quarter can be reported. */
export function isFinished(period: Pick<Period, 'end'>, today: string): boolean {
  return period.end < today
}

/** '2025-Q3' for a quarter, '2025-07' for a month. */
export function periodLabel(period: Pick<Period, 'kind' | 'start'>): string {
  const { year, month } = parts(period.start)
  return period.kind === 'quarter' ? `${year}-Q${(month + 2) / 3}` : period.start.slice(0, 7)
}

/** Reads '2025-Q3' or '2025-07' (as periodLabel writes them); null for anything else. */
export function parsePeriod(text: string): Period | null {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(text.trim())
  if (quarter) return periodBounds('quarter', iso(Number(quarter[1]), Number(quarter[2]) * 3 - 2, 1))
  const month = /^(\d{4})-(\d{2})$/.exec(text.trim())
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return periodBounds('month', iso(Number(month[1]), Number(month[2]), 1))
  return null
}

// ---- Quotas over time ----------------------------------------------------------------------

export interface DatedQuota {
  id: number
  jobCategory: JobCategory
  validFrom: string
  /** Last day it applies, inclusive; null while open. */
  validTo: string | null
}

/** The quota for `category` in force on `date`: the latest-starting one whose dates include it. */
export function quotaOn<Q extends DatedQuota>(quotas: readonly Q[], category: JobCategory, date: string): Q | null {
  let best: Q | null = null
  for (const q of quotas) {
    if (q.jobCategory !== category || q.validFrom > date || (q.validTo !== null && q.validTo < date)) continue
    if (!best || q.validFrom > best.validFrom || (q.validFrom === best.validFrom && q.id > best.id)) best = q
  }
  return best
}
