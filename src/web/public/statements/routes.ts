import type { FastifyInstance } from 'fastify'
import { publicAccess } from '../../access.ts'

/** The statements the public footer links to. Short and plain: what we do, not legal boilerplate. */
export async function statementRoutes(app: FastifyInstance) {
  app.get('/privacy', { config: { access: publicAccess } }, async (_request, reply) =>
    reply.view('public/statements/privacy.njk', { publicPage: true }),
  )
  app.get('/accessibility', { config: { access: publicAccess } }, async (_request, reply) =>
    reply.view('public/statements/accessibility.njk', { publicPage: true }),
  )
}
