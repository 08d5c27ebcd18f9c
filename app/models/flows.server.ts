import type { Database } from '../../db/client'
import type { Currency, EntryKind, Purpose } from '../../db/schema'
import type { LocalNames } from '../i18n/local-name'
import { toMinor } from '../domain/money'
import { sumAsText } from './sql.server'

/**
 * Where the money went, read from approved ledger entries only. Totals across currencies are in
 * PKR equivalent (pkr_amount_minor); reversals carry negative amounts, so every SUM already nets them.
 * Sums are read from ledger_totals, which the approving transaction keeps (ADR 10), so a page's
 * first view after a write costs the same at any size of ledger.
 */

export interface FlowScope {
  projectId?: number
  trustPartyId?: number
}

export interface FiscalYearFlows {
  fiscalYear: number
  paidMinor: bigint
  transferredMinor: bigint
  contributedMinor: bigint
  disbursedMinor: bigint
}

function approved(db: Database, scope: FlowScope) {
  let query = db.selectFrom('ledger_entries').where('ledger_entries.status', '=', 'approved')
  if (scope.projectId !== undefined) query = query.where('ledger_entries.project_id', '=', scope.projectId)
  if (scope.trustPartyId !== undefined) {
    const trust = scope.trustPartyId
    query = query.where((eb) => eb.or([eb('ledger_entries.to_party_id', '=', trust), eb('ledger_entries.from_party_id', '=', trust)]))
  }
  return query
}

/** The kept totals of approved entries in `scope`; a trust's are those it pays from or is paid into, each once. */
function kept(db: Database, scope: FlowScope) {
  let query = db.selectFrom('ledger_totals')
  if (scope.projectId !== undefined) query = query.where('project_id', '=', scope.projectId)
  if (scope.trustPartyId !== undefined) {
    const trust = scope.trustPartyId
    query = query.where((eb) => eb.or([eb('to_party_id', '=', trust), eb('from_party_id', '=', trust)]))
  }
  return query
}

const FLOW_FIELD: Record<EntryKind, keyof Omit<FiscalYearFlows, 'fiscalYear'>> = {
  payment: 'paidMinor',
  share_transfer: 'transferredMinor',
  direct_contribution: 'contributedMinor',
  disbursement: 'disbursedMinor',
}

/** Per fiscal year, newest first: paid to government, transferred to trusts, contributed directly, disbursed. */
export async function flowsByFiscalYear(db: Database, scope: FlowScope = {}): Promise<FiscalYearFlows[]> {
  const rows = await kept(db, scope)
    .select(['fiscal_year', 'kind', sumAsText('pkr_amount_minor').as('total')])
    .groupBy(['fiscal_year', 'kind'])
    .execute()
  const years = new Map<number, FiscalYearFlows>()
  for (const row of rows) {
    const year = years.get(row.fiscal_year) ?? { fiscalYear: row.fiscal_year, paidMinor: 0n, transferredMinor: 0n, contributedMinor: 0n, disbursedMinor: 0n }
    year[FLOW_FIELD[row.kind]] += toMinor(row.total)
    years.set(row.fiscal_year, year)
  }
  return [...years.values()].sort((a, b) => b.fiscalYear - a.fiscalYear)
}

export function totalFlows(years: FiscalYearFlows[]): Omit<FiscalYearFlows, 'fiscalYear'> {
  const total = { paidMinor: 0n, transferredMinor: 0n, contributedMinor: 0n, disbursedMinor: 0n }
  for (const y of years) {
    total.paidMinor += y.paidMinor
    total.transferredMinor += y.transferredMinor
    total.contributedMinor += y.contributedMinor
    total.disbursedMinor += y.disbursedMinor
  }
  return total
}

export interface PurposeTotal {
  purpose: Purpose
  disbursedMinor: bigint
}

export async function disbursedByPurpose(db: Database, scope: FlowScope): Promise<PurposeTotal[]> {
  const rows = await kept(db, scope)
    .where('kind', '=', 'disbursement')
    .select(['purpose', sumAsText('pkr_amount_minor').as('total')])
    .groupBy('purpose')
    .execute()
  // Equal totals in purpose order, so the list is the same whichever order the engine grouped in.
  return rows
    .map((r) => ({ purpose: r.purpose as Purpose, disbursedMinor: toMinor(r.total) }))
    .sort((a, b) => (b.disbursedMinor > a.disbursedMinor ? 1 : b.disbursedMinor < a.disbursedMinor ? -1 : a.purpose < b.purpose ? -1 : a.purpose > b.purpose ? 1 : 0))
}

export interface DisbursementRow {
  id: number
  valueDate: string
  purpose: Purpose
  currency: Currency
  amountMinor: bigint
  beneficiary: LocalNames
  trust: LocalNames
  trustSlug: string
  locality: LocalNames | null
  description: string | null
}

export async function latestDisbursements(db: Database, scope: FlowScope, limit = 10): Promise<DisbursementRow[]> {
  const rows = await approved(db, scope)
    .where('ledger_entries.kind', '=', 'disbursement')
    .innerJoin('parties as beneficiary', 'beneficiary.id', 'ledger_entries.to_party_id')
    .innerJoin('parties as trust', 'trust.id', 'ledger_entries.from_party_id')
    .leftJoin('localities', 'localities.id', 'ledger_entries.locality_id')
    .select([
      'ledger_entries.id',
      'ledger_entries.value_date',
      'ledger_entries.purpose',
      'ledger_entries.currency',
      'ledger_entries.amount_minor',
      'ledger_entries.description',
      'beneficiary.name_en as beneficiary_en',
      'beneficiary.name_ur as beneficiary_ur',
      'beneficiary.name_bal as beneficiary_bal',
      'trust.name_en as trust_en',
      'trust.name_ur as trust_ur',
      'trust.name_bal as trust_bal',
      'trust.slug as trust_slug',
      'localities.name_en as locality_en',
      'localities.name_ur as locality_ur',
      'localities.name_bal as locality_bal',
    ])
    .orderBy('ledger_entries.value_date', 'desc')
    .orderBy('ledger_entries.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    valueDate: r.value_date,
    purpose: r.purpose as Purpose,
    currency: r.currency,
    amountMinor: toMinor(r.amount_minor),
    description: r.description,
    beneficiary: { en: r.beneficiary_en, ur: r.beneficiary_ur, bal: r.beneficiary_bal },
    trust: { en: r.trust_en, ur: r.trust_ur, bal: r.trust_bal },
    trustSlug: r.trust_slug,
    locality: r.locality_en === null ? null : { en: r.locality_en, ur: r.locality_ur ?? r.locality_en, bal: r.locality_bal ?? r.locality_en },
  }))
}

/** A trust's money per currency: received (transfers and contributions), disbursed, and what is left. */
export async function trustBalances(db: Database, trustPartyId: number): Promise<Array<{ currency: Currency; receivedMinor: bigint; disbursedMinor: bigint; balanceMinor: bigint }>> {
  const rows = await kept(db, { trustPartyId })
    .select(['currency', 'kind', sumAsText('amount_minor').as('total')])
    .groupBy(['currency', 'kind'])
    .execute()
  const byCurrency = new Map<Currency, { receivedMinor: bigint; disbursedMinor: bigint }>()
  for (const row of rows) {
    const entry = byCurrency.get(row.currency) ?? { receivedMinor: 0n, disbursedMinor: 0n }
    if (row.kind === 'disbursement') entry.disbursedMinor += toMinor(row.total)
    else entry.receivedMinor += toMinor(row.total)
    byCurrency.set(row.currency, entry)
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => ({ currency, ...t, balanceMinor: t.receivedMinor - t.disbursedMinor }))
}
