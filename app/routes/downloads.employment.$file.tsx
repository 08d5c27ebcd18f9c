import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { db } from '~/db.server'
import { toCsv } from '~/domain/csv'
import { notFound } from '~/i18n/params'
import { COMPLIANCE_COLUMNS, complianceRows, QUOTA_COLUMNS, quotaRows, REPORT_COLUMNS, reportRows } from '~/models/employment-export.server'

export const handle: RouteHandle = { permission: 'public' }

const TABLES = {
  quotas: { columns: QUOTA_COLUMNS, rows: quotaRows },
  reports: { columns: REPORT_COLUMNS, rows: reportRows },
  compliance: { columns: COMPLIANCE_COLUMNS, rows: complianceRows },
} as const

const LICENCE = 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)'

/** Quotas, approved reports and computed compliance as CSV (Excel-friendly) or JSON. Aggregates only. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'public')
  const match = /^(quotas|reports|compliance)\.(csv|json)$/.exec(args.params.file ?? '')
  if (!match) notFound()
  const [, name, format] = match as unknown as [string, keyof typeof TABLES, 'csv' | 'json']
  const table = TABLES[name]
  const rows = (await table.rows(db)) as unknown as Array<Record<string, string | number | boolean | null>>
  const headers = { 'Content-Disposition': `attachment; filename="hisaab-employment-${name}.${format}"`, 'X-License': LICENCE, 'Cache-Control': 'public, max-age=300' }
  if (format === 'csv') {
    return new Response(toCsv(table.columns as readonly string[], rows), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } })
  }
  return new Response(JSON.stringify({ licence: LICENCE, columns: table.columns, rows }, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2), {
    headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
  })
}
