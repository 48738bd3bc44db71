import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { findSupport } from '../../../domain/directory/find-support.ts'
import type { Services } from '../../../services/index.ts'
import { publicAccess } from '../../access.ts'
import type { ParsedForm } from '../../forms.ts'
import { actorOf } from '../../plugins/enforce-access.ts'
import { withErrors } from '../../shared/form-view.ts'
import { supportTopicOf } from './crime-types.ts'
import {
  channelsOffered,
  isBot,
  parseAboutYou,
  parseConsent,
  parseContact,
  parsePolice,
  parseSafety,
  parseWhatHappened,
} from './forms.ts'
import { BASE, backUrl, firstIncomplete, nextUrl, type PageId } from './journey.ts'
import { checkAnswersRows, crimeTypeItems, preferredItems, safetyQuestions } from './presenter.ts'
import type { SelfReferralAnswers } from './session.ts'
import { newReference, toFeedRecord } from './to-feed-record.ts'

/**
 * Per address. A question page: far more than a person answering and correcting needs, few enough to
 * make scripted filling slow. Sending: a household or a refuge's shared connection may send a few.
 */
export const QUESTION_RATE_LIMIT = { max: 30, timeWindow: '10 minutes' }
/** Where the quick exit takes someone: an everyday site that gives nothing away. */
export const EXIT_TO = 'https://www.bbc.co.uk/weather'
export const SEND_RATE_LIMIT = { max: 10, timeWindow: '1 hour' }

const view = (page: string) => `public/refer-yourself/${page}.njk`

const answersOf = (request: FastifyRequest): SelfReferralAnswers => request.session.selfReferral ?? {}

/** Values a page shows when first opened: what was answered before, if anything. */
const pageValues: Record<Exclude<PageId, 'consent'>, (a: SelfReferralAnswers) => Record<string, unknown>> = {
  'about-you': (a) => ({
    firstName: a.aboutYou?.firstName,
    lastName: a.aboutYou?.lastName,
    dob: a.aboutYou?.dob,
    ...a.aboutYou?.access,
  }),
  'what-happened': (a) => ({ ...a.whatHappened }),
  police: (a) => ({ ...a.police }),
  contact: (a) => ({ ...a.contact }),
  'safe-contact': (a) => ({ ...a.safety }),
}

export async function referYourselfRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const render = (
    reply: FastifyReply,
    page: PageId,
    answers: SelfReferralAnswers,
    model: {
      values: Record<string, unknown>
      errors: readonly unknown[]
      fieldErrors: Record<string, unknown>
    },
  ) =>
    reply.view(view(page), {
      publicPage: true,
      backHref: backUrl(page),
      ...model,
      ...(page === 'what-happened' ? { crimeTypes: crimeTypeItems(model.values.crimeType as string) } : {}),
      ...(page === 'safe-contact'
        ? {
            questions: safetyQuestions(answers, model.values),
            preferred: preferredItems(answers, model.values.preferred),
            offersCall: channelsOffered(answers.contact).includes('call'),
          }
        : {}),
    })

  // From find support: the service chosen there is carried to the referral, if it is one a person can
  // ask for through the hub.
  app.get<{ Querystring: { service?: string } }>(
    BASE,
    { config: { access: publicAccess } },
    async (request, reply) => {
      const wanted = request.query.service
      if (wanted) {
        const service = (await services.directory.published()).find((s) => s.id === wanted && s.routable)
        if (service) {
          request.session.selfReferral = {
            ...answersOf(request),
            chosenService: { id: service.id, name: service.name },
          }
        }
      }
      return reply.view(view('start'), {
        publicPage: true,
        chosenService: answersOf(request).chosenService,
      })
    },
  )

  /**
   * One GET and one POST per question page. `parse` validates; `save` puts the answer in the session.
   * A page reached before the ones it depends on sends the person back to the first unanswered one.
   */
  const questionPage = <T>(
    page: PageId,
    parse: (body: unknown, answers: SelfReferralAnswers) => ParsedForm<T>,
    save: (answers: SelfReferralAnswers, values: T) => SelfReferralAnswers,
  ) => {
    const needsContact = page === 'safe-contact'
    app.get(`${BASE}/${page}`, { config: { access: publicAccess } }, async (request, reply) => {
      const answers = answersOf(request)
      if (needsContact && !answers.contact) return reply.redirect(`${BASE}/contact`)
      const values =
        page === 'consent' ? { consent: answers.consent?.agreed ? 'yes' : '' } : pageValues[page](answers)
      return render(reply, page, answers, { values, errors: [], fieldErrors: {} })
    })
    app.post(
      `${BASE}/${page}`,
      { config: { access: publicAccess, rateLimit: QUESTION_RATE_LIMIT } },
      async (request, reply) => {
        let answers = answersOf(request)
        if (needsContact && !answers.contact) return reply.redirect(`${BASE}/contact`)
        if (isBot(request.body)) answers = { ...answers, suspect: true }
        const form = parse(request.body, answers)
        if (!form.ok) {
          request.session.selfReferral = answers
          return render(reply.code(400), page, answers, withErrors(form.values, form.errors))
        }
        answers = save(answers, form.values)
        request.session.selfReferral = answers
        return reply.redirect(nextUrl(answers))
      },
    )
  }

  questionPage('about-you', parseAboutYou, (a, v) => ({ ...a, aboutYou: v }))
  questionPage('what-happened', parseWhatHappened, (a, v) => ({ ...a, whatHappened: v }))
  questionPage('police', parsePolice, (a, v) => ({ ...a, police: v }))
  questionPage('contact', parseContact, (a, v) => ({ ...a, contact: v }))
  questionPage(
    'safe-contact',
    (body, answers) => parseSafety(body, channelsOffered(answers.contact)),
    (a, v) => ({ ...a, safety: v }),
  )
  questionPage('consent', parseConsent, (a) => ({ ...a, consent: { agreed: true } }))

  app.get(`${BASE}/check-answers`, { config: { access: publicAccess } }, async (request, reply) => {
    const answers = answersOf(request)
    const missing = firstIncomplete(answers)
    if (missing) return reply.redirect(`${BASE}/${missing}`)
    return reply.view(view('check-answers'), { publicPage: true, rows: checkAnswersRows(answers) })
  })

  app.post(
    `${BASE}/check-answers`,
    { config: { access: publicAccess, rateLimit: SEND_RATE_LIMIT } },
    async (request, reply) => {
      const answers = answersOf(request)
      const missing = firstIncomplete(answers)
      if (missing) return reply.redirect(`${BASE}/${missing}`)
      const reference = newReference()
      if (answers.suspect || isBot(request.body)) {
        // A bot gets the page a person would, so it learns nothing; nothing is stored or sent.
        request.log.warn('self-referral not sent: the hidden spam field was filled in')
      } else {
        await services.intake.receive(
          [toFeedRecord(answers, { reference, now: new Date() })],
          { kind: 'self_referral', organisationId: null },
          actorOf(request),
        )
      }
      request.session.selfReferral = undefined
      request.session.selfReferralSent = { reference, crimeType: answers.whatHappened?.crimeType }
      return reply.redirect(`${BASE}/confirmation`)
    },
  )

  // The quick exit goes through here: whatever was typed is dropped from the session before the browser
  // is sent elsewhere, so Back (every public page is no-store) shows the form empty.
  app.get('/exit', { config: { access: publicAccess } }, async (request, reply) => {
    request.session.selfReferral = undefined
    request.session.selfReferralSent = undefined
    // A page that moves straight on (not a redirect), so the browser's own history holds this address
    // rather than the form's; the browser is also asked to drop the site's cookies and cache.
    return reply
      .header('clear-site-data', '"cache", "cookies", "storage"')
      .type('text/html; charset=utf-8')
      .send(
        `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>BBC Weather</title>` +
          `<meta http-equiv="refresh" content="0;url=${EXIT_TO}"></head>` +
          `<body><a href="${EXIT_TO}">BBC Weather</a></body></html>`,
      )
  })

  app.get(`${BASE}/confirmation`, { config: { access: publicAccess } }, async (request, reply) => {
    const sent = request.session.selfReferralSent
    if (!sent) return reply.redirect(BASE)
    // The national helplines for what they told us, open now while they wait for our call.
    const helplines = findSupport(await services.directory.published(), {
      topic: supportTopicOf(sent.crimeType),
      age: null,
      district: null,
      ways: [],
      inDanger: true,
    })
      .filter((m) => m.service.national && m.service.phone)
      .map((m) => ({ name: m.service.name, phone: m.service.phone, openingTimes: m.service.openingTimes }))
    return reply.view(view('confirmation'), { publicPage: true, reference: sent.reference, helplines })
  })
}
