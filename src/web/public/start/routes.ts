import type { FastifyInstance } from 'fastify'
import { publicAccess } from '../../access.ts'

export async function publicStartRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: publicAccess } }, async (_request, reply) =>
    reply.view('public/start/start.njk', { publicPage: true }),
  )
}
