import type pg from 'pg'
import { withTransaction } from '../db/transaction.ts'
import { type AuditCheckpoint, type ChainSeen, checkAgainstCheckpoint } from '../domain/audit/checkpoint.ts'
import { AuditChainVerifier, type ChainBreak } from '../domain/audit/hash-chain.ts'
import {
  appendAudit,
  auditHashOf,
  auditRowsAfter,
  auditRowsInOrder,
  firstAuditHash,
  recentAudit,
} from '../repositories/audit.ts'
import { readCheckpoint, writeCheckpoint } from './audit-checkpoint-file.ts'

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
  | { ok: true; checked: number; endChecked: boolean }
  | { ok: false; checked: number; broken: ChainBreak }

export type CheckpointOutcome = { ok: true; checkpoint?: AuditCheckpoint } | { ok: false; problem: string }

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

/**
 * The audit log. With a checkpoint file, the head of the chain (rows, last id and hash) is also kept
 * outside the database, and verification checks the chain still reaches it (docs/adr/0020).
 */
export function createAuditService(pool: pg.Pool, options: { checkpointFile?: string | undefined } = {}) {
  const { checkpointFile } = options

  /**
   * Moves the checkpoint to the chain's present head, unless the chain no longer holds the checkpoint
   * already taken: then the old one is kept as the evidence, and the problem is returned.
   */
  const checkpoint = async (): Promise<CheckpointOutcome> => {
    if (!checkpointFile) return { ok: true }
    const chain = await firstAuditHash(pool)
    if (!chain) return { ok: true }
    const previous = await readCheckpoint(checkpointFile, chain)
    if (previous && (await auditHashOf(pool, previous.lastId)) !== previous.lastHash) {
      return {
        ok: false,
        problem: `row ${previous.lastId}, the end of the log at ${previous.at}, is missing or changed`,
      }
    }
    const after = await auditRowsAfter(pool, previous?.lastId ?? 0)
    if (!after) return { ok: true, ...(previous ? { checkpoint: previous } : {}) }
    const next: AuditCheckpoint = {
      rows: (previous?.rows ?? 0) + after.count,
      lastId: after.lastId,
      lastHash: after.lastHash,
      at: new Date().toISOString(),
    }
    await writeCheckpoint(checkpointFile, chain, next)
    return { ok: true, checkpoint: next }
  }

  return {
    checkpoint,

    /** Records an event on its own. */
    record: (actor: Actor, event: AuditEvent) =>
      withTransaction(pool, (client) => appendAudit(client, toEntry(actor, event))),

    /** Records an event inside the caller's transaction, so it commits or rolls back with the change. */
    recordWith: (client: pg.PoolClient, actor: Actor, event: AuditEvent) =>
      appendAudit(client, toEntry(actor, event)),

    recent: (filter: { recordType?: string; recordId?: string; action?: string; limit?: number }) =>
      recentAudit(pool, { ...filter, limit: filter.limit ?? 50 }),

    /**
     * Walks the whole chain; the first row that does not follow from the ones before it is reported, and
     * then whether the chain still reaches the checkpoint kept outside the database. A log that passes
     * is checkpointed at its present end.
     */
    verify: async (): Promise<AuditVerification> => {
      const chain = checkpointFile ? await firstAuditHash(pool) : undefined
      const pinned = checkpointFile && chain ? await readCheckpoint(checkpointFile, chain) : undefined
      const verifier = new AuditChainVerifier()
      const seen: ChainSeen = { rows: 0, lastId: 0 }
      for await (const row of auditRowsInOrder(pool)) {
        const broken = verifier.check(row)
        if (broken) return { ok: false, checked: verifier.checked, broken }
        seen.rows = verifier.checked
        seen.lastId = row.id
        if (row.id === pinned?.lastId) seen.atCheckpoint = { hash: row.hash, position: verifier.checked }
      }
      if (pinned) {
        const broken = checkAgainstCheckpoint(seen, pinned)
        if (broken) return { ok: false, checked: verifier.checked, broken }
      }
      if (checkpointFile) await checkpoint()
      return { ok: true, checked: verifier.checked, endChecked: checkpointFile !== undefined }
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
