import type { Database } from '../../db/client'
import type { Province } from '../../db/schema'
import { namesOf } from '../i18n/local-name'
import type { BeneficiaryChoice, LocalityChoice } from './beneficiary-choices'

/**
 * What a disbursement form offers as payee and place, marked with what puts each near the
 * officer's own trusts: a payee those trusts have paid before, or anything in a district they serve
 * (a trust's own district and those of its projects). Ordering and grouping is beneficiary-choices.ts's.
 */
export async function listBeneficiaryChoices(db: Database, trustIds: readonly number[]): Promise<BeneficiaryChoice[]> {
  const [served, paid, rows] = await Promise.all([
    servedDistricts(db, trustIds),
    trustIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('ledger_entries')
          .select('to_party_id')
          .distinct()
          .where('kind', '=', 'disbursement')
          .where('status', 'in', ['approved', 'pending'])
          .where('from_party_id', 'in', [...trustIds])
          .execute(),
    db.selectFrom('parties').select(['id', 'name_en', 'name_ur', 'name_bal', 'district', 'province']).where('kind', '=', 'beneficiary').execute(),
  ])
  const paidBefore = new Set(paid.map((r) => r.to_party_id))
  return rows.map((r) => ({
    id: r.id,
    name: namesOf(r),
    district: r.district,
    province: r.province,
    paidBefore: paidBefore.has(r.id),
    nearby: r.district !== null && served.has(r.district),
  }))
}

export async function listLocalityChoices(db: Database, trustIds: readonly number[]): Promise<LocalityChoice[]> {
  const [served, rows] = await Promise.all([
    servedDistricts(db, trustIds),
    db.selectFrom('localities').select(['id', 'kind', 'name_en', 'name_ur', 'name_bal', 'district', 'province']).execute(),
  ])
  return rows.map((r) => ({ id: r.id, kind: r.kind, name: namesOf(r), district: r.district, province: r.province as Province, paidBefore: false, nearby: served.has(r.district) }))
}

/** The districts of the trusts themselves and of the projects they are linked to. */
async function servedDistricts(db: Database, trustIds: readonly number[]): Promise<Set<string>> {
  if (trustIds.length === 0) return new Set()
  const [trusts, projects] = await Promise.all([
    db.selectFrom('parties').select('district').where('id', 'in', [...trustIds]).execute(),
    db
      .selectFrom('trust_projects as tp')
      .innerJoin('projects as p', 'p.id', 'tp.project_id')
      .select('p.district')
      .where('tp.trust_party_id', 'in', [...trustIds])
      .execute(),
  ])
  return new Set([...trusts, ...projects].map((r) => r.district).filter((d): d is string => d !== null))
}
