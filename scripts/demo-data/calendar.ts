import { fiscalYearLabel, fiscalYearOf } from '../../app/domain/fiscal-year'

/** The demo ledger runs from the start of FY 2023-24 to the end of October 2025 (part of FY 2025-26). */
export const FIRST_DAY = '2023-07-01'
export const LAST_DAY = '2025-10-31'

export interface Month {
  year: number
  /** 1–12 */
  month: number
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function daysIn({ year, month }: Month): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The same date if it is Monday–Friday, otherwise the Friday before. */
export function workdayOnOrBefore(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay()
  return day === 6 ? addDays(isoDate, -1) : day === 0 ? addDays(isoDate, -2) : isoDate
}

export function isWorkday(isoDate: string): boolean {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay()
  return day !== 0 && day !== 6
}

/** Every calendar month the demo ledger covers, oldest first. */
export function ledgerMonths(): Month[] {
  const months: Month[] = []
  for (let year = 2023, month = 7; iso(year, month, 1) <= LAST_DAY; month === 12 ? ((year += 1), (month = 1)) : (month += 1)) {
    months.push({ year, month })
  }
  return months
}

export function monthName({ year, month }: Month): string {
  return `${MONTH_NAMES[month - 1]} ${year}`
}

export function previousMonth({ year, month }: Month): Month {
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 }
}

/** Quarter of the fiscal year (Q1 = July–September) and its label, e.g. "Q2 FY 2024-25". */
export function fiscalQuarterOf(isoDate: string): { fiscalYear: number; quarter: 1 | 2 | 3 | 4; label: string } {
  const month = Number(isoDate.slice(5, 7))
  const quarter = (Math.floor(((month + 5) % 12) / 3) + 1) as 1 | 2 | 3 | 4
  const fiscalYear = fiscalYearOf(isoDate)
  return { fiscalYear, quarter, label: `Q${quarter} FY ${fiscalYearLabel(fiscalYear)}` }
}

/**
 * A fixed clock: the n-th record made on a day is stamped 09:00 Pakistan time (04:00 UTC) plus
 * six minutes per earlier record, so created/decided times rise with the order things happen in.
 */
export function stamp(isoDate: string, slot: number, extraMinutes = 0): Date {
  return new Date(Date.parse(`${isoDate}T04:00:00.000Z`) + (slot * 6 + extraMinutes) * 60_000)
}
