import type { Database } from '../../db/client'

export interface AuditEventInput {
  actorUserId: number | null
  action: string
  targetType?: string
  targetId?: string | number
  ip?: string | null
  userAgent?: string | null
  details?: Record<string, unknown>
}

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
