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
