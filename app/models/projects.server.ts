import type { Database } from '../../db/client'
import type { ProjectStatus, Province } from '../../db/schema'
import { namesOf, type LocalNames } from '../i18n/local-name'

export interface ProjectFilters {
  province?: Province
  mineral?: string
  status?: ProjectStatus
}

export interface ProjectSummary {
  id: number
  slug: string
  name: LocalNames
  operator: LocalNames
  province: Province
  district: string
  status: ProjectStatus
  licenceRef: string
  minerals: string[]
}

function projectQuery(db: Database) {
  return db
    .selectFrom('projects')
    .innerJoin('parties as operator', 'operator.id', 'projects.operator_party_id')
    .select([
      'projects.id',
      'projects.slug',
      'projects.name_en',
      'projects.name_ur',
      'projects.name_bal',
      'projects.province',
      'projects.district',
      'projects.status',
      'projects.licence_ref',
      'operator.name_en as operator_en',
      'operator.name_ur as operator_ur',
      'operator.name_bal as operator_bal',
    ])
}

async function withMinerals(db: Database, rows: Awaited<ReturnType<ReturnType<typeof projectQuery>['execute']>>): Promise<ProjectSummary[]> {
  if (rows.length === 0) return []
  const minerals = await db
    .selectFrom('project_minerals')
    .select(['project_id', 'mineral'])
    .where(
      'project_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('mineral')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: namesOf(r),
    operator: { en: r.operator_en, ur: r.operator_ur, bal: r.operator_bal },
    province: r.province,
    district: r.district,
    status: r.status,
    licenceRef: r.licence_ref,
    minerals: minerals.filter((m) => m.project_id === r.id).map((m) => m.mineral),
  }))
}

export async function listProjects(db: Database, filters: ProjectFilters = {}): Promise<ProjectSummary[]> {
  let query = projectQuery(db).orderBy('projects.province').orderBy('projects.name_en')
  if (filters.province) query = query.where('projects.province', '=', filters.province)
  if (filters.status) query = query.where('projects.status', '=', filters.status)
  if (filters.mineral) {
    const mineral = filters.mineral
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('project_minerals as pm').select('pm.project_id').whereRef('pm.project_id', '=', 'projects.id').where('pm.mineral', '=', mineral)),
    )
  }
  return withMinerals(db, await query.execute())
}

export async function findProjectBySlug(db: Database, slug: string): Promise<ProjectSummary | null> {
  const row = await projectQuery(db).where('projects.slug', '=', slug).executeTakeFirst()
  return row ? ((await withMinerals(db, [row]))[0] ?? null) : null
}

/** The values present in the data, to offer as filter choices. */
export async function projectFacets(db: Database): Promise<{ provinces: Province[]; minerals: string[]; statuses: ProjectStatus[] }> {
  const [provinces, minerals, statuses] = await Promise.all([
    db.selectFrom('projects').select('province').distinct().orderBy('province').execute(),
    db.selectFrom('project_minerals').select('mineral').distinct().orderBy('mineral').execute(),
    db.selectFrom('projects').select('status').distinct().orderBy('status').execute(),
  ])
  return {
    provinces: provinces.map((r) => r.province),
    minerals: minerals.map((r) => r.mineral),
    statuses: statuses.map((r) => r.status),
  }
}

/** The trusts that serve a project's communities. */
export async function trustsOfProject(db: Database, projectId: number): Promise<Array<{ id: number; slug: string; name: LocalNames }>> {
  const rows = await db
    .selectFrom('trust_projects')
    .innerJoin('parties', 'parties.id', 'trust_projects.trust_party_id')
    .select(['parties.id', 'parties.slug', 'parties.name_en', 'parties.name_ur', 'parties.name_bal'])
    .where('trust_projects.project_id', '=', projectId)
    .orderBy('parties.name_en')
    .execute()
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: namesOf(r) }))
}
