// One chunk of prepared records through intake, inside the caller's transaction and under the intake
// lock: fetch what the hub already holds about them, decide each (domain/intake/decide-chunk.ts), and
// store what was decided.
import type pg from 'pg'
import type { ChunkDecision } from '../../domain/intake/chunk-decision.ts'
import { lookupsFor, namesToCount } from '../../domain/intake/chunk-knowledge.ts'
import { type ChunkRules, decideChunk } from '../../domain/intake/decide-chunk.ts'
import type { Prepared } from '../../domain/intake/prepare.ts'
import { fetchChunkKnowledge, storeChunkDecision } from '../../repositories/intake-chunk.ts'
import { victimNameCounts } from '../../repositories/victim-name-counts.ts'
import type { Actor, AuditService } from '../audit.ts'

export interface ChunkSettings extends ChunkRules {
  /** Blocking keys shared by more snapshots than this are ignored (see findCandidateIdentities). */
  stopKeyCap: number
  /**
   * Release of a quarantined record: decided again from step 2 (it is the same message, so no resend
   * check) and its receipt updated by the caller instead of inserted.
   */
  releasing?: string
}

/**
 * Decides and stores one chunk. Victims a record showed to be one person are merged, each merge audited
 * as `victim.merged` by the actor the records came from, with the record and the evidence.
 */
export async function processChunk(
  client: pg.PoolClient,
  prepared: readonly Prepared[],
  settings: ChunkSettings,
  auditing: { audit: AuditService; actor: Actor },
): Promise<ChunkDecision> {
  const stored = await fetchChunkKnowledge(
    client,
    lookupsFor(prepared, { release: settings.releasing !== undefined }),
    {
      organisationId: settings.organisationId,
      stopKeyCap: settings.stopKeyCap,
      ...(settings.releasing ? { releasing: settings.releasing } : {}),
    },
  )
  const nameCounts = await victimNameCounts(client, namesToCount(prepared, stored.identities))
  const decision = decideChunk(prepared, { ...stored, nameCounts }, settings)
  const merged = await storeChunkDecision(client, decision, {
    insertReceipts: settings.releasing === undefined,
  })
  for (const [i, m] of decision.merges.entries()) {
    await auditing.audit.recordWith(client, auditing.actor, {
      action: 'victim.merged',
      recordType: 'victim',
      recordId: m.keepId,
      details: {
        merged: m.mergeId,
        automatic: true,
        reason: 'a record linked to both victims',
        receipt: m.receiptId,
        score: m.score,
        evidence: m.evidence,
        ...merged[i],
      },
    })
  }
  return decision
}
