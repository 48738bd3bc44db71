// Joining two victim records found to be one person, by a person or by intake (a record that linked
// to both): the merged victim points at the kept one, and everything that follows from that.
import type { Queryable } from '../db/transaction.ts'
import { closeReviewsBetween } from './match-reviews.ts'
import { keepMostCareful, markMerged, repointToVictim, victimsMergedInto } from './victims.ts'

/**
 * Folds `mergeId` into `keepId`: marked merged, every referral and received record first linked to it
 * (or to victims merged into it) follows, the possible-match tasks between the two close, and the kept
 * victim takes the more careful of each safe-contact answer (a "no" from either stands). Restricted
 * status follows the referrals, so the kept victim is restricted for every pathway either was. The
 * caller holds the intake lock and audits.
 */
export async function mergeVictimRecords(
  db: Queryable,
  keepId: string,
  mergeId: string,
  byUserId: string | null,
): Promise<{ referrals: number; receipts: number; reviewsClosed: number }> {
  await markMerged(db, mergeId, keepId, byUserId)
  const moved = await repointToVictim(db, [mergeId, ...(await victimsMergedInto(db, mergeId))], keepId)
  await keepMostCareful(db, keepId, mergeId)
  const reviewsClosed = await closeReviewsBetween(db, keepId, mergeId, byUserId)
  return { ...moved, reviewsClosed }
}
