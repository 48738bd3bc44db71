import type { FastifyInstance, FastifyRequest } from 'fastify'
import { InputError } from '../../../services/errors.ts'
import type { Services } from '../../../services/index.ts'
import { actorOf } from '../../plugins/enforce-access.ts'
import { withErrors } from '../../shared/form-view.ts'
import { BASE, isUuid, queueAccess, reportAccess } from './access.ts'
import { parseQueueQuery, queueView } from './queue/presenter.ts'
import { parseCorrections, parseReject } from './record/forms.ts'
import { recordView } from './record/presenter.ts'
import { reportCsv } from './report/csv.ts'
import { parseReportQuery, readReportQuery, reportView } from './report/presenter.ts'

// An id that no organisation has: a police referrer without an organisation sees an empty report.
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000'

const OUTCOME_FLASH: Record<string, string> = {
  accepted: 'Released. The referral was accepted and goes to first contact.',
  duplicate:
    'Released. It turned out to be a duplicate of a referral the hub already has, and was linked to it.',
  consent_refused: 'Released. The record says the victim did not consent, so nobody will contact them.',
  quarantined: 'Released, but the service held it again.',
}

export async function dataQualityRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { dataQuality } = services

  /** A police referrer's report is limited to what their own organisation sent. */
  const reportScope = async (request: FastifyRequest): Promise<string | undefined> => {
    const user = request.staffUser
    if (user?.role !== 'police_referrer') return undefined
    const id = user.organisationName ? await dataQuality.organisationId(user.organisationName) : undefined
    return id ?? NO_ORGANISATION
  }

  const viewer = (request: FastifyRequest) => {
    const user = request.staffUser
    if (!user) throw new Error('A data quality page needs a signed-in user')
    return { role: user.role, teamPathway: user.teamPathway }
  }
  const seen = (request: FastifyRequest, id: string) =>
    isUuid(id) ? dataQuality.record(id, viewer(request), actorOf(request)) : undefined

  const takeFlash = (request: FastifyRequest) => {
    const flash = request.session.flash
    if (flash) request.session.flash = undefined
    return flash
  }

  app.get(BASE, { config: { access: queueAccess } }, async (request, reply) => {
    const filter = parseQueueQuery(request.query)
    const data = await dataQuality.queue(filter, filter.page, viewer(request), actorOf(request))
    return reply.view('staff/data-quality/queue/queue.njk', {
      ...queueView(data, filter),
      filter,
      flash: takeFlash(request),
    })
  })

  app.get(`${BASE}/records/:id`, { config: { access: queueAccess } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const found = await seen(request, id)
    if (!found) return reply.callNotFound()
    return reply.view('staff/data-quality/record/record.njk', {
      record: recordView(found),
      errors: [],
      rejectErrors: [],
      flash: takeFlash(request),
    })
  })

  app.post(`${BASE}/records/:id/release`, { config: { access: queueAccess } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const found = await seen(request, id)
    if (!found) return reply.callNotFound()
    const now = new Date()
    const form = parseCorrections(
      found.receipt.raw,
      request.body,
      (corrections) => found.reasonsAfter(corrections, now),
      found.withheld,
    )
    if (!form.ok) {
      return reply.code(400).view('staff/data-quality/record/record.njk', {
        record: recordView(found, form),
        ...withErrors(form.values, form.errors),
        rejectErrors: [],
      })
    }
    let outcome: Awaited<ReturnType<typeof dataQuality.releaseQuarantined>>
    try {
      outcome = await dataQuality.releaseQuarantined(id, form.corrections, actorOf(request))
    } catch (error) {
      // Someone else resolved it meanwhile, or the service's checks (resends, duplicates) still hold it.
      if (!(error instanceof InputError)) throw error
      const errors = [{ text: error.message, href: '#fields' }]
      const fresh = (await seen(request, id)) ?? found
      return reply.code(409).view('staff/data-quality/record/record.njk', {
        record: recordView(fresh, { values: form.values, errors }),
        errors,
        rejectErrors: [],
      })
    }
    request.session.flash = OUTCOME_FLASH[outcome.state] ?? 'Released.'
    return reply.redirect(BASE)
  })

  app.post(`${BASE}/records/:id/reject`, { config: { access: queueAccess } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const found = await seen(request, id)
    if (!found) return reply.callNotFound()
    const form = parseReject(request.body)
    if (!form.ok) {
      return reply.code(400).view('staff/data-quality/record/record.njk', {
        record: recordView(found),
        errors: form.errors,
        rejectErrors: form.errors,
        rejectReason: form.values.reason,
      })
    }
    try {
      await dataQuality.rejectQuarantined(id, form.values.reason, actorOf(request))
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      request.session.flash = error.message
      return reply.redirect(`${BASE}/records/${id}`)
    }
    request.session.flash =
      'Rejected. The record stays on file with your reason; nobody will be contacted from it.'
    return reply.redirect(BASE)
  })

  app.get(`${BASE}/report`, { config: { access: reportAccess } }, async (request, reply) => {
    const read = readReportQuery(request.query)
    const filter = { ...read.filter, organisationId: await reportScope(request) }
    const data = await dataQuality.report(filter)
    return reply.code(read.errors.length ? 400 : 200).view('staff/data-quality/report/report.njk', {
      ...reportView(filter, data),
      ...withErrors(read.dates, read.errors),
      ownOrganisationOnly: filter.organisationId !== undefined,
      organisationName: request.staffUser?.organisationName,
      showQueueLink: request.staffUser?.role !== 'police_referrer',
    })
  })

  app.get(`${BASE}/report.csv`, { config: { access: reportAccess } }, async (request, reply) => {
    const filter = { ...parseReportQuery(request.query), organisationId: await reportScope(request) }
    const data = await dataQuality.report(filter)
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="data-quality-${filter.forceCode ?? 'all'}-${filter.from}-to-${filter.to}.csv"`,
      )
      .send(reportCsv(data))
  })
}
