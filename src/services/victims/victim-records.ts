// A victim's record as staff see it (following merges, with every referral), and joining two records
// found to be one person, or separating them again. Merges take the intake lock, so a chunk being
// decided never matches against a victim half-way through a merge.
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { REPEAT_WINDOW_MS } from '../../domain/intake/decide-chunk.ts'
import { lockIntake } from '../../repositories/intake-chunk.ts'
import { type MatchReview, matchReviewsFor } from '../../repositories/match-reviews.ts'
import { referralsOfVictim, type VictimReferral } from '../../repositories/referrals.ts'
import { mergeVictimRecords } from '../../repositories/victim-merges.ts'
import * as victims from '../../repositories/victims.ts'
import type { Actor, AuditService } from '../audit.ts'
import { InputError } from '../errors.ts'

export interface VictimWithReferrals {
  victim: victims.StoredVictim
  /** The id asked for, when it had been merged into `victim`. */
  mergedFrom: string | null
  /** Every victim record merged (directly or in turn) into this one. */
  mergedVictimIds: string[]
  referrals: VictimReferral[]
  /** Referrals for this victim reported in the 12 months to today: repeat victimisation. */
  repeatCount12m: number
  matchReviews: MatchReview[]
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function createVictimRecords(pool: pg.Pool, audit: AuditService, clock: () => Date) {
  return {
    /** A victim (following merges) with their referrals, newest first, and the repeat count. */
    async victimWithReferrals(id: string): Promise<VictimWithReferrals | undefined> {
      if (!UUID.test(id)) return undefined
      const roots = await victims.victimRoots(pool, [id])
      const rootId = roots.get(id)
      if (!rootId) return undefined
      const victim = await victims.findVictim(pool, rootId)
      if (!victim) return undefined
      const list = await referralsOfVictim(pool, rootId)
      const mergedVictimIds = await victims.victimsMergedInto(pool, rootId)
      const since = clock().getTime() - REPEAT_WINDOW_MS
      return {
        victim,
        mergedFrom: rootId === id ? null : id,
        mergedVictimIds,
        referrals: list,
        repeatCount12m: list.filter((r) => new Date(r.reportedAt).getTime() >= since).length,
        matchReviews: await matchReviewsFor(pool, [rootId, ...mergedVictimIds]),
      }
    },

    /** Staff found two victim records to be one person: `mergeId` is folded into `keepId`. */
    async mergeVictims(keepId: string, mergeId: string, actor: Actor): Promise<void> {
      if (keepId === mergeId) throw new InputError('mergeId', 'A victim cannot be merged into itself')
      await withTransaction(pool, async (client) => {
        await lockIntake(client)
        const keep = await victims.findVictim(client, keepId, { forUpdate: true })
        const merge = await victims.findVictim(client, mergeId, { forUpdate: true })
        if (!keep) throw new InputError('keepId', 'No such victim')
        if (!merge) throw new InputError('mergeId', 'No such victim')
        if (keep.mergedInto) throw new InputError('keepId', 'That victim has been merged into another one')
        if (merge.mergedInto) throw new InputError('mergeId', 'That victim has already been merged')
        const moved = await mergeVictimRecords(client, keepId, mergeId, actor.userId)
        await audit.recordWith(client, actor, {
          action: 'victim.merged',
          recordType: 'victim',
          recordId: keepId,
          details: { merged: mergeId, ...moved },
        })
      })
    },

    /** Undoes a merge: the victim and everything first linked to it stand on their own again. */
    async unmergeVictim(mergedId: string, actor: Actor): Promise<void> {
      await withTransaction(pool, async (client) => {
        await lockIntake(client)
        const merged = await victims.findVictim(client, mergedId, { forUpdate: true })
        if (!merged) throw new InputError('mergedId', 'No such victim')
        if (!merged.mergedInto) throw new InputError('mergedId', 'That victim is not merged into another')
        const from = merged.mergedInto
        await victims.clearMerged(client, mergedId)
        const moved = await victims.repointToVictim(
          client,
          [mergedId, ...(await victims.victimsMergedInto(client, mergedId))],
          mergedId,
        )
        await audit.recordWith(client, actor, {
          action: 'victim.unmerged',
          recordType: 'victim',
          recordId: mergedId,
          details: { from, ...moved },
        })
      })
    },
  }
}
