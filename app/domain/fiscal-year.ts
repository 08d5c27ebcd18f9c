/**
 * Pakistan's fiscal year runs 1 July – 30 June. A fiscal year is named by the calendar year it
 * starts in: 2024 is "FY 2024-25", from 2024-07-01 to 2025-06-30.
 */
export type FiscalYear = number

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function fiscalYearOf(isoDate: string): FiscalYear {
  const match = ISO_DATE.exec(isoDate)
  if (!match) throw new RangeError(`Not an ISO date: ${isoDate}`)
  const year = Number(match[1])
  const month = Number(match[2])
  return month >= 7 ? year : year - 1
}

/** `2024` → `"2024-25"`; `2099` → `"2099-00"`. */
export function fiscalYearLabel(fy: FiscalYear): string {
  return `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`
}

/** `"2024-25"` → `2024`; anything that is not a consistent label → null. */
export function parseFiscalYearLabel(label: string): FiscalYear | null {
  const match = /^(\d{4})-(\d{2})$/.exec(label.trim())
  if (!match) return null
  const start = Number(match[1])
  return (start + 1) % 100 === Number(match[2]) ? start : null
}

export function fiscalYearBounds(fy: FiscalYear): { first: string; last: string } {
  return { first: `${fy}-07-01`, last: `${fy + 1}-06-30` }
}

/** Pakistan Standard Time, UTC+5 all year: the country has kept no daylight saving since 2009. */
const PKT_OFFSET_MS = 5 * 60 * 60 * 1000

/**
 * The calendar date in Pakistan at `moment`, as YYYY-MM-DD. Value dates are Pakistani dates: a
 * correction made at 02:00 on 1 July belongs to the new fiscal year, though it is still 30 June in UTC.
 */
export function pakistanDateOf(moment: Date): string {
  return new Date(moment.getTime() + PKT_OFFSET_MS).toISOString().slice(0, 10)
}

/** The date and the time of day (HH:MM) in Pakistan at `moment`: what readers and staff see; the data keep UTC. */
export function pakistanDateTimeOf(moment: Date): { date: string; time: string } {
  const local = new Date(moment.getTime() + PKT_OFFSET_MS).toISOString()
  return { date: local.slice(0, 10), time: local.slice(11, 16) }
}

/** The moment (ISO 8601, UTC) a calendar day begins in Pakistan: 1 July begins at 19:00 UTC on 30 June. */
export function startOfPakistanDay(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00.000Z`) - PKT_OFFSET_MS).toISOString()
}

/** A real calendar date written YYYY-MM-DD (so not 2024-02-30). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}
