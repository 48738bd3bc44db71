import type { FastifyInstance } from 'fastify'
import { ROLE_LABELS } from '../../../domain/staff/roles.ts'
import { anyStaff } from '../../access.ts'
import { sectionsFor } from './sections.ts'

export async function homeRoutes(app: FastifyInstance) {
  app.get('/staff', { config: { access: anyStaff } }, async (request, reply) => {
    const user = request.staffUser
    if (!user) return reply.redirect('/sign-in')
    const pages = new Map(
      app.routeAccessTable.filter((r) => r.method === 'GET').map((r) => [r.url, r.access]),
    )
    return reply.view('staff/home/home.njk', {
      user,
      roleLabel: ROLE_LABELS[user.role],
      sections: sectionsFor(user.role, pages),
    })
  })
}
