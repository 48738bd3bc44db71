import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../services/index.ts'
import type { PendingSignIn, SsoRefusalReason } from '../../../../services/single-sign-on.ts'
import { publicAccess } from '../../../access.ts'
import { actorOf, safeReturnPath } from '../../../plugins/enforce-access.ts'
import { refusalLines } from './presenter.ts'

declare module 'fastify' {
  interface Session {
    /** A sign-in sent to an organisation's provider and not yet back: used once, then forgotten. */
    singleSignOn?: PendingSignIn
  }
}

type Params = { slug: string }

const refusedPage = (
  request: FastifyRequest,
  reply: FastifyReply,
  refused: { reason: SsoRefusalReason; providerName: string },
) =>
  reply
    .code(refused.reason === 'provider_unreachable' ? 503 : 401)
    .view('staff/sign-in/single-sign-on/refused.njk', {
      providerName: refused.providerName,
      lines: refusalLines(refused.reason, refused.providerName),
      requestId: request.id,
    })

/** Sign in with an organisation's own identity provider (OpenID Connect, authorisation code with PKCE). */
export async function singleSignOnRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const base = (request: FastifyRequest) =>
    (services.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '')
  const callbackPath = (slug: string) => `/sign-in/sso/${encodeURIComponent(slug)}/callback`
  const RATE_LIMIT = { max: services.config.signIn.ratePerMinute, timeWindow: '1 minute' }

  app.get<{ Params: Params }>(
    '/sign-in/sso/:slug',
    { config: { access: publicAccess, rateLimit: RATE_LIMIT } },
    async (request, reply) => {
      const next = safeReturnPath((request.query as Record<string, unknown>).next)
      const { slug } = request.params
      const begun = await services.singleSignOn.begin(slug, `${base(request)}${callbackPath(slug)}`, next)
      if (begun.outcome === 'unknown_provider') return reply.callNotFound()
      if (begun.outcome === 'refused') return refusedPage(request, reply, begun)
      request.session.singleSignOn = begun.pending
      return reply.redirect(begun.url)
    },
  )

  app.get<{ Params: Params }>(
    '/sign-in/sso/:slug/callback',
    { config: { access: publicAccess, rateLimit: RATE_LIMIT, personalDataInQuery: true } },
    async (request, reply) => {
      const pending = request.session.singleSignOn
      request.session.singleSignOn = undefined
      const callbackUrl = new URL(request.url, base(request))
      const result = await services.singleSignOn.complete(
        request.params.slug,
        callbackUrl,
        pending,
        actorOf(request),
      )
      if (result.outcome === 'unknown_provider') return reply.callNotFound()
      if (result.outcome === 'signed_in') {
        await request.session.regenerate()
        request.session.userId = result.user.id
        return reply.redirect(safeReturnPath(result.next))
      }
      return refusedPage(request, reply, result)
    },
  )
}
