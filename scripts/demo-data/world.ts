import type { Database } from '../../db/client'
import type { BeneficiaryKind } from '../../db/schema'
import { hashPassword } from '../../app/auth/passwords.server'
import {
  BENEFICIARY_NAMES,
  DEMO_CREATED_AT,
  GOVERNMENTS,
  PLACES,
  PROJECTS,
  SHARING_RULES,
  TRUSTS,
  USERS,
  type GovernmentKey,
  type Names,
  type ProjectKey,
  type ProjectSpec,
  type TrustKey,
  type TrustSpec,
} from './catalogue'

export interface Place {
  id: number
  kind: 'village' | 'union_council' | 'tehsil'
  names: Names
  district: string
}

export interface Beneficiary {
  id: number
  kind: BeneficiaryKind
  /** Which template made it: a village organisation, a kind of school or clinic, a contractor or the scholarship programme. */
  role: keyof typeof BENEFICIARY_NAMES | 'contractor' | 'scholarship'
  names: Names
  /** The village it serves, or null for contractors and scholarship programmes. */
  village: Place | null
  district: string
}

export interface World {
  adminId: number
  governments: Record<GovernmentKey, number>
  projects: Record<ProjectKey, { id: number; operatorId: number; spec: ProjectSpec }>
  trusts: Record<TrustKey, { id: number; spec: TrustSpec; officerIds: number[]; beneficiaries: Beneficiary[]; villages: Place[]; tehsils: Place[] }>
}

/** Every demo account's password. Demo only, and meant to be published with the demo. */
export const DEMO_PASSWORD = 'hisaab-demo-password'

/**
 * The demo admin's and auditor's TOTP secrets, published so that anyone trying the demo (and the
 * end-to-end tests) can compute their codes. Demo only. They are the base32 of the ASCII text
 * 'hisaab-demo-admin-01' and 'hisaab-demo-auditor1'.
 */
export const DEMO_TOTP_SECRETS = {
  admin: 'NBUXGYLBMIWWIZLNN4WWCZDNNFXC2MBR',
  auditor: 'NBUXGYLBMIWWIZLNN4WWC5LENF2G64RR',
} as const

/** Inserts everything that is not a ledger entry or an employment report, in one transaction. */
export async function buildWorld(db: Database): Promise<World> {
  // One argon2 hash (~50 ms) shared by every demo user: salting each would only slow the seed.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  return db.transaction().execute(async (trx) => {
    const createdAt = DEMO_CREATED_AT

    const places: Array<Place & { key: string }> = []
    for (const tree of PLACES) {
      for (const tehsil of tree.tehsils) {
        const tehsilId = await insertLocality(trx, 'tehsil', tehsil.names, tree.district, tree.province, null)
        places.push({ id: tehsilId, key: `tehsil:${tehsil.key}`, kind: 'tehsil', names: tehsil.names, district: tree.district })
        for (const uc of tehsil.unionCouncils) {
          const ucId = await insertLocality(trx, 'union_council', uc.names, tree.district, tree.province, tehsilId)
          places.push({ id: ucId, key: `uc:${uc.key}`, kind: 'union_council', names: uc.names, district: tree.district })
          for (const village of uc.villages) {
            const villageId = await insertLocality(trx, 'village', village.names, tree.district, tree.province, ucId)
            places.push({ id: villageId, key: `village:${village.key}`, kind: 'village', names: village.names, district: tree.district })
          }
        }
      }
    }

    const insertParty = async (values: {
      slug: string
      kind: 'company' | 'government_federal' | 'government_provincial' | 'trust' | 'beneficiary'
      beneficiaryKind?: BeneficiaryKind
      names: Names
      province: ProjectSpec['province'] | null
      district: string | null
      localityId?: number | null
      registrationRef?: string | null
    }) => {
      const row = await trx
        .insertInto('parties')
        .values({
          slug: values.slug,
          kind: values.kind,
          beneficiary_kind: values.beneficiaryKind ?? null,
          name_en: values.names.en,
          name_ur: values.names.ur,
          name_bal: values.names.bal,
          province: values.province,
          district: values.district,
          locality_id: values.localityId ?? null,
          registration_ref: values.registrationRef ?? null,
          created_at: createdAt,
          catalogued_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    }

    const governments = {} as World['governments']
    for (const g of GOVERNMENTS) {
      governments[g.key] = await insertParty({ slug: g.slug, kind: g.kind, names: g.names, province: g.province, district: null })
    }

    const projects = {} as World['projects']
    for (const spec of PROJECTS) {
      const operatorId = await insertParty({ slug: spec.operator.slug, kind: 'company', names: spec.operator.names, province: spec.province, district: spec.district, registrationRef: spec.operator.registrationRef })
      const { id } = await trx
        .insertInto('projects')
        .values({
          slug: spec.slug,
          name_en: spec.names.en,
          name_ur: spec.names.ur,
          name_bal: spec.names.bal,
          operator_party_id: operatorId,
          province: spec.province,
          district: spec.district,
          status: spec.status,
          licence_ref: spec.licenceRef,
          created_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('project_minerals')
        .values(spec.minerals.map((mineral) => ({ project_id: id, mineral })))
        .execute()
      projects[spec.key] = { id, operatorId, spec }
    }

    const trusts = {} as World['trusts']
    for (const spec of TRUSTS) {
      const id = await insertParty({ slug: spec.slug, kind: 'trust', names: spec.names, province: spec.province, district: spec.district, registrationRef: spec.registrationRef })
      for (const project of PROJECTS.filter((p) => p.trust === spec.key)) {
        await trx.insertInto('trust_projects').values({ trust_party_id: id, project_id: projects[project.key].id }).execute()
      }

      const beneficiaries: Beneficiary[] = []
      const villages: Place[] = []
      const tehsils: Place[] = []
      for (const tree of PLACES.filter((t) => spec.districts.includes(t.district))) {
        for (const tehsil of tree.tehsils) {
          tehsils.push(placeOf(places, `tehsil:${tehsil.key}`))
          for (const village of tehsil.unionCouncils.flatMap((uc) => uc.villages)) {
            const place = placeOf(places, `village:${village.key}`)
            villages.push(place)
            const roles = (['vo', village.school, village.clinic] as const).filter((r) => r !== undefined)
            for (const role of roles) {
              const template = BENEFICIARY_NAMES[role]
              const names = template.name(village.names)
              const beneficiaryId = await insertParty({ slug: `${beneficiarySlugPrefix[role]}-${village.key}`, kind: 'beneficiary', beneficiaryKind: template.kind, names, province: tree.province, district: tree.district, localityId: place.id })
              beneficiaries.push({ id: beneficiaryId, kind: template.kind, role, names, village: place, district: tree.district })
            }
          }
        }
      }
      for (const contractor of spec.contractors) {
        const contractorId = await insertParty({ slug: contractor.slug, kind: 'beneficiary', beneficiaryKind: 'contractor', names: contractor.names, province: spec.province, district: spec.district })
        beneficiaries.push({ id: contractorId, kind: 'contractor', role: 'contractor', names: contractor.names, village: null, district: spec.district })
      }
      const scholarshipId = await insertParty({ slug: spec.scholarship.slug, kind: 'beneficiary', beneficiaryKind: 'scholarship_programme', names: spec.scholarship.names, province: spec.province, district: spec.district })
      beneficiaries.push({ id: scholarshipId, kind: 'scholarship_programme', role: 'scholarship', names: spec.scholarship.names, village: null, district: spec.district })

      trusts[spec.key] = { id, spec, officerIds: [], beneficiaries, villages, tehsils }
    }

    let adminId = 0
    for (const user of USERS) {
      const { id } = await trx
        .insertInto('users')
        .values({
          email: user.email,
          name: user.name,
          role: user.role,
          preferred_lang: user.lang,
          password_hash: passwordHash,
          password_changed_at: createdAt,
          totp_secret: user.role === 'officer' ? null : DEMO_TOTP_SECRETS[user.role],
          totp_enabled_at: user.role === 'officer' ? null : createdAt,
          is_active: 1,
          is_demo: 1,
          created_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (user.role === 'admin') adminId = id
      for (const trustKey of user.trusts) {
        const trust = trusts[trustKey]
        trust.officerIds.push(id)
        await trx.insertInto('user_scopes').values({ user_id: id, trust_party_id: trust.id, project_id: null }).execute()
        for (const project of PROJECTS.filter((p) => p.trust === trustKey)) {
          await trx.insertInto('user_scopes').values({ user_id: id, trust_party_id: null, project_id: projects[project.key].id }).execute()
        }
      }
    }
    for (const trust of Object.values(trusts)) {
      if (trust.officerIds.length < 2) throw new Error(`Trust ${trust.spec.slug} needs two officers for four-eyes approval`)
    }

    for (const rule of SHARING_RULES) {
      await trx
        .insertInto('revenue_sharing_rules')
        .values({
          project_id: projects[rule.project].id,
          trust_party_id: trusts[rule.trust].id,
          gfs_code: '1415E1',
          share_basis_points: rule.basisPoints,
          valid_from: rule.validFrom,
          valid_to: rule.validTo,
          notes: rule.notes,
          created_by_user_id: adminId,
          created_at: createdAt,
        })
        .execute()
    }

    return { adminId, governments, projects, trusts }
  })
}

const beneficiarySlugPrefix: Record<keyof typeof BENEFICIARY_NAMES, string> = {
  vo: 'vo',
  girls_primary: 'ggps',
  boys_middle: 'gbms',
  high: 'ghs',
  bhu: 'bhu',
  rhc: 'rhc',
}

async function insertLocality(db: Database, kind: Place['kind'], names: Names, district: string, province: ProjectSpec['province'], parentId: number | null): Promise<number> {
  const { id } = await db
    .insertInto('localities')
    .values({ kind, name_en: names.en, name_ur: names.ur, name_bal: names.bal, district, province, parent_id: parentId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

function placeOf(places: Array<Place & { key: string }>, key: string): Place {
  const place = places.find((p) => p.key === key)
  if (!place) throw new Error(`No demo locality ${key}`)
  return { id: place.id, kind: place.kind, names: place.names, district: place.district }
}
