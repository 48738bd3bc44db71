import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../services/index.ts'
import { allows, staffAccess } from '../../access.ts'
import type { ParsedForm } from '../../forms.ts'
import { actorOf } from '../../plugins/enforce-access.ts'
import { newReference } from '../../public/refer-yourself/to-feed-record.ts'
import { withErrors } from '../../shared/form-view.ts'
import { describeReason } from '../../shared/referral-text.ts'
import { victimsAccess } from '../victims/presenter.ts'
import { parseConsent, parseContact, parseCrime, parsePerson } from './forms.ts'
import { likelyMatches, matchSearches } from './matches.ts'
import {
  BASE,
  backUrl,
  categoryItems,
  checkAnswersRows,
  FLAG_ITEMS,
  firstIncomplete,
  flagItems,
  nextUrl,
  OUTCOME_TEXT,
  type PageId,
  VICTIM_TYPES,
} from './presenter.ts'
import type { PartnerReferralAnswers } from './session.ts'
import { toFeedRecord } from './to-feed-record.ts'

/** Police referrers, hub caseworkers and managers refer on behalf of the agencies they work with. */
export const referAccess = staffAccess('police_referrer', 'hub_caseworker', 'team_manager')

const view = (page: string) => `staff/refer/${page}.njk`
const answersOf = (request: FastifyRequest): PartnerReferralAnswers => request.session.partnerReferral ?? {}

const initialValues = (page: PageId, a: PartnerReferralAnswers): Record<string, unknown> => {
  switch (page) {
    case 'person':
      return { ...a.person }
    case 'contact':
      return { ...a.contact }
    case 'crime':
      return { ...a.crime }
    case 'consent':
      return a.consent ? { consent: 'yes', notes: a.consent.notes } : {}
  }
}

export async function referRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const render = (
    reply: FastifyReply,
    page: PageId,
    model: {
      values: Record<string, unknown>
      errors: readonly unknown[]
      fieldErrors: Record<string, unknown>
    },
  ) => {
    const v = model.values
    return reply.view(view(page), {
      ...model,
      backHref: backUrl(page),
      victimTypes: VICTIM_TYPES.map((t) => ({
        ...t,
        hint: 'hint' in t ? { text: t.hint } : undefined,
        checked: v.victimType === t.value,
      })),
      flags: {
        safeToCall: flagItems('safeToCall', v.safeToCall),
        safeToLeaveVoicemail: flagItems('safeToLeaveVoicemail', v.safeToLeaveVoicemail),
        safeToText: flagItems('safeToText', v.safeToText),
        safeToEmail: flagItems('safeToEmail', v.safeToEmail),
        safeToWrite: flagItems('safeToWrite', v.safeToWrite),
      },
      categories: categoryItems(v.crimeCategory),
      crimeFlags: FLAG_ITEMS.map((f) => ({
        ...f,
        checked: Array.isArray(v.flags) ? v.flags.includes(f.value) : v.flags === f.value,
      })),
    })
  }

  app.get(BASE, { config: { access: referAccess } }, async (_request, reply) => reply.view(view('start'), {}))

  const questionPage = <T>(
    page: PageId,
    parse: (body: unknown) => ParsedForm<T>,
    save: (a: PartnerReferralAnswers, v: T) => PartnerReferralAnswers,
  ) => {
    app.get(`${BASE}/${page}`, { config: { access: referAccess } }, async (request, reply) =>
      render(reply, page, { values: initialValues(page, answersOf(request)), errors: [], fieldErrors: {} }),
    )
    app.post(`${BASE}/${page}`, { config: { access: referAccess } }, async (request, reply) => {
      const form = parse(request.body)
      if (!form.ok) return render(reply.code(400), page, withErrors(form.values, form.errors))
      const answers = save(answersOf(request), form.values)
      request.session.partnerReferral = answers
      return reply.redirect(nextUrl(answers))
    })
  }
  questionPage('person', parsePerson, (a, v) => ({ ...a, person: v }))
  questionPage('contact', parseContact, (a, v) => ({ ...a, contact: v }))
  questionPage('crime', parseCrime, (a, v) => ({ ...a, crime: v }))
  questionPage('consent', parseConsent, (a, v) => ({ ...a, consent: { notes: v.notes } }))

  app.get(`${BASE}/check-answers`, { config: { access: referAccess } }, async (request, reply) => {
    const answers = answersOf(request)
    const missing = firstIncomplete(answers)
    if (missing) return reply.redirect(`${BASE}/${missing}`)
    // Likely matches first, for the staff who may see victims' records (a police referrer may not).
    const role = request.staffUser?.role
    // One search after another: each writes its audit row onto the one chained log.
    const found = []
    if (allows(victimsAccess, role)) {
      for (const { text, detail } of matchSearches(answers)) {
        const outcome = await services.victims.search(text, {
          role: role ?? 'commissioner',
          teamPathway: request.staffUser?.teamPathway ?? null,
          actor: actorOf(request),
        })
        found.push({ detail, outcome })
      }
    }
    return reply.view(view('check-answers'), {
      rows: checkAnswersRows(answers),
      ...likelyMatches(answers, found),
    })
  })

  app.post(`${BASE}/check-answers`, { config: { access: referAccess } }, async (request, reply) => {
    const answers = answersOf(request)
    const missing = firstIncomplete(answers)
    if (missing) return reply.redirect(`${BASE}/${missing}`)
    const user = request.staffUser
    if (!user) return reply.redirect('/sign-in')
    const reference = newReference('PR')
    const organisation = user.organisationName
      ? await services.intake.organisationForImport(user.organisationName)
      : null
    const result = await services.intake.receive(
      [
        toFeedRecord(answers, {
          reference,
          now: new Date(),
          referrer: { name: user.displayName, email: user.email, organisation: user.organisationName },
        }),
      ],
      { kind: 'partner', organisationId: organisation?.id ?? null },
      actorOf(request),
      { includeRecords: true },
    )
    const outcome = result.records?.[0]
    request.session.partnerReferral = undefined
    request.session.partnerReferralSent = {
      reference,
      outcome: outcome?.state ?? 'accepted',
      reasons: outcome?.reasons ?? [],
    }
    return reply.redirect(`${BASE}/confirmation`)
  })

  app.get(`${BASE}/confirmation`, { config: { access: referAccess } }, async (request, reply) => {
    const sent = request.session.partnerReferralSent
    if (!sent) return reply.redirect(BASE)
    return reply.view(view('confirmation'), {
      reference: sent.reference,
      outcome: sent.outcome,
      outcomeText: OUTCOME_TEXT[sent.outcome] ?? '',
      reasons: sent.reasons.map(describeReason),
    })
  })
}
