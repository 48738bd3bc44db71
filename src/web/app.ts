import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyFormbody from '@fastify/formbody'
import fastifyHelmet from '@fastify/helmet'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifySession from '@fastify/session'
import fastifyStatic from '@fastify/static'
import fastifyView from '@fastify/view'
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import nunjucks from 'nunjucks'
import type { Services } from '../services/index.ts'
import type { RouteAccessEntry } from './access.ts'
import { builtAssetsDir } from './assets/build.ts'
import { enforceAccess, recordableUrl } from './plugins/enforce-access.ts'
import { registerErrorPages } from './plugins/error-pages.ts'
import { registerJourneys } from './routes.ts'

const projectRoot = join(import.meta.dirname, '..', '..')

export type AppOptions = {
  /** pino options or false; tests pass false to keep output quiet. */
  logger?: boolean | Record<string, unknown>
}

declare module 'fastify' {
  interface FastifyInstance {
    routeAccessTable: RouteAccessEntry[]
  }
  interface FastifyReply {
    /** Values every template sees: current user, CSP nonce, CSRF token function. */
    locals: Record<string, unknown>
  }
  interface Session {
    userId?: string
    pendingUserId?: string
    /** The person showed a code from their authenticator app when this session signed in. */
    secondFactor?: boolean
    flash?: string
  }
}

/**
 * The whole middleware order in one function: request ids and logs, security headers, body and cookie
 * parsing, sessions, CSRF, rate limits, templates, access rules, then the journeys.
 */
export async function createApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = services
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-api-key"]'],
            serializers: { req: requestForLog },
            ...(typeof options.logger === 'object' ? options.logger : {}),
          },
    genReqId: () => randomUUID(),
    // Behind a TLS-terminating proxy the client's address and scheme come from X-Forwarded-For and
    // -Proto, believed only from the proxies TRUST_PROXY names: rate limits, audit rows and the Secure
    // session cookie all depend on them.
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    bodyLimit: 10 * 1024 * 1024,
  })

  // Every route must say who may use it; collect them so tests can enumerate the access matrix.
  app.decorate('routeAccessTable', [] as RouteAccessEntry[])
  app.addHook('onRoute', (route) => {
    const access = route.config?.access
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} does not declare who may use it`)
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      if (method !== 'HEAD') app.routeAccessTable.push({ method, url: route.url, access })
    }
  })

  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  })
  await app.register(fastifyFormbody)
  // No one can type a NUL character into a box, and no record can keep one: a form holding one is
  // refused whole, naming the box, before any route (or the session it would be saved in) sees it.
  app.addHook('preValidation', async (request) => {
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return
    const body = (request.body ?? {}) as Record<string, unknown>
    const field = Object.keys(body).find((key) =>
      [key, body[key]].flat().some((v) => typeof v === 'string' && v.includes('\u0000')),
    )
    if (field === undefined) return
    throw Object.assign(
      new Error(
        `The form could not be kept: the box “${field.replaceAll('\u0000', '')}” holds a character that cannot be typed or stored (NUL). Nothing was saved: go back and type it again.`,
      ),
      { statusCode: 400 },
    )
  })
  await app.register(fastifyCookie)
  await app.register(fastifySession, {
    secret: config.sessionSecret as string,
    cookieName: 'vh_session',
    store: services.sessions.store,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      path: '/',
      maxAge: config.session.idleMinutes * 60_000,
    },
  })
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' })
  await app.register(fastifyRateLimit, { global: false })
  await app.register(fastifyStatic, { root: builtAssetsDir, serve: false })

  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [
      join(projectRoot, 'src', 'web'),
      join(projectRoot, 'src', 'web', 'views'),
      join(projectRoot, 'node_modules', 'govuk-frontend', 'dist'),
    ],
    options: {
      autoescape: true,
      noCache: process.env.NODE_ENV === 'development',
      onConfigure: addTemplateFilters,
    },
  })

  // Every answered request counted under its route's pattern (never its path, which may name a record).
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    services.metrics.observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000)
  })
  enforceAccess(app, services)
  registerErrorPages(app)
  await registerJourneys(app, services)
  return app
}

/** Fastify's own request fields, with a URL that leaves out personal data a route's query string holds. */
function requestForLog(request: FastifyRequest) {
  const version = request.headers?.['accept-version']
  return {
    method: request.method,
    url: recordableUrl(request),
    version: Array.isArray(version) ? version[0] : version,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }
}

function addTemplateFilters(env: nunjucks.Environment): void {
  const number = new Intl.NumberFormat('en-GB')
  env.addFilter('number', (value: unknown) => (typeof value === 'number' ? number.format(value) : value))
  env.addFilter('dateTime', (value: unknown) =>
    value instanceof Date || typeof value === 'string'
      ? new Intl.DateTimeFormat('en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Europe/London',
        }).format(new Date(value))
      : value,
  )
  env.addFilter('date', (value: unknown) =>
    value instanceof Date || typeof value === 'string'
      ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(
          new Date(value),
        )
      : value,
  )
}
