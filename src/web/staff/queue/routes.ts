import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Services } from '../../../services/index.ts'
import type { Viewer } from '../../../services/triage/index.ts'
import { staffAccess } from '../../access.ts'
import { parseForm } from '../../forms.ts'
import { actorOf } from '../../plugins/enforce-access.ts'
import { categoryLabel } from '../../shared/referral-text.ts'
import { crimeReferenceLabel, offerLabel, pathwayName } from '../../shared/staff-wording.ts'
import { deadlineTag, describeWarning, RISK_TAG } from './presenter.ts'

const queueAccess = { access: staffAccess('team_manager', 'hub_caseworker') }
const managerOnly = { access: staffAccess('team_manager') }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const viewerOf = (request: FastifyRequest): Viewer => {
  const user = request.staffUser
  if (!user) throw new Error('viewerOf needs a signed-in user')
  return { id: user.id, role: user.role, teamPathway: user.teamPathway }
}

const allocateSchema = z.object({
  worker: z.string({ message: 'Choose a lead worker' }).regex(UUID, 'Choose a lead worker'),
})

export async function queueRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { triage } = services

  app.get('/staff/queue', { config: queueAccess }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1)
    const pathway = query.pathway || null
    const unallocatedOnly = query.unallocated === 'yes'
    const [queue, overview] = await Promise.all([
      triage.queue(viewerOf(request), { pathway, unallocatedOnly, page }, new Date(), actorOf(request)),
      triage.providers(),
    ])
    const providerName = (id: string) => overview.find((p) => p.id === id)?.name ?? id
    const flash = request.session.flash
    request.session.flash = undefined
    const pages = Math.max(1, Math.ceil(queue.total / queue.pageSize))
    const link = (p: number) =>
      `/staff/queue?${new URLSearchParams({
        ...(pathway ? { pathway } : {}),
        ...(unallocatedOnly ? { unallocated: 'yes' } : {}),
        page: String(p),
      })}`
    const pathwayIds = [...new Set(overview.map((p) => p.pathway))].sort()
    return reply.view('staff/queue/queue.njk', {
      flash,
      total: queue.total,
      page,
      pages,
      previous: page > 1 ? link(page - 1) : null,
      next: page < pages ? link(page + 1) : null,
      isManager: request.staffUser?.role === 'team_manager',
      filter: { pathway, unallocatedOnly },
      pathwayItems: [
        { value: '', text: 'All pathways', selected: !pathway },
        ...pathwayIds.map((id) => ({ value: id, text: pathwayName(id), selected: pathway === id })),
      ],
      rows: queue.rows.map((row) => ({
        ...row,
        crime: categoryLabel(row.crimeCategory),
        crimeReference: crimeReferenceLabel(row.crimeReference),
        offer: row.offer ? offerLabel(row.offer).toLowerCase() : null,
        risk: RISK_TAG[row.priorityRank] ?? RISK_TAG[0],
        deadline: deadlineTag(row.timeLeft),
        warnings: row.warnings.map((w) => describeWarning(w, providerName)),
        full: row.warnings.includes('all_providers_full'),
      })),
    })
  })

  app.get('/staff/queue/caseloads', { config: managerOnly }, async (_request, reply) => {
    const loads = await triage.caseloads(new Date())
    return reply.view('staff/queue/caseloads.njk', { loads })
  })

  const renderAllocate = async (
    request: FastifyRequest<{ Params: { referralId: string } }>,
    reply: import('fastify').FastifyReply,
    errors: { text: string; href: string }[] = [],
  ) => {
    const { referralId } = request.params
    if (!UUID.test(referralId)) return reply.callNotFound()
    const found = await triage.detail(viewerOf(request), referralId, actorOf(request), new Date())
    if (!found) return reply.callNotFound()
    const workers = await triage.allocatableWorkers(viewerOf(request), referralId)
    return reply.code(errors.length ? 400 : 200).view('staff/queue/allocate.njk', {
      detail: found.detail,
      timeLeft: found.timeLeft,
      crime: categoryLabel(found.detail.crimeCategory),
      crimeReferenceText: crimeReferenceLabel(found.detail.crimeReference),
      errors,
      workers: workers.map((w) => ({
        value: w.userId,
        text: w.displayName,
        checked: w.userId === found.detail.leadWorkerId,
        hint: {
          text: `${w.teamName ?? 'No team'}: leads ${w.victims} victim${w.victims === 1 ? '' : 's'}, ${w.openReferrals} awaiting contact${w.overdue ? `, ${w.overdue} overdue` : ''}`,
        },
      })),
    })
  }

  app.get<{ Params: { referralId: string } }>(
    '/staff/queue/:referralId/allocate',
    { config: managerOnly },
    async (request, reply) => renderAllocate(request, reply),
  )

  app.post<{ Params: { referralId: string } }>(
    '/staff/queue/:referralId/allocate',
    { config: managerOnly },
    async (request, reply) => {
      if (!UUID.test(request.params.referralId)) return reply.callNotFound()
      const form = parseForm(allocateSchema, request.body)
      if (!form.ok) return renderAllocate(request, reply, [{ text: 'Choose a lead worker', href: '#worker' }])
      const result = await triage.allocate(
        viewerOf(request),
        request.params.referralId,
        form.values.worker,
        actorOf(request),
      )
      if (!result.ok) {
        if (result.error === 'not_found') return reply.callNotFound()
        return renderAllocate(request, reply, [
          { text: 'Choose a caseworker, manager or specialist worker on this pathway', href: '#worker' },
        ])
      }
      request.session.flash = `${result.workerName} is now the lead worker for this victim.`
      return reply.redirect('/staff/queue')
    },
  )
}
