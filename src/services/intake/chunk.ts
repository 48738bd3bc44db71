// One chunk of prepared records through intake, inside the caller's transaction and under the intake
// lock: fetch what the hub already holds about them, decide each (domain/intake/decide-chunk.ts), and
// store what was decided.
import type pg from 'pg'
import type { ChunkDecision } from '../../domain/intake/chunk-decision.ts'
import { lookupsFor } from '../../domain/intake/chunk-knowledge.ts'
import { type ChunkRules, decideChunk } from '../../domain/intake/decide-chunk.ts'
import type { Prepared } from '../../domain/intake/prepare.ts'
import { fetchChunkKnowledge, storeChunkDecision } from '../../repositories/intake-chunk.ts'

export interface ChunkSettings extends ChunkRules {
  /** Blocking keys shared by more snapshots than this are ignored (see findCandidateIdentities). */
  stopKeyCap: number
  /**
   * Release of a quarantined record: decided again from step 2 (it is the same message, so no resend
   * check) and its receipt updated by the caller instead of inserted.
   */
  releasing?: string
}

export async function processChunk(
  client: pg.PoolClient,
  prepared: readonly Prepared[],
  settings: ChunkSettings,
): Promise<ChunkDecision> {
  const known = await fetchChunkKnowledge(
    client,
    lookupsFor(prepared, { release: settings.releasing !== undefined }),
    {
      organisationId: settings.organisationId,
      stopKeyCap: settings.stopKeyCap,
      ...(settings.releasing ? { releasing: settings.releasing } : {}),
    },
  )
  const decision = decideChunk(prepared, known, settings)
  await storeChunkDecision(client, decision, { insertReceipts: settings.releasing === undefined })
  return decision
}
