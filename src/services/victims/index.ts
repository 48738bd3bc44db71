// Staff views of victims: who may see a restricted record, a victim's page, finding a victim,
// possible-match tasks and settling them (the same person: merge; not: keep separate), and unmerging.
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { recordableSearchTerm } from '../../domain/audit/search-terms.ts'
import {
  type Sensitivity,
  scopeOf,
  sensitivityOf,
  sight,
  type AccessViewer as Viewer,
} from '../../domain/victims/access-policy.ts'
import { parseVictimSearch, type VictimSearchQuery } from '../../domain/victims/search-query.ts'
import { auditOfVictim } from '../../repositories/audit.ts'
import { findMatchReview, markReviewDistinct, openMatchReviews } from '../../repositories/match-reviews.ts'
import { findVictims, type VictimCriteria, type VictimSearchRow } from '../../repositories/victim-search.ts'
import { type VictimSummary, victimSummaries } from '../../repositories/victim-views.ts'
import { setRestrictedByHand } from '../../repositories/victims.ts'
import type { Actor, AuditService } from '../audit.ts'
import { InputError } from '../errors.ts'
import { createVictimRecords } from './victim-records.ts'

export type { MatchReview } from '../../repositories/match-reviews.ts'
export type { VictimReferral } from '../../repositories/referrals.ts'
export type { StoredVictim } from '../../repositories/victims.ts'
export type { VictimWithReferrals } from './victim-records.ts'

export type VisibleSummary =
  | ({ visible: true; restricted: boolean } & VictimSummary)
  | { visible: false; restricted: true; id: string }

/** At most this many victims are listed for one search; more asks the person to narrow it. */
export const SEARCH_RESULT_LIMIT = 50

/** The "who has seen this record" page shows at most this many audit rows, newest first. */
export const SEEN_BY_LIMIT = 500

export type VictimSearchResult =
  /** What a search lists of a victim the viewer may see: who, not what happened to them. */
  | ({ visible: true; restricted: boolean } & Omit<
      VictimSearchRow,
      'categories' | 'cse' | 'domesticAbuse' | 'restrictedByHand'
    >)
  /** A restricted victim the viewer may not see: that there is one, and nothing about who. */
  | { visible: false }

export type VictimSearchOutcome =
  | { ok: false; message: string }
  | { ok: true; query: VictimSearchQuery; results: VictimSearchResult[]; more: boolean }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether the viewer may see this victim, by the one access policy. */
const mayViewVictim = (viewer: Viewer, sensitivity: Sensitivity) =>
  sight(viewer, { kind: 'victim', sensitivity }) === 'full'
const restrictionOf = (s: Sensitivity) => [...s.pathways, ...(s.restrictedByHand ? ['by_hand' as const] : [])]

/**
 * Where each kind of search looks. Dates of birth, phones and emails are looked up by the blocking keys
 * intake stores for every identity snapshot (blockingKeys in src/domain/matching/candidate.ts, same
 * formats), so every value any referral gave is found, not only the latest, through one index.
 */
function criteriaFor(query: VictimSearchQuery): VictimCriteria {
  switch (query.kind) {
    case 'name':
      return { by: 'name', readings: query.readings }
    case 'date_of_birth':
      return { by: 'match_key', key: `dob:${query.isoDate}` }
    case 'phone':
      return { by: 'match_key', key: `ph:${query.e164}` }
    case 'email':
      return { by: 'match_key', key: `em:${query.email.toLowerCase()}` }
    case 'reference':
      return { by: 'reference', references: query.references }
    case 'record_id':
      return { by: 'record_id', id: query.id }
  }
}

export function createVictimsService(
  pool: pg.Pool,
  audit: AuditService,
  options: { clock?: () => Date } = {},
) {
  const records = createVictimRecords(pool, audit, options.clock ?? (() => new Date()))
  const summariesFor = async (viewer: Viewer, ids: readonly string[]) => {
    const found = await victimSummaries(pool, ids)
    const out = new Map<string, VisibleSummary>()
    for (const [id, s] of found) {
      const sensitivity = sensitivityOf(s)
      out.set(
        id,
        mayViewVictim(viewer, sensitivity)
          ? { ...s, visible: true, restricted: restrictionOf(sensitivity).length > 0 }
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
      await assertVisible(viewer, [review.incomingVictimId, review.candidateVictimId])
      if (!(await markReviewDistinct(client, reviewId, actor.userId, note ?? null)))
        throw new InputError('review', 'This possible match was already settled')
      await audit.recordWith(client, actor, {
        action: 'victim.match_rejected',
        recordType: 'match_review',
        recordId: reviewId,
        details: { incoming: review.incomingVictimId, candidate: review.candidateVictimId },
      })
    })
  }

  return {
    ...records,

    /**
     * A victim's page data, or `withheld` when the viewer may not see a restricted record. Every view
     * of a restricted record, shown or refused, is audited.
     */
    async page(id: string, viewer: Viewer & { actor: Actor }) {
      if (!UUID.test(id)) return undefined
      const data = await records.victimWithReferrals(id)
      if (!data) return undefined
      const sensitivity = sensitivityOf({
        categories: data.referrals.map((r) => r.crimeCategory),
        cse: data.referrals.some((r) => r.flags.includes('cse')),
        domesticAbuse: data.referrals.some((r) => r.flags.includes('domestic_abuse')),
        restrictedByHand: data.victim.restrictedByHand,
      })
      const pathways = sensitivity.pathways
      const allowed = mayViewVictim(viewer, sensitivity)
      if (restrictionOf(sensitivity).length > 0) {
        await audit.record(viewer.actor, {
          action: allowed ? 'record.viewed' : 'record.view_refused',
          recordType: 'victim',
          recordId: data.victim.id,
          details: { restricted: restrictionOf(sensitivity) },
        })
      }
      if (!allowed) return { withheld: true as const, id: data.victim.id, pathways }
      const others = data.matchReviews.flatMap((r) => [r.incomingVictimId, r.candidateVictimId])
      const summaries = await summariesFor(viewer, [...others, ...data.mergedVictimIds])
      return { withheld: false as const, ...data, pathways, summaries }
    },

    /**
     * "Who has seen this record": every audit row about the victim, its referrals and received records,
     * and the list views that showed them, newest first (docs/adr/0027). Only for a viewer who may see
     * the victim; opening it is itself a view of a restricted record, and audited as one.
     */
    async seenBy(id: string, viewer: Viewer & { actor: Actor }) {
      if (!UUID.test(id)) return undefined
      const data = await records.victimWithReferrals(id)
      if (!data) return undefined
      const sensitivity = sensitivityOf({
        categories: data.referrals.map((r) => r.crimeCategory),
        cse: data.referrals.some((r) => r.flags.includes('cse')),
        domesticAbuse: data.referrals.some((r) => r.flags.includes('domestic_abuse')),
        restrictedByHand: data.victim.restrictedByHand,
      })
      if (!mayViewVictim(viewer, sensitivity)) return undefined
      const rows = await auditOfVictim(pool, [data.victim.id, ...data.mergedVictimIds], SEEN_BY_LIMIT)
      if (restrictionOf(sensitivity).length > 0) {
        await audit.record(viewer.actor, {
          action: 'record.viewed',
          recordType: 'victim',
          recordId: data.victim.id,
          details: { restricted: restrictionOf(sensitivity), page: 'seen_by' },
        })
      }
      return { victim: data.victim, rows, more: rows.length === SEEN_BY_LIMIT }
    },

    /**
     * A manager restricts one victim by hand (only the first-contact team sees them then) or lifts it,
     * with a reason; both audited. Only someone who may see the victim may change it.
     */
    async setRestriction(
      id: string,
      viewer: Viewer & { actor: Actor },
      change: { restricted: boolean | undefined; reason: string },
    ): Promise<void> {
      const page = await this.page(id, viewer)
      if (!page || page.withheld) throw new InputError('victim', 'No such victim')
      const { restricted } = change
      if (restricted === undefined)
        throw new InputError('restricted', 'Choose whether to restrict this victim or lift the restriction')
      const reason = change.reason.trim()
      if (restricted && reason === '')
        throw new InputError('reason', 'Enter why only the first-contact team should see this victim')
      if (reason.length > 500) throw new InputError('reason', 'The reason must be 500 characters or fewer')
      await withTransaction(pool, async (client) => {
        await setRestrictedByHand(client, page.victim.id, {
          restricted,
          reason,
          by: viewer.actor.userId,
        })
        await audit.recordWith(client, viewer.actor, {
          action: restricted ? 'victim.restricted_by_hand' : 'victim.restriction_lifted',
          recordType: 'victim',
          recordId: page.victim.id,
          details: { reason },
        })
      })
    },

    /**
     * Victims matching what was typed (see parseVictimSearch), the first SEARCH_RESULT_LIMIT by name.
     * Restricted victims the viewer may not see are listed without anything that says who they are.
     * The search is audited by kind, not by what was typed when that is a name, date of birth, phone
     * or email (the audit log is not to become a second store of them); each restricted victim it
     * listed, shown or withheld, is audited against that victim as a view of the record.
     */
    async search(text: string, viewer: Viewer & { actor: Actor }): Promise<VictimSearchOutcome> {
      const parsed = parseVictimSearch(text)
      if (!parsed.ok) return parsed
      const { query } = parsed
      // The scope is applied in SQL: a victim it does not reach comes back without who it is.
      const scope = scopeOf(viewer).restricted
      const rows = await findVictims(pool, criteriaFor(query), SEARCH_RESULT_LIMIT + 1, scope)
      const more = rows.length > SEARCH_RESULT_LIMIT
      const listed = rows.slice(0, SEARCH_RESULT_LIMIT).map((row) => ({
        row,
        pathways: restrictionOf(sensitivityOf(row)),
        visible: row.visible,
      }))
      const restricted = listed.filter((l) => l.pathways.length > 0)
      await withTransaction(pool, async (client) => {
        const searchAuditId = await audit.recordWith(client, viewer.actor, {
          action: 'victims.searched',
          recordType: 'victim_search',
          details: {
            kind: query.kind,
            // Record identifiers are what an auditor needs to follow a search; they say nothing about a
            // person to someone without the records. Anything else typed beside a reference is masked.
            ...(query.kind === 'record_id' ? { searched: query.shown } : {}),
            ...(query.kind === 'reference' ? { searched: recordableSearchTerm(query.shown) } : {}),
            results: listed.length,
            more,
            victims: listed.map((l) => l.row.id),
            restricted: restricted.length,
            withheld: restricted.filter((l) => !l.visible).length,
          },
        })
        for (const l of restricted) {
          await audit.recordWith(client, viewer.actor, {
            action: 'record.listed',
            recordType: 'victim',
            recordId: l.row.id,
            details: { restricted: l.pathways, shown: l.visible, search: searchAuditId },
          })
        }
      })
      // Withheld victims go last, so their place among the names says nothing about theirs.
      const results: VictimSearchResult[] = [
        ...listed.filter((l) => l.visible).map(({ row, pathways }) => searchResult(row, pathways)),
        ...listed.filter((l) => !l.visible).map(() => ({ visible: false as const })),
      ]
      return { ok: true, query, results, more }
    },

    /**
     * Open possible-match tasks with each side's summary, restricted sides hidden from those who may not
     * see them. A list that shows restricted victims is audited once, with their ids.
     */
    async openReviews(viewer: Viewer, actor?: Actor) {
      const reviews = await openMatchReviews(pool, 200)
      const summaries = await summariesFor(
        viewer,
        reviews.flatMap((r) => [r.incomingVictimId, r.candidateVictimId]),
      )
      const shownRestricted = [...summaries.values()]
        .filter((s) => s.visible && s.restricted)
        .map((s) => s.id)
      if (actor && shownRestricted.length > 0) {
        await audit.record(actor, {
          action: 'restricted_records.listed',
          recordType: 'possible_matches',
          details: { list: 'possible_matches', shown: summaries.size, victims: shownRestricted },
        })
      }
      return reviews.map((r) => ({
        ...r,
        incoming: summaries.get(r.incomingVictimId),
        candidate: summaries.get(r.candidateVictimId),
      }))
    },

    /** The task's two victims: the one found earlier is kept, the new one is folded into it. */
    async mergeFromReview(reviewId: string, viewer: Viewer, actor: Actor): Promise<string> {
      if (!UUID.test(reviewId)) throw new InputError('review', 'No such possible match')
      const review = await withTransaction(pool, (client) => findMatchReview(client, reviewId))
      if (!review) throw new InputError('review', 'No such possible match')
      if (review.status !== 'open') throw new InputError('review', 'This possible match was already settled')
      await assertVisible(viewer, [review.incomingVictimId, review.candidateVictimId])
      const roots = await Promise.all(
        [review.candidateVictimId, review.incomingVictimId].map((v) => records.victimWithReferrals(v)),
      )
      const keep = roots[0]?.victim.id
      const merge = roots[1]?.victim.id
      if (!keep || !merge) throw new InputError('review', 'No such victim')
      if (keep === merge) {
        // Already one victim through another merge: only the task is left to close.
        await keepSeparate(reviewId, viewer, actor, 'already the same victim')
        return keep
      }
      await records.mergeVictims(keep, merge, actor)
      return keep
    },

    keepSeparate,

    /** Undoes a merge; the person must be able to see the victim it was merged into. */
    async unmerge(mergedId: string, viewer: Viewer, actor: Actor): Promise<void> {
      if (!UUID.test(mergedId)) throw new InputError('victim', 'No such victim')
      await assertVisible(viewer, [mergedId])
      await records.unmergeVictim(mergedId, actor)
    },
  }
}

export type VictimsService = ReturnType<typeof createVictimsService>

function searchResult(row: VictimSearchRow, pathways: readonly string[]): VictimSearchResult {
  const {
    categories: _categories,
    cse: _cse,
    domesticAbuse: _domesticAbuse,
    restrictedByHand: _restrictedByHand,
    visible: _visible,
    ...who
  } = row
  return { visible: true, ...who, restricted: pathways.length > 0 }
}
