import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isPathwayId } from '../../../domain/triage/pathways.ts'
import type { Services } from '../../../services/index.ts'
import { staffAccess } from '../../access.ts'
import type { FormError } from '../../forms.ts'
import { actorOf } from '../../plugins/enforce-access.ts'
import { categoryLabel } from '../../shared/referral-text.ts'
import { deadlineTag, describeWarning, RISK_TAG } from '../queue/presenter.ts'
import { viewerOf } from '../queue/routes.ts'
import {
  needsAnswersFromBody,
  needsErrorsToForm,
  parseChoiceForm,
  parseThriveForm,
  riskAnswersFromBody,
  riskErrorsToForm,
} from './forms.ts'

const workers = { access: staffAccess('team_manager', 'hub_caseworker', 'specialist_worker') }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
type Req = FastifyRequest<{ Params: { referralId: string } }>

export async function assessmentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { triage } = services

  const load = async (request: Req) =>
    UUID.test(request.params.referralId)
      ? triage.detail(viewerOf(request), request.params.referralId, actorOf(request), new Date())
      : undefined

  const renderOverview = async (
    request: Req,
    reply: FastifyReply,
    extra: { errors?: FormError[]; values?: Record<string, unknown> } = {},
  ) => {
    const found = await load(request)
    if (!found) return reply.callNotFound()
    const providers = await triage.providers()
    const providerName = (id: string) => providers.find((p) => p.id === id)?.name ?? id
    const pathways = [...new Set(providers.map((p) => p.pathway))].sort()
    const flash = request.session.flash
    request.session.flash = undefined
    const d = found.detail
    const current = d.hubThrive ?? d.policeThrive
    return reply.code(extra.errors?.length ? 400 : 200).view('staff/assessment/overview.njk', {
      ...found,
      flash,
      crime: categoryLabel(d.crimeCategory),
      riskTag: RISK_TAG[d.priorityRank] ?? RISK_TAG[0],
      deadline: deadlineTag(found.timeLeft),
      warnings: d.warnings.map((w) => describeWarning(w, providerName)),
      providerOptions: (d.providerOptions as { providerId: string; full: boolean }[]).map((o) => ({
        name: providerName(o.providerId),
        full: o.full,
        chosen: o.providerId === d.providerId,
      })),
      errors: extra.errors ?? [],
      thriveValues: extra.values ?? {
        threat: current.threat,
        harm: current.harm,
        risk: current.risk,
        vulnerability: current.vulnerability,
        reason: '',
      },
      choiceItems: [
        { value: '', text: 'No preference given', selected: !d.victimChoicePathway },
        ...pathways.map((p) => ({
          value: p,
          text: p.replaceAll('_', ' '),
          selected: d.victimChoicePathway === p,
        })),
      ],
      needsForm: triage.needsForm,
    })
  }

  app.get<{ Params: { referralId: string } }>(
    '/staff/assessment/:referralId',
    { config: workers },
    (request, reply) => renderOverview(request, reply),
  )

  app.post<{ Params: { referralId: string } }>(
    '/staff/assessment/:referralId/thrive',
    { config: workers },
    async (request, reply) => {
      const form = parseThriveForm(request.body)
      if (!form.ok) return renderOverview(request, reply, { errors: form.errors, values: form.values })
      const { reason, ...grades } = form.values
      if (
        !(await triage.regradeThrive(
          viewerOf(request),
          request.params.referralId,
          grades,
          reason,
          actorOf(request),
        ))
      )
        return reply.callNotFound()
      request.session.flash = 'THRIVE re-graded. The referral was routed again.'
      return reply.redirect(`/staff/assessment/${request.params.referralId}`)
    },
  )

  app.post<{ Params: { referralId: string } }>(
    '/staff/assessment/:referralId/choice',
    { config: workers },
    async (request, reply) => {
      const form = parseChoiceForm(request.body)
      const pathway = form.ok && isPathwayId(form.values.pathway) ? form.values.pathway : null
      const outOfArea = form.ok && form.values.outOfArea === 'yes'
      if (
        !(await triage.setVictimChoice(
          viewerOf(request),
          request.params.referralId,
          pathway,
          outOfArea,
          actorOf(request),
        ))
      )
        return reply.callNotFound()
      request.session.flash = 'The victim’s choice is recorded. The referral was routed again.'
      return reply.redirect(`/staff/assessment/${request.params.referralId}`)
    },
  )

  const renderNeeds = async (
    request: Req,
    reply: FastifyReply,
    answers?: unknown,
    errors: FormError[] = [],
  ) => {
    const found = await load(request)
    if (!found) return reply.callNotFound()
    const previous = answers ?? found.needs?.answers ?? null
    return reply.code(errors.length ? 400 : 200).view('staff/assessment/needs.njk', {
      detail: found.detail,
      form: triage.needsForm,
      answers: previous ?? { sections: {}, riskFlags: [] },
      errors,
    })
  }

  app.get<{ Params: { referralId: string } }>(
    '/staff/assessment/:referralId/needs',
    { config: workers },
    (request, reply) => renderNeeds(request, reply),
  )

  app.post<{ Params: { referralId: string } }>(
    '/staff/assessment/:referralId/needs',
    { config: workers },
    async (request, reply) => {
      if (!UUID.test(request.params.referralId)) return reply.callNotFound()
      const answers = needsAnswersFromBody(triage.needsForm, request.body)
      const saved = await triage.saveNeedsAssessment(
        viewerOf(request),
        request.params.referralId,
        answers,
        actorOf(request),
      )
      if (!saved.ok) {
        if (saved.notFound) return reply.callNotFound()
        return renderNeeds(request, reply, answers, needsErrorsToForm(saved.errors, triage.needsForm))
      }
      request.session.flash = `Needs assessment saved: overall need ${saved.result.overallLevel}.`
      return reply.redirect(`/staff/assessment/${request.params.referralId}`)
    },
  )

  const renderRisk = async (
    request: Req,
    reply: FastifyReply,
    answers?: unknown,
    errors: FormError[] = [],
  ) => {
    const found = await load(request)
    if (!found) return reply.callNotFound()
    return reply.code(errors.length ? 400 : 200).view('staff/assessment/risk.njk', {
      detail: found.detail,
      form: triage.riskForm,
      answers: answers ?? found.risk?.answers ?? { answers: {}, victimAge: found.age },
      errors,
    })
  }

  app.get<{ Params: { referralId: string } }>(
    '/staff/assessment/:referralId/risk-checklist',
    { config: workers },
    (request, reply) => renderRisk(request, reply),
  )

  app.post<{ Params: { referralId: string } }>(
    '/staff/assessment/:referralId/risk-checklist',
    { config: workers },
    async (request, reply) => {
      if (!UUID.test(request.params.referralId)) return reply.callNotFound()
      const parsed = riskAnswersFromBody(triage.riskForm, request.body)
      if (parsed.errors.length) return renderRisk(request, reply, parsed.answers, parsed.errors)
      const saved = await triage.saveRiskChecklist(
        viewerOf(request),
        request.params.referralId,
        parsed.answers,
        actorOf(request),
      )
      if (!saved.ok) {
        if (saved.notFound) return reply.callNotFound()
        return renderRisk(request, reply, parsed.answers, riskErrorsToForm(saved.errors))
      }
      const task =
        saved.task?.kind === 'marac_referral'
          ? ' A MARAC referral task was raised.'
          : saved.task
            ? ' A children’s safeguarding referral task was raised.'
            : ''
      request.session.flash = `Risk checklist saved: ${saved.result.level} risk (${saved.result.yesCount} yes).${task}`
      return reply.redirect(`/staff/assessment/${request.params.referralId}`)
    },
  )

  app.post<{ Params: { referralId: string; taskId: string } }>(
    '/staff/assessment/:referralId/tasks/:taskId/done',
    { config: workers },
    async (request, reply) => {
      const { referralId, taskId } = request.params
      if (!UUID.test(referralId) || !UUID.test(taskId)) return reply.callNotFound()
      if (!(await triage.completeTask(viewerOf(request), referralId, taskId, actorOf(request))))
        return reply.callNotFound()
      request.session.flash = 'Task marked as done.'
      return reply.redirect(`/staff/assessment/${referralId}`)
    },
  )
}
