import type { FastifyInstance, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import type { Services } from '../../../services/index.ts'
import { anyStaff, publicAccess, signingInAccess } from '../../access.ts'
import { actorOf, safeReturnPath } from '../../plugins/enforce-access.ts'
import { lockedMessage, parseCodeForm, parseSignInForm } from './forms.ts'

const emailTried = (body: unknown): string => {
  const email = (body as Record<string, unknown> | undefined)?.email
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : ''
}

export async function signInRoutes(app: FastifyInstance, { services }: { services: Services }) {
  // Per client address: enough for a person who mistypes, far too few for guessing. Behind a proxy the
  // address is the client's (TRUST_PROXY), so one client's flood does not stop everyone else.
  const SIGN_IN_RATE_LIMIT = { max: services.config.signIn.ratePerMinute, timeWindow: '1 minute' }
  // And per email address tried, from however many addresses the attempts come.
  const attemptsAtEmail = app.createRateLimit({
    ...SIGN_IN_RATE_LIMIT,
    keyGenerator: (request) => `sign-in-email:${emailTried(request.body)}`,
  })
  const limitPerEmail = async (request: FastifyRequest) => {
    const limit = await attemptsAtEmail(request)
    if (!limit.isAllowed && limit.isExceeded) {
      throw Object.assign(new Error('Too many sign-in attempts for this email address'), { statusCode: 429 })
    }
  }
  app.get('/sign-in', { config: { access: publicAccess } }, async (request, reply) => {
    if (request.staffUser) return reply.redirect('/staff')
    const next = safeReturnPath((request.query as Record<string, unknown>).next)
    return reply.view('staff/sign-in/sign-in.njk', {
      next,
      values: {},
      errors: [],
      providers: await services.singleSignOn.list(),
    })
  })

  app.post(
    '/sign-in',
    { config: { access: publicAccess, rateLimit: SIGN_IN_RATE_LIMIT }, preHandler: limitPerEmail },
    async (request, reply) => {
      const form = parseSignInForm(request.body)
      if (!form.ok)
        return reply.code(400).view('staff/sign-in/sign-in.njk', { ...form, next: form.values.next })
      const result = await services.accounts.signIn(form.values.email, form.values.password, actorOf(request))
      const next = safeReturnPath(form.values.next)
      switch (result.outcome) {
        case 'signed_in':
          await request.session.regenerate()
          request.session.userId = result.user.id
          return reply.redirect(next)
        case 'second_factor_required':
        case 'second_factor_setup_required':
          await request.session.regenerate()
          request.session.pendingUserId = result.userId
          return reply.redirect(
            result.outcome === 'second_factor_required'
              ? '/sign-in/two-factor'
              : '/sign-in/two-factor/set-up',
          )
        case 'locked':
          return reply.code(403).view('staff/sign-in/sign-in.njk', {
            next,
            values: { email: form.values.email },
            errors: [{ text: lockedMessage(result.until), href: '#email' }],
          })
        case 'rejected':
          return reply.code(401).view('staff/sign-in/sign-in.njk', {
            next,
            values: { email: form.values.email },
            errors: [{ text: 'Enter a correct email address and password', href: '#email' }],
          })
      }
    },
  )

  app.get('/sign-in/two-factor', { config: { access: signingInAccess } }, async (_request, reply) =>
    reply.view('staff/sign-in/two-factor.njk', { errors: [] }),
  )

  app.post(
    '/sign-in/two-factor',
    { config: { access: signingInAccess, rateLimit: SIGN_IN_RATE_LIMIT } },
    async (request, reply) => {
      const form = parseCodeForm(request.body)
      if (!form.ok) return reply.code(400).view('staff/sign-in/two-factor.njk', form)
      const userId = request.session.pendingUserId as string
      const result = await services.accounts.checkSecondFactor(userId, form.values.code, actorOf(request))
      if (result.outcome === 'signed_in') {
        await request.session.regenerate()
        request.session.userId = result.user.id
        request.session.secondFactor = true
        return reply.redirect('/staff')
      }
      const text =
        result.outcome === 'locked' ? lockedMessage(result.until) : 'The code is not correct or has expired'
      return reply.code(401).view('staff/sign-in/two-factor.njk', { errors: [{ text, href: '#code' }] })
    },
  )

  app.get('/sign-in/two-factor/set-up', { config: { access: signingInAccess } }, async (request, reply) => {
    const setup = await services.accounts.beginSecondFactorSetup(request.session.pendingUserId as string)
    if (!setup) return reply.redirect('/sign-in/two-factor')
    const qrSvg = await QRCode.toString(setup.uri, { type: 'svg', margin: 1, width: 200 })
    const codeError = (request.query as Record<string, unknown>).error === 'code'
    return reply.view('staff/sign-in/set-up.njk', { secret: setup.secret, qrSvg, codeError })
  })

  app.post(
    '/sign-in/two-factor/set-up',
    { config: { access: signingInAccess, rateLimit: SIGN_IN_RATE_LIMIT } },
    async (request, reply) => {
      const form = parseCodeForm(request.body)
      const userId = request.session.pendingUserId as string
      const result = form.ok
        ? await services.accounts.confirmSecondFactorSetup(userId, form.values.code, actorOf(request))
        : { outcome: 'rejected' as const }
      if (result.outcome === 'signed_in') {
        await request.session.regenerate()
        request.session.userId = result.user.id
        request.session.secondFactor = true
        return reply.redirect('/staff')
      }
      return reply.redirect('/sign-in/two-factor/set-up?error=code')
    },
  )

  app.post('/sign-out', { config: { access: anyStaff } }, async (request, reply) => {
    await services.audit.record(actorOf(request), {
      action: 'sign_out',
      recordType: 'user',
      recordId: request.staffUser?.id as string,
    })
    await request.session.destroy()
    return reply.redirect('/sign-in?signedOut=1')
  })
}
