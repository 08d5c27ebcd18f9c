import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { LICENCE } from '~/exports/ledger-formats'
import { jsonRow } from '~/exports/open-tables'
import { conditionalResponse } from '~/http/conditional.server'
import { notFound } from '~/i18n/params'
import { latestCheckpoint } from '~/models/ledger-tree.server'
import { OPEN_TABLES } from '~/models/open-data.server'
import { parseProjectFilters } from '~/models/project-filters'
import type { ProjectFilters } from '~/models/projects.server'

export const handle: RouteHandle = { permission: 'public' }

/**
 * Every other public list as JSON, whole (each is small) — projects with the projects page's
 * filters (province, mineral, status): projects, parties, trusts, sharing_gaps,
 * employment_quotas, employment_reports, employment_compliance — the open data set's tables, with
 * the columns the data dictionary (/data) describes. The ledger, which is long, is /api/v1/ledger.
 */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const table = OPEN_TABLES.find((t) => t.name === args.params.table && t.name !== 'ledger')
  if (!table) notFound()
  const checkpoint = await latestCheckpoint(db)
  // Projects take the projects page's filters; the other lists are short and come whole.
  const { filters, ignored } = table.name === 'projects' ? parseProjectFilters(new URL(args.request.url).searchParams) : { filters: {} as ProjectFilters, ignored: [] }
  const keep = (row: Record<string, unknown>) =>
    (!filters.province || row.province === filters.province) &&
    (!filters.status || row.status === filters.status) &&
    (!filters.mineral || String(row.minerals).split('; ').includes(filters.mineral))
  const rows: Array<Record<string, unknown>> = []
  for await (const batch of table.rows(db, checkpoint?.size ?? 0)) {
    for (const row of batch) {
      const json = jsonRow(row)
      if (keep(json)) rows.push(json)
    }
  }
  const body = { licence: LICENCE, table: table.name, filters, ignored, columns: table.columns.map((c) => ({ name: c.name, type: c.type })), rows }
  return conditionalResponse(args.request, `${JSON.stringify(body)}\n`, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' })
}
