import { z } from 'zod'
import type { ProjectFilters } from './projects.server'

const FilterSchema = z.object({
  province: z.enum(['balochistan', 'khyber_pakhtunkhwa', 'gilgit_baltistan', 'punjab', 'sindh', 'federal']),
  mineral: z.string().regex(/^[a-z_]{1,40}$/),
  status: z.enum(['exploration', 'development', 'production', 'closed']),
})

/**
 * Reads the projects page's filters from the query string. A value that is not one we know is
 * dropped rather than failing the page, and reported so the page can say it was ignored.
 */
export function parseProjectFilters(search: URLSearchParams): { filters: ProjectFilters; ignored: string[] } {
  const filters: ProjectFilters = {}
  const ignored: string[] = []
  for (const key of ['province', 'mineral', 'status'] as const) {
    const raw = search.get(key)
    if (raw === null || raw === '') continue
    const parsed = FilterSchema.shape[key].safeParse(raw)
    if (parsed.success) Object.assign(filters, { [key]: parsed.data })
    else ignored.push(key)
  }
  return { filters, ignored }
}
