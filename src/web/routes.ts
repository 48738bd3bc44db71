import type { FastifyInstance } from 'fastify'
import type { Services } from '../services/index.ts'
import { caseEventsApiRoutes } from './api/case-events.ts'
import { openApiRoutes } from './api/openapi.ts'
import { orukRoutes } from './api/oruk/routes.ts'
import { referralsApiRoutes } from './api/referrals.ts'
import { assetRoutes } from './assets/routes.ts'
import { healthRoutes } from './health/routes.ts'
import { metricsRoutes } from './metrics/routes.ts'
import { findSupportRoutes } from './public/find-support/routes.ts'
import { referYourselfRoutes } from './public/refer-yourself/routes.ts'
import { publicStartRoutes } from './public/start/routes.ts'
import { statementRoutes } from './public/statements/routes.ts'
import { assessmentRoutes } from './staff/assessment/routes.ts'
import { auditRoutes } from './staff/audit/routes.ts'
import { casesRoutes } from './staff/cases/routes.ts'
import { needsAssessmentRoutes } from './staff/commissioning/needs-assessment/routes.ts'
import { dataQualityRoutes } from './staff/data-quality/routes.ts'
import { homeRoutes } from './staff/home/routes.ts'
import { organisationsRoutes } from './staff/organisations/routes.ts'
import { outboxRoutes } from './staff/outbox/routes.ts'
import { queueRoutes } from './staff/queue/routes.ts'
import { referRoutes } from './staff/refer/routes.ts'
import { routingRoutes } from './staff/routing/routes.ts'
import { signInRoutes } from './staff/sign-in/routes.ts'
import { singleSignOnRoutes } from './staff/sign-in/single-sign-on/routes.ts'
import { usersRoutes } from './staff/users/routes.ts'
import { victimsRoutes } from './staff/victims/routes.ts'

/** Every journey the web server offers. Each plugin's routes declare their own access. */
export async function registerJourneys(app: FastifyInstance, services: Services): Promise<void> {
  const deps = { services }
  // The hub's contact details, for the footer of every public page (a cached read).
  app.addHook('preHandler', async (_request, reply) => {
    reply.locals = { ...reply.locals, hubContact: await services.directory.hubContact() }
  })
  await app.register(assetRoutes)
  await app.register(healthRoutes, deps)
  await app.register(metricsRoutes, deps)
  await app.register(referralsApiRoutes, deps)
  await app.register(caseEventsApiRoutes, deps)
  await app.register(openApiRoutes)
  await app.register(orukRoutes, deps)
  await app.register(publicStartRoutes)
  await app.register(statementRoutes)
  await app.register(findSupportRoutes, deps)
  await app.register(referYourselfRoutes, deps)
  await app.register(signInRoutes, deps)
  await app.register(singleSignOnRoutes, deps)
  await app.register(homeRoutes)
  await app.register(usersRoutes, deps)
  await app.register(organisationsRoutes, deps)
  await app.register(auditRoutes, deps)
  await app.register(needsAssessmentRoutes, deps)
  await app.register(dataQualityRoutes, deps)
  await app.register(referRoutes, deps)
  await app.register(victimsRoutes, deps)
  await app.register(routingRoutes, deps)
  await app.register(queueRoutes, deps)
  await app.register(assessmentRoutes, deps)
  await app.register(casesRoutes, deps)
  await app.register(outboxRoutes, deps)
}
