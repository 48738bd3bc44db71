// Staff views of victims: who may see a restricted record, possible-match tasks, and settling a task
// as "not the same person". Merge and unmerge are intake's (services.intake).
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { mayViewRestricted, restrictedPathways, type Viewer } from '../../domain/victims/restricted.ts'
import {
  findMatchReview,
  markReviewDistinct,
  openMatchReviews,
  type VictimSummary,
  victimSummaries,
} from '../../repositories/victim-views.ts'
import { InputError } from '../accounts.ts'
import type { Actor, AuditService } from '../audit.ts'
import type { IntakeService } from '../intake/index.ts'

export type VisibleSummary =
  | ({ visible: true; restricted: boolean } & VictimSummary)
  | { visible: false; restricted: true; id: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function createVictimsService(pool: pg.Pool, audit: AuditService, intake: IntakeService) {
  const summariesFor = async (viewer: Viewer, ids: readonly string[]) => {
    const found = await victimSummaries(pool, ids)
    const out = new Map<string, VisibleSummary>()
    for (const [id, s] of found) {
      const pathways = restrictedPathways({
        categories: s.categories,
        cse: s.cse,
        domesticAbuse: s.domestic_abuse,
      })
      out.set(
        id,
        mayViewRestricted(viewer, pathways)
          ? { ...s, visible: true, restricted: pathways.length > 0 }
          : { id, visible: false, restricted: true },
      )
    }
    return out
  }

  /** Deciding whether two people are one needs seeing both: a restricted side refuses the action. */
  const assertVisible = async (viewer: Viewer, ids: readonly string[]) => {
    const summaries = await summariesFor(viewer, ids)
    if (ids.some((id) => summaries.get(id)?.visible !== true))
      throw new InputError('victim', 'One of these victims is a restricted record your team does not work')
  }

  const keepSeparate = async (reviewId: string, viewer: Viewer, actor: Actor, note?: string) => {
    if (!UUID.test(reviewId)) throw new InputError('review', 'No such possible match')
    await withTransaction(pool, async (client) => {
      const review = await findMatchReview(client, reviewId)
      if (!review) throw new InputError('review', 'No such possible match')
      await assertVisible(viewer, [review.incoming_victim_id, review.candidate_victim_id])
      if (!(await markReviewDistinct(client, reviewId, actor.userId, note ?? null)))
        throw new InputError('review', 'This possible match was already settled')
      await audit.recordWith(client, actor, {
        action: 'victim.match_rejected',
        recordType: 'match_review',
        recordId: reviewId,
        details: { incoming: review.incoming_victim_id, candidate: review.candidate_victim_id },
      })
    })
  }

  return {
    /**
     * A victim's page data, or `withheld` when the viewer may not see a restricted record. Every view
     * of a restricted record, shown or refused, is audited.
     */
    async page(id: string, viewer: Viewer & { actor: Actor }) {
      if (!UUID.test(id)) return undefined
      const data = await intake.victimWithReferrals(id)
      if (!data) return undefined
      const pathways = restrictedPathways({
        categories: data.referrals.map((r) => r.crime_category),
        cse: data.referrals.some((r) => r.flags.includes('cse')),
        domesticAbuse: data.referrals.some((r) => r.flags.includes('domestic_abuse')),
      })
      const allowed = mayViewRestricted(viewer, pathways)
      if (pathways.length > 0) {
        await audit.record(viewer.actor, {
          action: allowed ? 'record.viewed' : 'record.view_refused',
          recordType: 'victim',
          recordId: data.victim.id,
          details: { restricted: pathways },
        })
      }
      if (!allowed) return { withheld: true as const, id: data.victim.id, pathways }
      const others = data.matchReviews.flatMap((r) => [r.incoming_victim_id, r.candidate_victim_id])
      const summaries = await summariesFor(viewer, [...others, ...data.mergedVictimIds])
      return { withheld: false as const, ...data, pathways, summaries }
    },

    /** Open possible-match tasks with each side's summary, restricted sides hidden from those who may not see them. */
    async openReviews(viewer: Viewer) {
      const reviews = await openMatchReviews(pool, 200)
      const summaries = await summariesFor(
        viewer,
        reviews.flatMap((r) => [r.incoming_victim_id, r.candidate_victim_id]),
      )
      return reviews.map((r) => ({
        ...r,
        incoming: summaries.get(r.incoming_victim_id),
        candidate: summaries.get(r.candidate_victim_id),
      }))
    },

    /** The task's two victims: the one found earlier is kept, the new one is folded into it. */
    async mergeFromReview(reviewId: string, viewer: Viewer, actor: Actor): Promise<string> {
      if (!UUID.test(reviewId)) throw new InputError('review', 'No such possible match')
      const review = await withTransaction(pool, (client) => findMatchReview(client, reviewId))
      if (!review) throw new InputError('review', 'No such possible match')
      if (review.status !== 'open') throw new InputError('review', 'This possible match was already settled')
      await assertVisible(viewer, [review.incoming_victim_id, review.candidate_victim_id])
      const roots = await Promise.all(
        [review.candidate_victim_id, review.incoming_victim_id].map((v) => intake.victimWithReferrals(v)),
      )
      const keep = roots[0]?.victim.id
      const merge = roots[1]?.victim.id
      if (!keep || !merge) throw new InputError('review', 'No such victim')
      if (keep === merge) {
        // Already one victim through another merge: only the task is left to close.
        await keepSeparate(reviewId, viewer, actor, 'already the same victim')
        return keep
      }
      await intake.mergeVictims(keep, merge, actor)
      return keep
    },

    keepSeparate,

    /** Undoes a merge; the person must be able to see the victim it was merged into. */
    async unmerge(mergedId: string, viewer: Viewer, actor: Actor): Promise<void> {
      if (!UUID.test(mergedId)) throw new InputError('victim', 'No such victim')
      await assertVisible(viewer, [mergedId])
      await intake.unmergeVictim(mergedId, actor)
    },
  }
}

export type VictimsService = ReturnType<typeof createVictimsService>
