import type { Database } from '../../db/client'
import { fiscalYearBounds, pakistanDateOf } from '../domain/fiscal-year'
import { toMinor } from '../domain/money'
import { checkNewRule, dayBefore, expectedShare, sharingGap, type NewRuleProblem, type RoyaltyPayment } from '../domain/sharing'
import { namesOf, type LocalNames } from '../i18n/local-name'
import { recordAuditEvent, type RequestMeta } from './audit.server'
import { sumAsText } from './sql.server'
import { writeTransaction } from './write-transaction.server'

/**
 * EITI requirement 5.2, read from the ledger: per project, trust and fiscal year, what the
 * revenue-sharing rules say the trust should have received from the project's payments, what was
 * transferred, and the gap. Approved entries only; reversals carry negative amounts and net out.
 * The arithmetic and its rounding are in app/domain/sharing.ts.
 */

export interface RuleUsed {
  id: number
  gfsCode: string
  shareBasisPoints: number
  validFrom: string
  validTo: string | null
  payments: number
  royaltiesMinor: bigint
  expectedMinor: bigint
}

export interface GapExplanation {
  id: number
  explanation: string
  author: string
  createdAt: string
}

export interface SharingGapRow {
  project: { id: number; slug: string; name: LocalNames }
  trust: { id: number; slug: string; name: LocalNames }
  fiscalYear: number
  /** Payments (PKR equivalent) under the revenue streams the trust's rules share. */
  royaltiesMinor: bigint
  expectedMinor: bigint
  transferredMinor: bigint
  /** expected − transferred: positive is a shortfall, negative an over-transfer. */
  gapMinor: bigint
  shortfall: boolean
  /** The year has not ended on `asOf`: part of a gap may simply not be due yet. */
  yearInProgress: boolean
  rules: RuleUsed[]
  /** Payments made on days no rule covered, which the trust is owed nothing of. */
  uncoveredRoyaltiesMinor: bigint
  explanations: GapExplanation[]
}

/** Per project × trust × fiscal year: project and trust by English name, newest year first. */
export async function sharingGaps(db: Database, options: { projectId?: number; asOf?: string } = {}): Promise<SharingGapRow[]> {
  const asOf = options.asOf ?? pakistanDateOf(new Date())
  const { projectId } = options

  let rulesQuery = db
    .selectFrom('revenue_sharing_rules')
    .select(['id', 'project_id', 'trust_party_id', 'gfs_code', 'share_basis_points', 'valid_from', 'valid_to'])
  if (projectId !== undefined) rulesQuery = rulesQuery.where('project_id', '=', projectId)
  const rules = (await rulesQuery.execute()).map((r) => ({
    id: r.id,
    projectId: r.project_id,
    trustId: r.trust_party_id,
    gfsCode: r.gfs_code,
    shareBasisPoints: r.share_basis_points,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }))

  // Each payment on its own row: the share is rounded per payment, so they cannot be summed first.
  const gfsCodes = [...new Set(rules.map((r) => r.gfsCode))]
  let paymentsQuery = db
    .selectFrom('ledger_entries')
    .select(['project_id', 'gfs_code', 'fiscal_year', 'value_date', 'pkr_amount_minor'])
    .where('status', '=', 'approved')
    .where('kind', '=', 'payment')
  if (projectId !== undefined) paymentsQuery = paymentsQuery.where('project_id', '=', projectId)
  const payments = gfsCodes.length === 0 ? [] : await paymentsQuery.where('gfs_code', 'in', gfsCodes).execute()

  let transfersQuery = db
    .selectFrom('ledger_entries')
    .select(['project_id', 'to_party_id', 'fiscal_year', sumAsText('pkr_amount_minor').as('total')])
    .where('status', '=', 'approved')
    .where('kind', '=', 'share_transfer')
    .groupBy(['project_id', 'to_party_id', 'fiscal_year'])
  if (projectId !== undefined) transfersQuery = transfersQuery.where('project_id', '=', projectId)
  const transfers = await transfersQuery.execute()

  let explanationsQuery = db
    .selectFrom('sharing_gap_explanations as x')
    .innerJoin('users as u', 'u.id', 'x.created_by_user_id')
    .select(['x.id', 'x.project_id', 'x.trust_party_id', 'x.fiscal_year', 'x.explanation', 'x.created_at', 'u.name'])
    .orderBy('x.created_at')
    .orderBy('x.id')
  if (projectId !== undefined) explanationsQuery = explanationsQuery.where('x.project_id', '=', projectId)
  const explanations = await explanationsQuery.execute()

  const paymentsByStreamYear = new Map<string, RoyaltyPayment[]>()
  for (const p of payments) {
    const k = `${p.project_id}:${p.gfs_code}:${p.fiscal_year}`
    paymentsByStreamYear.set(k, [...(paymentsByStreamYear.get(k) ?? []), { valueDate: p.value_date, pkrAmountMinor: toMinor(p.pkr_amount_minor) }])
  }

  const key = (p: number, t: number, fy: number) => `${p}:${t}:${fy}`
  const cells = new Map<string, { projectId: number; trustId: number; fiscalYear: number }>()
  const touch = (p: number, t: number, fy: number) => cells.set(key(p, t, fy), { projectId: p, trustId: t, fiscalYear: fy })
  for (const rule of rules) {
    const shared = payments.filter((pay) => pay.project_id === rule.projectId && pay.gfs_code === rule.gfsCode)
    for (const pay of shared) touch(rule.projectId, rule.trustId, pay.fiscal_year)
  }
  for (const t of transfers) touch(t.project_id, t.to_party_id, t.fiscal_year)
  for (const x of explanations) touch(x.project_id, x.trust_party_id, x.fiscal_year)
  if (cells.size === 0) return []

  const projectIds = [...new Set([...cells.values()].map((c) => c.projectId))]
  const trustIds = [...new Set([...cells.values()].map((c) => c.trustId))]
  const [projects, trusts] = await Promise.all([
    db.selectFrom('projects').select(['id', 'slug', 'name_en', 'name_ur', 'name_bal']).where('id', 'in', projectIds).execute(),
    db.selectFrom('parties').select(['id', 'slug', 'name_en', 'name_ur', 'name_bal']).where('id', 'in', trustIds).execute(),
  ])

  const rows: SharingGapRow[] = []
  for (const cell of cells.values()) {
    const project = projects.find((p) => p.id === cell.projectId)
    const trust = trusts.find((t) => t.id === cell.trustId)
    if (!project || !trust) continue
    const ruleUses: RuleUsed[] = []
    let expectedMinor = 0n
    let royaltiesMinor = 0n
    let uncoveredRoyaltiesMinor = 0n
    const mine = rules.filter((r) => r.projectId === cell.projectId && r.trustId === cell.trustId)
    for (const gfsCode of [...new Set(mine.map((r) => r.gfsCode))]) {
      const streamRules = mine.filter((r) => r.gfsCode === gfsCode)
      const streamPayments = paymentsByStreamYear.get(`${cell.projectId}:${gfsCode}:${cell.fiscalYear}`) ?? []
      const share = expectedShare(streamPayments, streamRules)
      expectedMinor += share.expectedMinor
      uncoveredRoyaltiesMinor += share.uncoveredRoyaltiesMinor
      royaltiesMinor += streamPayments.reduce((sum, p) => sum + p.pkrAmountMinor, 0n)
      for (const use of share.byRule) {
        const { id, shareBasisPoints, validFrom, validTo } = use.rule
        ruleUses.push({ id, gfsCode, shareBasisPoints, validFrom, validTo, payments: use.payments, royaltiesMinor: use.royaltiesMinor, expectedMinor: use.expectedMinor })
      }
    }
    const transferredMinor = toMinor(transfers.find((t) => t.project_id === cell.projectId && t.to_party_id === cell.trustId && t.fiscal_year === cell.fiscalYear)?.total)
    rows.push({
      project: { id: project.id, slug: project.slug, name: namesOf(project) },
      trust: { id: trust.id, slug: trust.slug, name: namesOf(trust) },
      fiscalYear: cell.fiscalYear,
      royaltiesMinor,
      expectedMinor,
      transferredMinor,
      ...sharingGap(expectedMinor, transferredMinor),
      yearInProgress: asOf <= fiscalYearBounds(cell.fiscalYear).last,
      rules: ruleUses,
      uncoveredRoyaltiesMinor,
      explanations: explanations
        .filter((x) => x.project_id === cell.projectId && x.trust_party_id === cell.trustId && x.fiscal_year === cell.fiscalYear)
        .map((x) => ({ id: x.id, explanation: x.explanation, author: x.name, createdAt: x.created_at })),
    })
  }
  return rows.sort((a, b) => a.project.name.en.localeCompare(b.project.name.en) || a.trust.name.en.localeCompare(b.trust.name.en) || b.fiscalYear - a.fiscalYear)
}

export class SharingRuleError extends Error {
  constructor(
    readonly code: NewRuleProblem | 'unknown_project' | 'not_a_trust' | 'unknown_revenue_stream' | 'explanation_required' | 'explanation_too_long' | 'invalid_fiscal_year',
    readonly detail: Record<string, unknown> = {},
  ) {
    super(code)
  }
}

export interface NewSharingRule {
  projectId: number
  trustId: number
  gfsCode: string
  shareBasisPoints: number
  /** YYYY-MM-DD; the rule in force until now ends the day before. */
  validFrom: string
  notes?: string | null
}

/**
 * Sets the share of a project's payments (of one revenue stream) due to a trust, from a date: the
 * rule in force is closed the day before and the new one starts, in one transaction with its
 * audit event. Rules only move forward (see checkNewRule).
 */
export async function setSharingRule(db: Database, actorUserId: number, input: NewSharingRule, now = new Date(), meta: RequestMeta = {}): Promise<{ id: number; closedRuleId: number | null }> {
  return writeTransaction(db, 'sharing', async (trx) => {
    const project = await trx.selectFrom('projects').select('id').where('id', '=', input.projectId).executeTakeFirst()
    if (!project) throw new SharingRuleError('unknown_project')
    const trust = await trx.selectFrom('parties').select('kind').where('id', '=', input.trustId).executeTakeFirst()
    if (trust?.kind !== 'trust') throw new SharingRuleError('not_a_trust')
    const stream = await trx.selectFrom('revenue_streams').select('gfs_code').where('gfs_code', '=', input.gfsCode).executeTakeFirst()
    if (!stream) throw new SharingRuleError('unknown_revenue_stream')

    const existing = await trx
      .selectFrom('revenue_sharing_rules')
      .select(['id', 'share_basis_points', 'valid_from', 'valid_to'])
      .where('project_id', '=', input.projectId)
      .where('trust_party_id', '=', input.trustId)
      .where('gfs_code', '=', input.gfsCode)
      .execute()
    const problem = checkNewRule(
      existing.map((r) => ({ shareBasisPoints: r.share_basis_points, validFrom: r.valid_from, validTo: r.valid_to })),
      input,
    )
    if (problem) throw new SharingRuleError(problem)

    const open = existing.find((r) => r.valid_to === null)
    if (open) await trx.updateTable('revenue_sharing_rules').set({ valid_to: dayBefore(input.validFrom) }).where('id', '=', open.id).execute()
    const { id } = await trx
      .insertInto('revenue_sharing_rules')
      .values({
        project_id: input.projectId,
        trust_party_id: input.trustId,
        gfs_code: input.gfsCode,
        share_basis_points: input.shareBasisPoints,
        valid_from: input.validFrom,
        valid_to: null,
        notes: input.notes?.trim() || null,
        created_by_user_id: actorUserId,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(
      trx,
      {
        actorUserId,
        action: 'sharing.rule.set',
        targetType: 'revenue_sharing_rule',
        targetId: id,
        ...meta,
        details: { projectId: input.projectId, trustId: input.trustId, gfsCode: input.gfsCode, shareBasisPoints: input.shareBasisPoints, validFrom: input.validFrom, closedRuleId: open?.id ?? null },
      },
      now,
    )
    return { id, closedRuleId: open?.id ?? null }
  })
}

export const EXPLANATION_MAX = 4000

/** An auditor's note on why a trust's transfers differ from what the rule says, for one fiscal year. */
export async function explainGap(
  db: Database,
  actorUserId: number,
  input: { projectId: number; trustId: number; fiscalYear: number; explanation: string },
  now = new Date(),
  meta: RequestMeta = {},
): Promise<{ id: number }> {
  const explanation = input.explanation.trim()
  if (explanation === '') throw new SharingRuleError('explanation_required')
  if (explanation.length > EXPLANATION_MAX) throw new SharingRuleError('explanation_too_long', { max: EXPLANATION_MAX })
  if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < 1947 || input.fiscalYear > 9998) throw new SharingRuleError('invalid_fiscal_year')
  return writeTransaction(db, 'sharing', async (trx) => {
    const project = await trx.selectFrom('projects').select('id').where('id', '=', input.projectId).executeTakeFirst()
    if (!project) throw new SharingRuleError('unknown_project')
    const trust = await trx.selectFrom('parties').select('kind').where('id', '=', input.trustId).executeTakeFirst()
    if (trust?.kind !== 'trust') throw new SharingRuleError('not_a_trust')
    const { id } = await trx
      .insertInto('sharing_gap_explanations')
      .values({ project_id: input.projectId, trust_party_id: input.trustId, fiscal_year: input.fiscalYear, explanation, created_by_user_id: actorUserId, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(
      trx,
      { actorUserId, action: 'sharing.gap.explained', targetType: 'sharing_gap_explanation', targetId: id, ...meta, details: { projectId: input.projectId, trustId: input.trustId, fiscalYear: input.fiscalYear } },
      now,
    )
    return { id }
  })
}
