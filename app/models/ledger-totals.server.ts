import { sql } from 'kysely'
import type { Database } from '../../db/client'

const KEY = sql.raw('project_id, from_party_id, to_party_id, fiscal_year, kind, purpose, gfs_code, currency')

/**
 * How many rows of ledger_totals differ from a recomputation over the approved entries — kept
 * rows missing, extra or with other sums: 0 when the triggers kept it right (ADR 10). Reads every
 * approved entry, so it is for proofs (db:copy, tests), not for pages.
 */
export async function keptTotalsDrift(db: Database): Promise<number> {
  const { rows } = await sql<{ drift: number | string }>`
    with kept as (
      select ${KEY}, cast(pkr_amount_minor as text) as pkr, cast(amount_minor as text) as amount, cast(entry_count as text) as n from ledger_totals
    ), recomputed as (
      select project_id, from_party_id, to_party_id, fiscal_year, kind, coalesce(purpose, '') as purpose, coalesce(gfs_code, '') as gfs_code, currency,
        cast(sum(pkr_amount_minor) as text) as pkr, cast(sum(amount_minor) as text) as amount, cast(count(*) as text) as n
      from ledger_entries where status = 'approved'
      group by project_id, from_party_id, to_party_id, fiscal_year, kind, coalesce(purpose, ''), coalesce(gfs_code, ''), currency
    )
    select (select count(*) from (select * from kept except select * from recomputed) as extra)
      + (select count(*) from (select * from recomputed except select * from kept) as missing) as drift`.execute(db)
  return Number(rows[0]!.drift)
}
