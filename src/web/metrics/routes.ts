import type { FastifyInstance } from 'fastify'
import type { Services } from '../../services/index.ts'
import { metricsAccess } from '../access.ts'

/**
 * `/metrics` for a Prometheus scraper, with the bearer token METRICS_TOKEN. Without a token the route
 * does not exist, so /metrics answers 404 like any unknown address.
 */
export async function metricsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  if (!services.config.metricsToken) return
  app.get('/metrics', { config: { access: metricsAccess }, logLevel: 'warn' }, async (_request, reply) =>
    reply.type(services.metrics.contentType).send(await services.metrics.exposition()),
  )
}
