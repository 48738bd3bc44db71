import type { FastifyInstance, FastifyRequest } from 'fastify'
import { InputError } from '../../../services/errors.ts'
import type { Services } from '../../../services/index.ts'
import { allows, staffAccess } from '../../access.ts'
import { actorOf } from '../../plugins/enforce-access.ts'
import { fieldErrors } from '../../shared/form-view.ts'
import { assessmentAccess } from '../assessment/presenter.ts'
import { BASE, detailRows, pathwayText, referralRows, summaryText, victimsAccess } from './presenter.ts'
import { SEARCH_PATH, searchResultsView, searchTextOf } from './search/presenter.ts'
import { seenByRows } from './seen-by/presenter.ts'

/** Kept here too for code that imported it from the routes. */
export { victimsAccess }

const SEARCH_VIEW = 'staff/victims/search/search.njk'

/** Managers see who has seen a victim's record and restrict a victim by hand. */
const managers = staffAccess('team_manager')

const viewerOf = (request: FastifyRequest) => ({
  role: request.staffUser?.role ?? 'commissioner',
  teamPathway: request.staffUser?.teamPathway ?? null,
})

export async function victimsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const takeFlash = (request: FastifyRequest) => {
    const flash = request.session.flash
    if (flash) request.session.flash = undefined
    return flash
  }

  app.get(BASE, { config: { access: victimsAccess } }, async (request, reply) => {
    const reviews = await services.victims.openReviews(viewerOf(request), actorOf(request))
    return reply.view('staff/victims/reviews/reviews.njk', {
      flash: takeFlash(request),
      reviews: reviews.map((r) => ({
        id: r.id,
        score: r.score.toFixed(1),
        evidence: r.evidence,
        incoming: {
          id: r.incomingVictimId,
          ...summaryText(r.incoming),
          visible: r.incoming?.visible === true,
        },
        candidate: {
          id: r.candidateVictimId,
          ...summaryText(r.candidate),
          visible: r.candidate?.visible === true,
        },
      })),
    })
  })

  // A GET form, so a search can be bookmarked and gone back to; the query string holds what was typed
  // about a victim, so the route keeps it out of logs.
  app.get(
    SEARCH_PATH,
    { config: { access: victimsAccess, personalDataInQuery: true } },
    async (request, reply) => {
      const q = searchTextOf(request.query)
      if (q === undefined) return reply.view(SEARCH_VIEW, { q: '', errors: [], fieldErrors: {} })
      const outcome = await services.victims.search(q, { ...viewerOf(request), actor: actorOf(request) })
      if (!outcome.ok) {
        const errors = [{ text: outcome.message, href: '#q' }]
        return reply.code(400).view(SEARCH_VIEW, { q, errors, fieldErrors: fieldErrors(errors) })
      }
      return reply.view(SEARCH_VIEW, { q, errors: [], fieldErrors: {}, ...searchResultsView(outcome) })
    },
  )

  app.get(`${BASE}/:id`, { config: { access: victimsAccess } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const page = await services.victims.page(id, { ...viewerOf(request), actor: actorOf(request) })
    if (!page) return reply.callNotFound()
    if (page.withheld) {
      return reply
        .code(403)
        .view('staff/victims/victim/withheld.njk', { pathways: pathwayText(page.pathways) })
    }
    if (page.mergedFrom) return reply.redirect(`${BASE}/${page.victim.id}`)
    const others = page.matchReviews
      .filter((r) => r.status === 'open')
      .map((r) => {
        const otherId =
          r.incomingVictimId === page.victim.id || page.mergedVictimIds.includes(r.incomingVictimId)
            ? r.candidateVictimId
            : r.incomingVictimId
        const other = page.summaries.get(otherId)
        return {
          id: r.id,
          otherId,
          other: summaryText(other),
          visible: other?.visible === true,
          score: Number(r.score).toFixed(1),
          evidence: r.evidence,
        }
      })
    return reply.view('staff/victims/victim/victim.njk', {
      flash: takeFlash(request),
      victim: page.victim,
      name: `${page.victim.forename} ${page.victim.surname}`,
      restricted: page.pathways.length > 0 ? pathwayText(page.pathways) : null,
      details: detailRows(page.victim),
      referralRows: referralRows(page.referrals, allows(assessmentAccess, request.staffUser?.role)),
      referralCount: page.referrals.length,
      repeatCount: page.repeatCount12m,
      reviews: others,
      merged: page.mergedVictimIds.map((mid) => ({ id: mid, ...summaryText(page.summaries.get(mid)) })),
      isManager: request.staffUser?.role === 'team_manager',
      restrictedByHand: page.victim.restrictedByHand
        ? { reason: page.victim.restrictedByHandReason ?? '' }
        : null,
    })
  })

  app.get(`${BASE}/:id/seen-by`, { config: { access: managers } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const found = await services.victims.seenBy(id, { ...viewerOf(request), actor: actorOf(request) })
    if (!found) return reply.callNotFound()
    return reply.view('staff/victims/seen-by/seen-by.njk', {
      victimId: found.victim.id,
      name: `${found.victim.forename} ${found.victim.surname}`,
      rows: seenByRows(found.rows),
      more: found.more,
    })
  })

  app.post(`${BASE}/:id/restriction`, { config: { access: managers } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const body = (request.body ?? {}) as Record<string, unknown>
    const restricted = body.restricted === 'yes' ? true : body.restricted === 'no' ? false : undefined
    const reason = typeof body.reason === 'string' ? body.reason : ''
    try {
      await services.victims.setRestriction(
        id,
        { ...viewerOf(request), actor: actorOf(request) },
        { restricted, reason },
      )
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      if (error.field === 'victim') return reply.callNotFound()
      request.session.flash = error.message
      return reply.redirect(`${BASE}/${id}`)
    }
    request.session.flash = restricted
      ? 'Restricted: only the first-contact team sees this victim now.'
      : 'The hand-set restriction is lifted.'
    return reply.redirect(`${BASE}/${id}`)
  })

  const settle = async (request: FastifyRequest, work: () => Promise<string>) => {
    try {
      return await work()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      request.session.flash = error.message
      return BASE
    }
  }

  app.post(
    `${BASE}/reviews/:reviewId/merge`,
    { config: { access: victimsAccess } },
    async (request, reply) => {
      const { reviewId } = request.params as { reviewId: string }
      const to = await settle(request, async () => {
        const kept = await services.victims.mergeFromReview(reviewId, viewerOf(request), actorOf(request))
        request.session.flash =
          'Merged: the two records are now one victim. You can undo this from this page.'
        return `${BASE}/${kept}`
      })
      return reply.redirect(to)
    },
  )

  app.post(
    `${BASE}/reviews/:reviewId/keep-separate`,
    { config: { access: victimsAccess } },
    async (request, reply) => {
      const { reviewId } = request.params as { reviewId: string }
      const back = (request.body as Record<string, unknown> | undefined)?.back
      const to = await settle(request, async () => {
        await services.victims.keepSeparate(reviewId, viewerOf(request), actorOf(request))
        request.session.flash =
          'Kept separate: they will not be suggested as the same person again from this referral.'
        return typeof back === 'string' && /^\/staff\/victims(\/[0-9a-f-]{36})?$/.test(back) ? back : BASE
      })
      return reply.redirect(to)
    },
  )

  app.post(`${BASE}/:id/unmerge`, { config: { access: victimsAccess } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const to = await settle(request, async () => {
      await services.victims.unmerge(id, viewerOf(request), actorOf(request))
      request.session.flash = 'Unmerged: this record and its referrals stand on their own again.'
      return `${BASE}/${id}`
    })
    return reply.redirect(to)
  })
}
