// The storage side of deciding a chunk of received records: what the decision needs to know, fetched
// in a handful of batched queries, and what it decided, written as one multi-row statement per table.
// Both run inside the caller's transaction, under the intake lock.
import type pg from 'pg'
import type { Queryable } from '../db/transaction.ts'
import type { ChunkDecision } from '../domain/intake/chunk-decision.ts'
import type { ChunkKnowledge, ChunkLookups } from '../domain/intake/chunk-knowledge.ts'
import { insertMatchReviews } from './match-reviews.ts'
import {
  insertReceipts,
  markSuperseded,
  openQuarantineForCrimes,
  receiptsByReferralId,
} from './referral-receipts.ts'
import { acceptedReferralsForCrimes, insertReferrals, reportedReferralsOf } from './referrals.ts'
import { findCandidateIdentities, insertIdentities } from './victim-identities.ts'
import { mergeVictimRecords } from './victim-merges.ts'
import { addVictimNameCounts } from './victim-name-counts.ts'
import { insertVictims, refreshVictimContacts } from './victims.ts'

/** Serialises intake: matching and duplicate checks must see every record decided before them. */
export async function lockIntake(db: Queryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1)', [INTAKE_LOCK])
}
// Any constant works, as long as every process uses the same one (audit uses 4_181_103).
const INTAKE_LOCK = 4_181_110

/**
 * Everything stored that the decision over a chunk looks at: earlier records with the same referral
 * ids from this sender, identity snapshots sharing a blocking key, accepted and open quarantined
 * records for the same crimes, and when the victims it may link to were referred before.
 */
export async function fetchChunkKnowledge(
  db: Queryable,
  lookups: ChunkLookups,
  options: {
    organisationId: string | null
    /** Blocking keys shared by more snapshots than this are ignored (see findCandidateIdentities). */
    stopKeyCap: number
    /** The record being released is not a quarantined record it could supersede. */
    releasing?: string
  },
): Promise<Omit<ChunkKnowledge, 'nameCounts'>> {
  const priors = await receiptsByReferralId(db, options.organisationId, lookups.referralIds)
  const identities = await findCandidateIdentities(db, lookups.keys, options.stopKeyCap)
  const acceptedForCrimes = await acceptedReferralsForCrimes(db, lookups.crimes)
  const openQuarantine = (await openQuarantineForCrimes(db, lookups.crimes)).filter(
    (q) => q.receiptId !== options.releasing,
  )
  const reportedReferrals = await reportedReferralsOf(db, [
    ...identities.map((c) => c.victimId),
    ...acceptedForCrimes.map((a) => a.victimId),
  ])
  return { priors, identities, acceptedForCrimes, openQuarantine, reportedReferrals }
}

/**
 * Writes what was decided, merges last (they move referrals stored just before). A release updates its one receipt itself (markReleased), so its receipt is
 * not inserted again.
 */
export async function storeChunkDecision(
  client: pg.PoolClient,
  decision: ChunkDecision,
  options: { insertReceipts: boolean },
): Promise<{ referrals: number; receipts: number; reviewsClosed: number }[]> {
  const at = decision.receivedAt
  await insertVictims(client, decision.newVictims, at)
  await refreshVictimContacts(client, decision.refreshedVictims, at)
  if (options.insertReceipts) await insertReceipts(client, decision.receipts, at)
  await insertReferrals(client, decision.referrals, decision)
  await insertIdentities(client, decision.identities, at)
  await insertMatchReviews(client, decision.matchReviews, at)
  await markSuperseded(client, decision.supersede)
  await addVictimNameCounts(client, decision.nameCountsAdded)
  const merged = []
  for (const m of decision.merges) merged.push(await mergeVictimRecords(client, m.keepId, m.mergeId, null))
  return merged
}
