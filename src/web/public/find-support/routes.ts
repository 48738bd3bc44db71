// Find support (issue 16 item 3, ADR 0040): a few questions in plain words, then the services that fit
// and why. The answers are posted, not put in the address, so they stay out of the browser's history;
// nothing is stored, and the results page is rendered from the post alone.
import type { FastifyInstance } from 'fastify'
import { findSupport } from '../../../domain/directory/find-support.ts'
import type { Services } from '../../../services/index.ts'
import { publicAccess } from '../../access.ts'
import { fieldErrors } from '../../shared/form-view.ts'
import { type Language, languageOf, parseFindSupport, readValues } from './forms.ts'
import { questionItems, resultCards, translator } from './presenter.ts'

export const FIND_SUPPORT = '/find-support'
export const FIND_SUPPORT_RATE_LIMIT = { max: 60, timeWindow: '10 minutes' }

const pageModel = (language: Language) => ({
  publicPage: true,
  language,
  htmlLang: language === 'cy' ? 'cy' : 'en-GB',
  exitText: translator(language)('exit'),
  t: translator(language),
  otherLanguage: language === 'cy' ? 'en' : 'cy',
})

export async function findSupportRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Querystring: { lang?: string } }>(
    FIND_SUPPORT,
    { config: { access: publicAccess } },
    async (request, reply) => {
      const language = languageOf(request.query.lang)
      return reply.view('public/find-support/questions.njk', {
        ...pageModel(language),
        values: {},
        items: questionItems(language, {}),
        errors: [],
        fieldErrors: {},
      })
    },
  )

  app.post<{ Body: Record<string, unknown> }>(
    FIND_SUPPORT,
    { config: { access: publicAccess, rateLimit: FIND_SUPPORT_RATE_LIMIT } },
    async (request, reply) => {
      const language = languageOf(request.body?.lang)
      const parsed = parseFindSupport(request.body, language)
      if (!parsed.ok) {
        return reply.code(400).view('public/find-support/questions.njk', {
          ...pageModel(language),
          values: parsed.values,
          items: questionItems(language, parsed.values),
          errors: parsed.errors,
          fieldErrors: fieldErrors(parsed.errors),
        })
      }
      const matches = findSupport(await services.directory.published(), parsed.answers)
      const cards = resultCards(matches, language)
      return reply.view('public/find-support/results.njk', {
        ...pageModel(language),
        values: readValues(request.body),
        inDanger: parsed.answers.inDanger,
        urgent: parsed.answers.inDanger ? cards.filter((c) => c.urgent) : [],
        others: parsed.answers.inDanger ? cards.filter((c) => !c.urgent) : cards,
      })
    },
  )
}
