import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isPathwayId } from '../../../domain/triage/pathways.ts'
import type { Services } from '../../../services/index.ts'
import type { ReferralAssessment } from '../../../services/triage/index.ts'
import { allows } from '../../access.ts'
import type { FormError } from '../../forms.ts'
import { actorOf } from '../../plugins/enforce-access.ts'
import { fieldErrors } from '../../shared/form-view.ts'
import { languageItems } from '../../shared/languages.ts'
import { categoryLabel } from '../../shared/referral-text.ts'
import { gradeLabel, riskChecklistLabel } from '../../shared/staff-wording.ts'
import { deadlineTag, describeWarning, RISK_TAG } from '../queue/presenter.ts'
import { viewerOf } from '../queue/routes.ts'
import { victimsAccess } from '../victims/presenter.ts'
import {
  needsAnswersFromBody,
  needsErrorsToForm,
  parseChoiceForm,
  parseThriveForm,
  riskAnswersFromBody,
  riskErrorsToForm,
} from './forms.ts'
import { assessmentAccess, contactRows, namesView, riskSummary } from './presenter.ts'

const workers = { access: assessmentAccess }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
type Req = FastifyRequest<{ Params: { referralId: string } }>

/** A page shown again with what was posted and the errors against it. */
type Refused = { errors: FormError[]; posted?: unknown }

/**
 * What a posted form came to: saved (with the words the overview page shows), refused with errors (the
 * form is shown again, nothing changed), or no referral the worker may see.
 */
type Outcome = { saved: string } | { refused: Refused } | { notFound: true }

const notFound = { notFound: true } as const

export async function assessmentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { triage } = services

  const load = async (request: Req) =>
    UUID.test(request.params.referralId)
      ? triage.detail(viewerOf(request), request.params.referralId, actorOf(request), new Date())
      : undefined

  /** Renders one of the assessment pages for the referral, with errors when a form was refused. */
  type Page = (request: Req, found: ReferralAssessment, refused?: Refused) => Promise<Record<string, unknown>>

  const show = async (view: string, page: Page, request: Req, reply: FastifyReply, refused?: Refused) => {
    const found = await load(request)
    if (!found) return reply.callNotFound()
    const errors = refused?.errors ?? []
    return reply
      .code(errors.length ? 400 : 200)
      .view(view, { ...(await page(request, found, refused)), errors, fieldErrors: fieldErrors(errors) })
  }

  /**
   * The one way every assessment form is posted: save, then back to the overview with what was done,
   * or the page again with its errors.
   */
  const post = (path: string, view: string, page: Page, save: (request: Req) => Promise<Outcome>) =>
    app.post<{ Params: { referralId: string } }>(
      `/staff/assessment/:referralId${path}`,
      { config: workers },
      async (request, reply) => {
        if (!UUID.test(request.params.referralId)) return reply.callNotFound()
        const outcome = await save(request)
        if ('notFound' in outcome) return reply.callNotFound()
        if ('refused' in outcome) return show(view, page, request, reply, outcome.refused)
        request.session.flash = outcome.saved
        return reply.redirect(`/staff/assessment/${request.params.referralId}`)
      },
    )

  /** A page with a form of its own: shown by GET, saved by POST to the same address. */
  const formPage = (path: string, view: string, page: Page, save: (request: Req) => Promise<Outcome>) => {
    app.get<{ Params: { referralId: string } }>(
      `/staff/assessment/:referralId${path}`,
      { config: workers },
      (request, reply) => show(view, page, request, reply),
    )
    post(path, view, page, save)
  }

  const overview: Page = async (request, found, refused) => {
    const providers = await triage.providers()
    const names = namesView(found, providers)
    const providerName = names.serviceName
    const pathways = [...new Set(providers.map((p) => p.pathway))].sort()
    const flash = request.session.flash
    request.session.flash = undefined
    const d = found.detail
    const current = d.hubThrive ?? d.policeThrive
    // Contact details and safe-contact rules, so a worker reads them before picking up the phone. The
    // referral is already one the worker may see (need to know was checked by `detail`).
    const victim = await services.victims.victimWithReferrals(d.victimId)
    const role = request.staffUser?.role
    return {
      ...found,
      ...names,
      flash,
      crime: categoryLabel(d.crimeCategory),
      riskTag: RISK_TAG[d.priorityRank] ?? RISK_TAG[0],
      riskSummary: riskSummary(found),
      contact: victim ? contactRows(victim.victim) : [],
      victimLink: allows(victimsAccess, role) && victim ? `/staff/victims/${victim.victim.id}` : null,
      deadline: deadlineTag(found.timeLeft),
      warnings: d.warnings.map((w) => describeWarning(w, providerName)),
      providerOptions: (d.providerOptions as { providerId: string; full: boolean }[]).map((o) => ({
        name: providerName(o.providerId),
        full: o.full,
        chosen: o.providerId === d.providerId,
      })),
      thriveValues: refused?.posted ?? {
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
          text: names.pathwayName(p),
          selected: d.victimChoicePathway === p,
        })),
      ],
      needsForm: triage.needsForm,
    }
  }

  app.get<{ Params: { referralId: string } }>(
    '/staff/assessment/:referralId',
    { config: workers },
    (request, reply) => show('staff/assessment/overview.njk', overview, request, reply),
  )

  post('/thrive', 'staff/assessment/overview.njk', overview, async (request) => {
    const form = parseThriveForm(request.body)
    if (!form.ok) return { refused: { errors: form.errors, posted: form.values } }
    const { reason, ...grades } = form.values
    const done = await triage.regradeThrive(
      viewerOf(request),
      request.params.referralId,
      grades,
      reason,
      actorOf(request),
    )
    return done ? { saved: 'THRIVE re-graded. The referral was routed again.' } : notFound
  })

  post('/choice', 'staff/assessment/overview.njk', overview, async (request) => {
    const form = parseChoiceForm(request.body)
    if (!form.ok) return { refused: { errors: form.errors } }
    const pathway = isPathwayId(form.values.pathway) ? form.values.pathway : null
    const outOfArea = form.values.outOfArea === 'yes'
    const done = await triage.setVictimChoice(
      viewerOf(request),
      request.params.referralId,
      pathway,
      outOfArea,
      actorOf(request),
    )
    return done ? { saved: 'The victim’s choice is recorded. The referral was routed again.' } : notFound
  })

  formPage(
    '/needs',
    'staff/assessment/needs.njk',
    async (_request, found, refused) => ({
      detail: found.detail,
      form: triage.needsForm,
      answers: refused?.posted ?? found.needs?.answers ?? { sections: {}, riskFlags: [] },
      languageItems,
    }),
    async (request) => {
      const answers = needsAnswersFromBody(triage.needsForm, request.body)
      const saved = await triage.saveNeedsAssessment(
        viewerOf(request),
        request.params.referralId,
        answers,
        actorOf(request),
      )
      if (!saved.ok) {
        if (saved.notFound) return notFound
        return { refused: { errors: needsErrorsToForm(saved.errors, triage.needsForm), posted: answers } }
      }
      return {
        saved: `Needs assessment saved: overall need ${gradeLabel(saved.result.overallLevel).toLowerCase()}.`,
      }
    },
  )

  formPage(
    '/risk-checklist',
    'staff/assessment/risk.njk',
    async (_request, found, refused) => ({
      detail: found.detail,
      form: triage.riskForm,
      answers: refused?.posted ?? found.risk?.answers ?? { answers: {}, victimAge: found.age },
    }),
    async (request) => {
      const parsed = riskAnswersFromBody(triage.riskForm, request.body)
      if (parsed.errors.length) return { refused: { errors: parsed.errors, posted: parsed.answers } }
      const saved = await triage.saveRiskChecklist(
        viewerOf(request),
        request.params.referralId,
        parsed.answers,
        actorOf(request),
      )
      if (!saved.ok) {
        if (saved.notFound) return notFound
        return { refused: { errors: riskErrorsToForm(saved.errors), posted: parsed.answers } }
      }
      const task =
        saved.task?.kind === 'marac_referral'
          ? ' A MARAC referral task was raised.'
          : saved.task
            ? ' A children’s safeguarding referral task was raised.'
            : ''
      return {
        saved: `Risk checklist saved: ${riskChecklistLabel(saved.result.level, saved.result.yesCount).toLowerCase()}.${task}`,
      }
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
