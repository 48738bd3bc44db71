import type pg from 'pg'
import { withTransaction } from '../db/transaction.ts'
import { AuditChainVerifier, type ChainBreak } from '../domain/audit/hash-chain.ts'
import { appendAudit, auditRowsInOrder, recentAudit } from '../repositories/audit.ts'

/** Who did something and from where: every audited action carries one. */
export type Actor = {
  userId: string | null
  label: string
  ip: string | null
  requestId: string | null
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system', ip: null, requestId: null }

export type AuditEvent = {
  action: string
  recordType?: string
  recordId?: string
  details?: Record<string, unknown>
}

export type AuditVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; broken: ChainBreak }

const toEntry = (actor: Actor, event: AuditEvent) => ({
  actorUserId: actor.userId,
  actor: actor.label,
  action: event.action,
  recordType: event.recordType ?? null,
  recordId: event.recordId ?? null,
  ip: actor.ip,
  requestId: actor.requestId,
  details: event.details ?? {},
})

export function createAuditService(pool: pg.Pool) {
  return {
    /** Records an event on its own. */
    record: (actor: Actor, event: AuditEvent) =>
      withTransaction(pool, (client) => appendAudit(client, toEntry(actor, event))),

    /** Records an event inside the caller's transaction, so it commits or rolls back with the change. */
    recordWith: (client: pg.PoolClient, actor: Actor, event: AuditEvent) =>
      appendAudit(client, toEntry(actor, event)),

    recent: (filter: { recordType?: string; recordId?: string; action?: string; limit?: number }) =>
      recentAudit(pool, { ...filter, limit: filter.limit ?? 50 }),

    /** Walks the whole chain; the first row that does not follow from the ones before it is reported. */
    verify: async (): Promise<AuditVerification> => {
      const verifier = new AuditChainVerifier()
      for await (const row of auditRowsInOrder(pool)) {
        const broken = verifier.check(row)
        if (broken) return { ok: false, checked: verifier.checked, broken }
      }
      return { ok: true, checked: verifier.checked }
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
