import type { Database } from '../../db/client'
import type { BeneficiaryKind, PartyKind } from '../../db/schema'
import { namesOf, type LocalNames } from '../i18n/local-name'

export interface PartyChoice {
  id: number
  kind: PartyKind
  name: LocalNames
}

/** Parties of the given kinds, for the entry forms' pick lists. */
export async function listPartiesByKind(db: Database, kinds: readonly PartyKind[]): Promise<PartyChoice[]> {
  if (kinds.length === 0) return []
  const rows = await db.selectFrom('parties').select(['id', 'kind', 'name_en', 'name_ur', 'name_bal']).where('kind', 'in', kinds).orderBy('name_en').execute()
  return rows.map((r) => ({ id: r.id, kind: r.kind, name: namesOf(r) }))
}

export async function listLocalities(db: Database): Promise<Array<{ id: number; kind: string; district: string; name: LocalNames }>> {
  const rows = await db.selectFrom('localities').select(['id', 'kind', 'district', 'name_en', 'name_ur', 'name_bal']).orderBy('district').orderBy('name_en').execute()
  return rows.map((r) => ({ id: r.id, kind: r.kind, district: r.district, name: namesOf(r) }))
}

/** The revenue streams a payment can be classified under: the leaves of the GFS tree. */
export async function listRevenueStreams(db: Database): Promise<Array<{ code: string; nameEn: string }>> {
  const rows = await db
    .selectFrom('revenue_streams as s')
    .select(['s.gfs_code', 's.name_en'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('revenue_streams as child').select('child.gfs_code').whereRef('child.parent_code', '=', 's.gfs_code'))))
    .orderBy('s.gfs_code')
    .execute()
  return rows.map((r) => ({ code: r.gfs_code, nameEn: r.name_en }))
}

export interface NewBeneficiary {
  name: string
  beneficiaryKind: BeneficiaryKind
  district: string | null
}

/** The kinds of the given parties, to tell which side of an entry is a trust. */
export async function partyKinds(db: Database, ids: number[]): Promise<Map<number, PartyKind>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('parties').select(['id', 'kind']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r.kind]))
}

/**
 * The parties the public may know of, in the ledger of the first `upToSeq` published entries:
 * those in the catalogue, and those an approved entry among them names. A beneficiary typed into
 * a disbursement is not public while the entry waits, nor ever if it is rejected; the approval of
 * any entry naming it publishes it. Reading `upToSeq` keeps the list consistent with the
 * checkpoint a download names.
 */
export function publicParties(db: Database, upToSeq: number) {
  return db.selectFrom('parties as p').where((eb) => {
    const named = (side: 'e.from_party_id' | 'e.to_party_id') =>
      eb.exists(eb.selectFrom('ledger_entries as e').select('e.id').whereRef(side, '=', 'p.id').where('e.status', '=', 'approved').where('e.seq', '<=', upToSeq))
    return eb.or([eb('p.catalogued_at', 'is not', null), named('e.to_party_id'), named('e.from_party_id')])
  })
}
