import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../services/index.ts'
import { staffAccess } from '../../access.ts'
import { actorOf } from '../../plugins/enforce-access.ts'

const adminOnly = { access: staffAccess('administrator') }

export async function auditRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/staff/audit', { config: adminOnly }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    const filter = {
      action: query.action?.trim() || undefined,
      recordType: query.recordType?.trim() || undefined,
      recordId: query.recordId?.trim() || undefined,
      limit: 100,
    }
    const rows = await services.audit.recent(filter)
    return reply.view('staff/audit/audit.njk', { rows, filter, verification: null })
  })

  app.post('/staff/audit/verify', { config: adminOnly }, async (request, reply) => {
    const verification = await services.audit.verify()
    await services.audit.record(actorOf(request), {
      action: 'audit.verified',
      details: { ok: verification.ok },
    })
    const rows = await services.audit.recent({ limit: 100 })
    return reply.view('staff/audit/audit.njk', { rows, filter: {}, verification })
  })
}
