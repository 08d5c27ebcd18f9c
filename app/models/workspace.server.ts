import type { Database } from '../../db/client'
import type { Currency, EntryKind } from '../../db/schema'
import { toMinor } from '../domain/money'
import { namesOf, type LocalNames } from '../i18n/local-name'

/** Entries that touch a trust (paid to it or by it) and are not public yet. */
export interface PendingEntry {
  id: number
  kind: EntryKind
  valueDate: string
  currency: Currency
  amountMinor: bigint
  counterparty: LocalNames
  recordedBy: string | null
  recordedAt: string
}

export async function pendingEntriesOfTrust(db: Database, trustPartyId: number): Promise<PendingEntry[]> {
  const rows = await db
    .selectFrom('ledger_entries as e')
    // The other side of each entry: the beneficiary of a disbursement, the payer of a receipt.
    .innerJoin('parties as other', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('e.from_party_id', '=', trustPartyId), eb('other.id', '=', eb.ref('e.to_party_id'))]),
          eb.and([eb('e.to_party_id', '=', trustPartyId), eb('other.id', '=', eb.ref('e.from_party_id'))]),
        ]),
      ),
    )
    .leftJoin('users as u', 'u.id', 'e.created_by_user_id')
    .select(['e.id', 'e.kind', 'e.value_date', 'e.currency', 'e.amount_minor', 'e.created_at', 'u.name as recorded_by', 'other.name_en', 'other.name_ur', 'other.name_bal'])
    .where('e.status', '=', 'pending')
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    valueDate: r.value_date,
    currency: r.currency,
    amountMinor: toMinor(r.amount_minor),
    counterparty: namesOf(r),
    recordedBy: r.recorded_by,
    recordedAt: r.created_at,
  }))
}

/** How many entries wait for approval, per trust they touch. */
export async function pendingCountsByTrust(db: Database): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('parties as p', (join) => join.on((eb) => eb.or([eb('p.id', '=', eb.ref('e.from_party_id')), eb('p.id', '=', eb.ref('e.to_party_id'))])))
    .select(['p.id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('e.status', '=', 'pending')
    .where('p.kind', '=', 'trust')
    .groupBy('p.id')
    .execute()
  return new Map(rows.map((r) => [r.id, Number(r.n)]))
}
