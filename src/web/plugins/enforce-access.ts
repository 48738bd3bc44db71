import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { roleRequiresSecondFactor } from '../../domain/staff/roles.ts'
import type { SignedInUser } from '../../services/accounts.ts'
import type { ApiClient } from '../../services/api-keys.ts'
import type { Actor } from '../../services/audit.ts'
import type { Services } from '../../services/index.ts'
import type { Access } from '../access.ts'

declare module 'fastify' {
  interface FastifyRequest {
    staffUser?: SignedInUser
    apiClient?: ApiClient
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Who is acting, for the audit log. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.staffUser
  return {
    userId: user?.id ?? null,
    label: user?.email ?? (request.apiClient ? `api:${request.apiClient.organisationName}` : 'anonymous'),
    ip: request.ip,
    requestId: request.id,
  }
}

/** The request's URL as logs and the audit log may keep it: without a query string that holds personal data. */
export function recordableUrl(request: FastifyRequest): string {
  const url = request.url
  return request.routeOptions?.config?.personalDataInQuery ? (url.split('?')[0] ?? url) : url
}

const wantsHtml = (request: FastifyRequest) =>
  !request.url.startsWith('/api/') && !request.url.startsWith('/health/')

/** Only same-site relative paths may be returned to after signing in, never another site. */
export const safeReturnPath = (value: unknown): string =>
  typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/staff'

/**
 * A role that requires a second factor (an administrator's) is used only from a session that showed a
 * code at sign-in, whatever else the session holds: an account promoted, or changed in the database,
 * while signed in with a password alone gets no further than the second-factor step.
 */
const needsSecondFactor = (request: FastifyRequest): boolean =>
  request.staffUser !== undefined &&
  roleRequiresSecondFactor(request.staffUser.role) &&
  request.session.secondFactor !== true

async function askForSecondFactor(request: FastifyRequest, reply: FastifyReply) {
  const user = request.staffUser as SignedInUser
  await request.session.regenerate()
  request.session.pendingUserId = user.id
  if (!wantsHtml(request))
    return reply.code(401).send({ error: 'unauthorised', message: 'Sign in with your second factor first' })
  return reply.redirect(user.secondFactorEnabled ? '/sign-in/two-factor' : '/sign-in/two-factor/set-up')
}

/** The header carries the expected bearer token; compared in constant time over digests of both. */
function bearerMatches(header: string | undefined, expected: string | undefined): boolean {
  if (!expected || !header?.startsWith('Bearer ')) return false
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(header.slice(7).trim()), digest(expected))
}

async function deny(request: FastifyRequest, reply: FastifyReply, services: Services, access: Access) {
  await services.audit.record(actorOf(request), {
    action: 'access.denied',
    recordType: 'route',
    recordId: `${request.method} ${request.routeOptions.url}`,
    details: {
      url: recordableUrl(request).slice(0, 500),
      required: access.kind === 'staff' ? access.roles : access.kind,
    },
  })
  if (!wantsHtml(request))
    return reply.code(403).send({ error: 'forbidden', message: 'Your role may not use this' })
  return reply.code(403).view('views/error.njk', {
    title: 'You do not have access to this page',
    lines: [
      'Your role does not include this part of Victim Hub. If you need it for your work, ask your team manager.',
    ],
    requestId: request.id,
    homeHref: '/staff',
  })
}

/**
 * Applies each route's declared access before its handler runs, checks the CSRF token on every
 * state-changing form, and makes the signed-in user, CSP nonce and CSRF token available to templates.
 */
export function enforceAccess(app: FastifyInstance, services: Services): void {
  app.addHook('preValidation', (request, reply, done) => {
    const access = request.routeOptions.config.access
    if (STATE_CHANGING.has(request.method) && access && access.kind !== 'api') {
      app.csrfProtection(request, reply, done)
      return
    }
    done()
  })

  app.addHook('preHandler', async (request, reply) => {
    const access = request.routeOptions.config.access
    reply.locals = {
      ...reply.locals,
      cspNonce: reply.cspNonce?.script,
      csrf: () => reply.generateCsrf(),
    }
    if (request.session.userId) {
      request.staffUser = await services.accounts.currentUser(request.session.userId)
      if (!request.staffUser) await request.session.destroy()
      else reply.locals.currentUser = request.staffUser
    }
    if (!access) return
    switch (access.kind) {
      case 'public':
        return
      case 'signing-in':
        if (!request.session.pendingUserId) return reply.redirect('/sign-in')
        return
      case 'api': {
        const header = request.headers.authorization
        const presented = header?.startsWith('Bearer ')
          ? header.slice(7)
          : (request.headers['x-api-key'] as string | undefined)
        const client = await services.apiKeys.authenticate(presented)
        if (!client) {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer')
            .send({ error: 'unauthorised', message: 'Send a valid API key as "Authorization: Bearer <key>"' })
        }
        request.apiClient = client
        if (!client.scopes.includes(access.scope)) return deny(request, reply, services, access)
        return
      }
      case 'metrics': {
        if (!bearerMatches(request.headers.authorization, services.config.metricsToken)) {
          return reply.code(401).header('www-authenticate', 'Bearer').send({
            error: 'unauthorised',
            message: 'Send the metrics token as "Authorization: Bearer <token>"',
          })
        }
        return
      }
      case 'staff': {
        if (!request.staffUser) {
          if (!wantsHtml(request))
            return reply.code(401).send({ error: 'unauthorised', message: 'Sign in first' })
          const next = request.method === 'GET' ? `?next=${encodeURIComponent(recordableUrl(request))}` : ''
          return reply.redirect(`/sign-in${next}`)
        }
        if (needsSecondFactor(request)) return askForSecondFactor(request, reply)
        if (!access.roles.includes(request.staffUser.role)) return deny(request, reply, services, access)
        return
      }
    }
  })

  // Staff and victims' pages hold personal data: never let a shared computer's cache keep them.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store')
    return payload
  })
}
