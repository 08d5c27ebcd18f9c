import type { Database } from '../../db/client'
import { fiscalYearLabel } from '../domain/fiscal-year'
import { minorToDecimalString, toMinor } from '../domain/money'
import { rateToDecimalString } from '../domain/published-entry'
import { EXPORT_BATCH, yieldToEventLoop } from './ledger-export.server'
import { entriesWithParties } from './ledger.server'

/**
 * What only auditors and admins may take away: every ledger entry whatever its status — pending,
 * rejected, approved — with who recorded and decided it and why, and the whole audit trail. Read
 * by id, a batch at a time.
 */

export async function* everyEntry(db: Database, batchSize = EXPORT_BATCH): AsyncGenerator<Array<Record<string, unknown>>> {
  let after = 0
  for (;;) {
    const rows = await entriesWithParties(db)
      .leftJoin('users as decider', 'decider.id', 'e.decided_by_user_id')
      .select(['decider.name as decider_name', 'e.idempotency_key'])
      .where('e.id', '>', after)
      .orderBy('e.id')
      .limit(batchSize)
      .execute()
    if (rows.length === 0) return
    yield rows.map((r) => ({
      entry_id: r.id,
      status: r.status,
      seq: r.seq,
      kind: r.kind,
      value_date: r.value_date,
      fiscal_year: fiscalYearLabel(r.fiscal_year),
      project_slug: r.project_slug,
      from_party_slug: r.from_slug,
      from_party_name: r.from_en,
      to_party_slug: r.to_slug,
      to_party_name: r.to_en,
      gfs_code: r.gfs_code,
      purpose: r.purpose,
      locality_id: r.locality_id,
      reporting_currency: r.currency,
      value_reported: minorToDecimalString(toMinor(r.amount_minor)),
      currency_rate: rateToDecimalString(toMinor(r.exchange_rate_micros)),
      value_pkr: minorToDecimalString(toMinor(r.pkr_amount_minor)),
      reference: r.reference,
      description: r.description,
      comments: r.comments,
      reverses_entry_id: r.reverses_entry_id,
      reversal_reason: r.reversal_reason,
      created_by_user_id: r.created_by_user_id,
      created_by_name: r.maker_name,
      created_at: r.created_at,
      decided_by_user_id: r.decided_by_user_id,
      decided_by_name: r.decider_name,
      decided_at: r.decided_at,
      rejection_reason: r.rejection_reason,
      idempotency_key: r.idempotency_key,
    }))
    after = rows[rows.length - 1]!.id
    await yieldToEventLoop()
  }
}

export async function* everyAuditEvent(db: Database, batchSize = EXPORT_BATCH): AsyncGenerator<Array<Record<string, unknown>>> {
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('audit_events as a')
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .select(['a.id', 'a.at', 'a.actor_user_id', 'u.name as actor_name', 'a.action', 'a.target_type', 'a.target_id', 'a.ip', 'a.user_agent', 'a.details'])
      .where('a.id', '>', after)
      .orderBy('a.id')
      .limit(batchSize)
      .execute()
    if (rows.length === 0) return
    yield rows.map((r) => ({ ...r, details: r.details === null ? null : (JSON.parse(r.details) as unknown) }))
    after = rows[rows.length - 1]!.id
    await yieldToEventLoop()
  }
}
