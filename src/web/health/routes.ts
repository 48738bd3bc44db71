import type { FastifyInstance } from 'fastify'
import type { Services } from '../../services/index.ts'
import { publicAccess } from '../access.ts'

export async function healthRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/health/live', { config: { access: publicAccess }, logLevel: 'warn' }, async () => ({
    status: 'ok',
  }))
  app.get(
    '/health/ready',
    { config: { access: publicAccess }, logLevel: 'warn' },
    async (_request, reply) => {
      const database = await services.databaseReady()
      return reply
        .code(database ? 200 : 503)
        .send({ status: database ? 'ok' : 'unavailable', checks: { database } })
    },
  )
}
