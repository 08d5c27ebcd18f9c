import type { Database } from '../../db/client'
import { namesOf, type LocalNames } from '../i18n/local-name'

export interface TrustSummary {
  id: number
  slug: string
  name: LocalNames
  district: string | null
  projects: Array<{ slug: string; name: LocalNames }>
}

async function withProjects(db: Database, trusts: Array<{ id: number; slug: string; name_en: string; name_ur: string; name_bal: string; district: string | null }>): Promise<TrustSummary[]> {
  if (trusts.length === 0) return []
  const links = await db
    .selectFrom('trust_projects')
    .innerJoin('projects', 'projects.id', 'trust_projects.project_id')
    .select(['trust_projects.trust_party_id', 'projects.slug', 'projects.name_en', 'projects.name_ur', 'projects.name_bal'])
    .where(
      'trust_projects.trust_party_id',
      'in',
      trusts.map((t) => t.id),
    )
    .orderBy('projects.name_en')
    .execute()
  return trusts.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: namesOf(t),
    district: t.district,
    projects: links.filter((l) => l.trust_party_id === t.id).map((l) => ({ slug: l.slug, name: namesOf(l) })),
  }))
}

function trustQuery(db: Database) {
  return db.selectFrom('parties').select(['id', 'slug', 'name_en', 'name_ur', 'name_bal', 'district']).where('kind', '=', 'trust')
}

export async function listTrusts(db: Database): Promise<TrustSummary[]> {
  return withProjects(db, await trustQuery(db).orderBy('name_en').execute())
}

export async function findTrustBySlug(db: Database, slug: string): Promise<TrustSummary | null> {
  const row = await trustQuery(db).where('slug', '=', slug).executeTakeFirst()
  return row ? ((await withProjects(db, [row]))[0] ?? null) : null
}
