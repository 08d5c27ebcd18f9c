import type { Database } from '../../db/client'
import type { AuditAction, AuditDetails } from './audit-actions'
import { addDays } from '../domain/employment'
import { startOfPakistanDay } from '../domain/fiscal-year'

export interface AuditEventInput {
  actorUserId: number | null
  action: AuditAction
  targetType?: string
  targetId?: string | number
  ip?: string | null
  userAgent?: string | null
  details?: AuditDetails
}

/** Where a request came from, carried into the audit events it causes. */
export type RequestMeta = Pick<AuditEventInput, 'ip' | 'userAgent'>

/** Appends one audit event. Pass the transaction (a Transaction is a Database) of the change it records, so both land or neither. */
export async function recordAuditEvent(db: Database, event: AuditEventInput, now = new Date()): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at: now.toISOString(),
      actor_user_id: event.actorUserId,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId === undefined ? null : String(event.targetId),
      ip: event.ip ?? null,
      user_agent: event.userAgent ?? null,
      details: event.details ? JSON.stringify(event.details) : null,
    })
    .execute()
}

export interface AuditFilters {
  action?: string
  actorEmail?: string
  /** Inclusive calendar dates, YYYY-MM-DD, in Pakistan: the days the page shows its times in. */
  from?: string
  to?: string
}

export interface AuditEventView {
  id: number
  at: string
  action: string
  actor: { name: string; email: string } | null
  targetType: string | null
  targetId: string | null
  ip: string | null
  userAgent: string | null
  /** What was recorded with the event, as it was recorded (keys from AUDIT_DETAIL_KEYS). */
  details: Record<string, unknown> | null
}

/** The newest events first, `limit` at a time; `beforeId` continues from the last one seen (keyset, not OFFSET). */
export async function listAuditEvents(db: Database, filters: AuditFilters, beforeId?: number, limit = 50): Promise<{ events: AuditEventView[]; nextBeforeId: number | null }> {
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.at', 'e.action', 'e.target_type', 'e.target_id', 'e.ip', 'e.user_agent', 'e.details', 'u.name', 'u.email'])
    .orderBy('e.id', 'desc')
    .limit(limit + 1)
  if (beforeId !== undefined) query = query.where('e.id', '<', beforeId)
  if (filters.action) query = query.where('e.action', '=', filters.action)
  if (filters.actorEmail) query = query.where('u.email', '=', filters.actorEmail.trim().toLowerCase())
  if (filters.from) query = query.where('e.at', '>=', startOfPakistanDay(filters.from))
  if (filters.to) query = query.where('e.at', '<', startOfPakistanDay(addDays(filters.to, 1)))
  const rows = await query.execute()
  const page = rows.slice(0, limit)
  return {
    events: page.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      actor: r.email === null ? null : { name: r.name ?? r.email, email: r.email },
      targetType: r.target_type,
      targetId: r.target_id,
      ip: r.ip,
      userAgent: r.user_agent,
      details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
    })),
    nextBeforeId: rows.length > limit ? page[page.length - 1]!.id : null,
  }
}

/** The kinds of event that have happened, for the filter. */
export async function auditActions(db: Database): Promise<string[]> {
  const rows = await db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute()
  return rows.map((r) => r.action)
}
