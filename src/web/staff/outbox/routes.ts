// The outbox page: every message to victims, newest first, with what became of it. With no
// NOTIFY_API_KEY this is where staff read what would have been sent: nothing leaves the machine.
import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../services/index.ts'
import { staffAccess } from '../../access.ts'

const outboxAccess = { access: staffAccess('team_manager', 'hub_caseworker') }

const STATUS: Readonly<Record<string, string>> = {
  pending: 'Waiting to be sent',
  sending: 'Being sent',
  accepted: 'Sent through GOV.UK Notify',
  kept: 'Kept here: not sent',
  delivered: 'Delivered',
  permanent_failure: 'Not delivered',
  temporary_failure: 'Not delivered yet',
  refused: 'Not sent: not safe, or no details',
}
const CHANNEL: Readonly<Record<string, string>> = { text: 'Text message', email: 'Email', letter: 'Letter' }

export async function outboxRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/staff/outbox', { config: outboxAccess }, async (request, reply) => {
    const user = request.staffUser
    if (!user) return reply.redirect('/sign-in')
    const query = request.query as Record<string, string | undefined>
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1)
    const list = await services.outbox.list(user, page)
    const pages = Math.max(1, Math.ceil(list.total / list.pageSize))
    return reply.view('staff/outbox/outbox.njk', {
      outboxOnly: services.outbox.mode === 'outbox-only',
      total: list.total,
      previous: page > 1 ? `/staff/outbox?page=${page - 1}` : null,
      next: page < pages ? `/staff/outbox?page=${page + 1}` : null,
      pages,
      rows: list.rows.map((m) => ({
        caseId: m.caseId,
        victimName: m.victimName,
        channel: CHANNEL[m.channel] ?? m.channel,
        status: STATUS[m.status] ?? m.status,
        failed: m.status === 'permanent_failure' || m.status === 'refused',
        createdAt: m.createdAt,
        subject: m.content?.subject ?? null,
        body: m.content?.body ?? null,
        error: m.lastError,
      })),
    })
  })
}
