import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CONTACT_OUTCOME_LABELS, CONTACT_OUTCOMES } from '../../../domain/cases/contact-outcomes.ts'
import {
  CASE_STATE_LABELS,
  CLOSURE_REASON_LABELS,
  CLOSURE_REASONS,
  movesFrom,
} from '../../../domain/cases/states.ts'
import { CONTACT_FIELD_LABELS, readContactForm } from '../../../domain/safe-contact/contact-change.ts'
import { CaseNotFound, type CaseViewer, StaleContactError } from '../../../services/cases/index.ts'
import { InputError } from '../../../services/errors.ts'
import type { Services } from '../../../services/index.ts'
import { staffAccess } from '../../access.ts'
import { type FormError, parseForm } from '../../forms.ts'
import { actorOf } from '../../plugins/enforce-access.ts'
import { formatIsoDate } from '../../shared/summary-list.ts'
import { attemptSchema, closeSchema, moveSchema, readShow, reopenSchema, SHOW, type Show } from './forms.ts'
import { CASES, casePageView, contactMethodItems, formatDate, stateTag, taskText } from './presenter.ts'

const caseworkers = { access: staffAccess('team_manager', 'hub_caseworker', 'specialist_worker') }
const queueWorkers = { access: staffAccess('team_manager', 'hub_caseworker') }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const dayNames = (days: readonly number[]) =>
  days.length ? days.map((d) => DAY_NAMES[d - 1]).join(', ') : 'any day'

const SHOW_LABELS: Readonly<Record<Show, string>> = {
  mine: 'My cases',
  unallocated: 'Unallocated',
  overdue: 'Overdue',
  all: 'All open cases',
}

const viewerOf = (request: FastifyRequest): CaseViewer => {
  const user = request.staffUser
  if (!user) throw new Error('viewerOf needs a signed-in user')
  return { id: user.id, role: user.role, teamPathway: user.teamPathway }
}

type CaseRequest = FastifyRequest<{ Params: { id: string } }>

export async function casesRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { cases, triage } = services

  app.get(CASES, { config: caseworkers }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    const show = readShow(query.show)
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1)
    const [load, offered] = await Promise.all([
      cases.caseload(viewerOf(request), { show, page }, new Date()),
      cases.offeredTo(viewerOf(request)),
    ])
    const pages = Math.max(1, Math.ceil(load.total / load.pageSize))
    const link = (p: number) => `${CASES}?${new URLSearchParams({ show, page: String(p) })}`
    const flash = request.session.flash
    request.session.flash = undefined
    return reply.view('staff/cases/caseload.njk', {
      flash,
      offered,
      show,
      heading: SHOW_LABELS[show],
      filters: SHOW.map((s) => ({ href: `${CASES}?show=${s}`, text: SHOW_LABELS[s], current: s === show })),
      total: load.total,
      page,
      pages,
      previous: page > 1 ? link(page - 1) : null,
      next: page < pages ? link(page + 1) : null,
      rows: load.rows.map((r) => ({ ...r, stateTag: stateTag(r.state) })),
    })
  })

  app.get(`${CASES}/tasks`, { config: caseworkers }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    const isManager = request.staffUser?.role === 'team_manager'
    const scope = isManager && query.show === 'all' ? 'all' : 'mine'
    const tasks = await cases.tasks(viewerOf(request), scope, new Date())
    return reply.view('staff/cases/tasks.njk', {
      isManager,
      scope,
      rows: tasks.map((t) => ({ ...t, text: taskText(t.kind, t.details), due: formatDate(t.dueOn) })),
    })
  })

  const renderCase = async (
    request: CaseRequest,
    reply: FastifyReply,
    errors: FormError[] = [],
    values: Record<string, unknown> = {},
  ) => {
    const { id } = request.params
    if (!UUID.test(id)) return reply.callNotFound()
    const found = await cases.detail(viewerOf(request), id, actorOf(request), new Date())
    if (!found) return reply.callNotFound()
    const view = casePageView(found)
    const candidates =
      found.mayTransfer && !found.pendingTransfer ? await cases.transferCandidates(viewerOf(request), id) : []
    const flash = request.session.flash
    request.session.flash = undefined
    const errorFor = (field: string) => {
      const e = errors.find((x) => x.href === `#${field}`)
      return e ? { text: e.text } : undefined
    }
    return reply.code(errors.length ? 400 : 200).view('staff/cases/case.njk', {
      ...view,
      flash,
      errors,
      values,
      errorFor: Object.fromEntries(
        [
          'to',
          'reason',
          'closureReason',
          'note',
          'reopenReason',
          'case',
          'method',
          'outcome',
          'notes',
          'toUser',
          'transferReason',
        ].map((f) => [f, errorFor(f)]),
      ),
      moves: movesFrom(found.case.state).map((s) => ({
        value: s,
        text: CASE_STATE_LABELS[s],
        checked: values.to === s,
      })),
      methods: contactMethodItems(found, values.method),
      pendingTransfer: found.pendingTransfer ?? null,
      transferTo: [
        { value: '', text: 'Choose a worker' },
        ...candidates.map((w) => ({
          value: w.userId,
          text: `${w.displayName} (${w.teamName ?? 'no team'}, leads ${w.victims})`,
          selected: values.toUser === w.userId,
        })),
      ],
      outcomes: CONTACT_OUTCOMES.map((o) => ({
        value: o,
        text: CONTACT_OUTCOME_LABELS[o],
        checked: values.outcome === o,
      })),
      closureReasons: CLOSURE_REASONS.map((r) => ({
        value: r,
        text: CLOSURE_REASON_LABELS[r],
        checked: values.closureReason === r,
      })),
    })
  }

  app.get<{ Params: { id: string } }>(`${CASES}/:id`, { config: caseworkers }, async (request, reply) =>
    renderCase(request, reply),
  )

  /** Runs a change and redirects to the case, or shows the page again with the error by its field. */
  const act = async (
    request: CaseRequest,
    reply: FastifyReply,
    run: () => Promise<unknown>,
    done: string | (() => string),
    fieldOf: (field: string) => string = (f) => f,
  ) => {
    try {
      await run()
    } catch (error) {
      if (error instanceof CaseNotFound) return reply.callNotFound()
      if (error instanceof InputError)
        return renderCase(
          request,
          reply,
          [{ text: error.message, href: `#${fieldOf(error.field)}` }],
          request.body as Record<string, unknown>,
        )
      throw error
    }
    request.session.flash = typeof done === 'string' ? done : done()
    return reply.redirect(`${CASES}/${request.params.id}`)
  }

  app.post<{ Params: { id: string } }>(
    `${CASES}/:id/state`,
    { config: caseworkers },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound()
      const form = parseForm(moveSchema, request.body)
      if (!form.ok) return renderCase(request, reply, form.errors, form.values)
      const { to, reason } = form.values
      return act(
        request,
        reply,
        () =>
          cases.change(
            viewerOf(request),
            request.params.id,
            { kind: 'move', to, reason },
            actorOf(request),
            new Date(),
          ),
        `The case is now: ${CASE_STATE_LABELS[to].toLowerCase()}.`,
      )
    },
  )

  app.post<{ Params: { id: string } }>(
    `${CASES}/:id/close`,
    { config: caseworkers },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound()
      const form = parseForm(closeSchema, request.body)
      if (!form.ok) return renderCase(request, reply, form.errors, form.values)
      const { closureReason: reason, note } = form.values
      return act(
        request,
        reply,
        () =>
          cases.change(
            viewerOf(request),
            request.params.id,
            { kind: 'close', reason, note },
            actorOf(request),
            new Date(),
          ),
        `The case is closed: ${CLOSURE_REASON_LABELS[reason].toLowerCase()}.`,
        (f) => (f === 'reason' ? 'closureReason' : f),
      )
    },
  )

  app.post<{ Params: { id: string } }>(
    `${CASES}/:id/reopen`,
    { config: caseworkers },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound()
      const form = parseForm(reopenSchema, request.body)
      if (!form.ok) return renderCase(request, reply, form.errors, form.values)
      return act(
        request,
        reply,
        () =>
          cases.change(
            viewerOf(request),
            request.params.id,
            { kind: 'reopen', reason: form.values.reopenReason },
            actorOf(request),
            new Date(),
          ),
        'The case is open again.',
      )
    },
  )

  app.post<{ Params: { id: string } }>(
    `${CASES}/:id/attempts`,
    { config: caseworkers },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound()
      const form = parseForm(attemptSchema, request.body)
      if (!form.ok) return renderCase(request, reply, form.errors, form.values)
      const { method, outcome, notes } = form.values
      let done = 'Contact attempt recorded.'
      return act(
        request,
        reply,
        async () => {
          const result = await cases.recordAttempt(
            viewerOf(request),
            request.params.id,
            { method, outcome, notes },
            actorOf(request),
            new Date(),
          )
          const parts = ['Contact attempt recorded.']
          if (result.messageId) parts.push('The message is in the outbox and is sent in a few seconds.')
          if (result.reached) parts.push('First contact made.')
          else if (result.next?.kind === 'attempt')
            parts.push(`Next attempt due by ${formatIsoDate(result.next.due)}.`)
          else if (result.next?.kind === 'closing_letter')
            parts.push('The attempts are spent: send a closing letter.')
          else if (result.next?.kind === 'close') parts.push('The attempts are spent: close the case.')
          done = parts.join(' ')
        },
        () => done,
      )
    },
  )

  app.post<{ Params: { id: string } }>(
    `${CASES}/:id/transfer`,
    { config: caseworkers },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound()
      const body = (request.body ?? {}) as Record<string, unknown>
      const toUser = typeof body.toUser === 'string' ? body.toUser : ''
      const reason = typeof body.transferReason === 'string' ? body.transferReason : ''
      if (!UUID.test(toUser))
        return renderCase(
          request,
          reply,
          [{ text: 'Choose a worker who can lead this case', href: '#toUser' }],
          body,
        )
      let toName = ''
      return act(
        request,
        reply,
        async () => {
          toName = (
            await cases.requestTransfer(
              viewerOf(request),
              request.params.id,
              toUser,
              reason,
              actorOf(request),
            )
          ).toName
        },
        () => `The case is offered to ${toName}. It moves when they accept it.`,
      )
    },
  )

  for (const decision of ['accept', 'decline'] as const)
    app.post<{ Params: { transferId: string } }>(
      `${CASES}/transfers/:transferId/${decision}`,
      { config: caseworkers },
      async (request, reply) => {
        if (!UUID.test(request.params.transferId)) return reply.callNotFound()
        try {
          const result = await cases.decideTransfer(
            viewerOf(request),
            request.params.transferId,
            decision === 'accept',
            actorOf(request),
          )
          request.session.flash =
            decision === 'accept'
              ? `You are now the lead worker for ${result.victimName}.`
              : `You declined the case of ${result.victimName}.`
          return reply.redirect(decision === 'accept' ? `${CASES}/${result.caseId}` : CASES)
        } catch (error) {
          if (error instanceof CaseNotFound) return reply.callNotFound()
          throw error
        }
      },
    )

  const renderContact = async (
    request: CaseRequest,
    reply: FastifyReply,
    state: { values?: Record<string, unknown>; errors?: FormError[]; stale?: StaleContactError } = {},
  ) => {
    const { id } = request.params
    if (!UUID.test(id)) return reply.callNotFound()
    const form = await cases.contactForm(viewerOf(request), id)
    if (!form) return reply.callNotFound()
    const saved = form.contact
    // After a stale submit the form shows the saved values; after an error, what was typed.
    const v: Record<string, unknown> = state.values && !state.stale ? state.values : { ...saved }
    const errors = state.errors ?? []
    const e = Object.fromEntries(errors.map((x) => [x.href.slice(1), { text: x.text }]))
    const flagItems = (name: string) =>
      [
        { value: 'Y', text: 'Yes' },
        { value: 'N', text: 'No' },
        { value: 'U', text: 'Not asked' },
      ].map((i) => ({ ...i, checked: v[name] === i.value }))
    const days = Array.isArray(v.safeDays) ? v.safeDays.map(Number) : v.safeDays ? [Number(v.safeDays)] : []
    const FLAG_WORDS: Record<string, string> = { Y: 'Yes', N: 'No', U: 'Not asked' }
    const shown = (value: unknown) =>
      Array.isArray(value)
        ? value.join(', ')
        : value
          ? (FLAG_WORDS[String(value)] ?? String(value))
          : 'nothing'
    return reply.code(errors.length || state.stale ? 400 : 200).view('staff/cases/contact.njk', {
      caseId: id,
      victimName: form.case.victimName,
      version: state.stale ? state.stale.current.version : saved.version,
      v,
      e,
      errors,
      stale: state.stale
        ? state.stale.fields.map((f) => ({
            label: CONTACT_FIELD_LABELS[f],
            now:
              f === 'safeDays'
                ? dayNames(state.stale?.current.safeDays ?? [])
                : shown(state.stale?.current[f]),
            yours: f === 'safeDays' ? dayNames(days) : shown(state.values?.[f]),
          }))
        : [],
      flags: [
        ['safeToCall', 'Phone calls'],
        ['safeToLeaveVoicemail', 'Voicemail'],
        ['safeToText', 'Text messages'],
        ['safeToEmail', 'Email'],
        ['safeToWrite', 'Letters'],
      ].map(([name, label]) => ({ name, label, items: flagItems(name as string) })),
      days: DAY_NAMES.map((text, i) => ({ value: String(i + 1), text, checked: days.includes(i + 1) })),
    })
  }

  app.get<{ Params: { id: string } }>(
    `${CASES}/:id/contact`,
    { config: caseworkers },
    async (request, reply) => renderContact(request, reply),
  )

  app.post<{ Params: { id: string } }>(
    `${CASES}/:id/contact`,
    { config: caseworkers },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound()
      const body = (request.body ?? {}) as Record<string, unknown>
      const values = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf'))
      const read = readContactForm(body)
      if (!read.ok)
        return renderContact(request, reply, {
          values,
          errors: read.errors.map((x) => ({ text: x.message, href: `#${x.field}` })),
        })
      try {
        const result = await cases.changeContact(
          viewerOf(request),
          request.params.id,
          read.record,
          Number(body.version),
          actorOf(request),
          new Date(),
        )
        request.session.flash =
          result.changed.length === 0
            ? 'Nothing changed.'
            : `Contact details saved.${result.retired ? ' The old details are retired as unsafe.' : ''}`
      } catch (error) {
        if (error instanceof CaseNotFound) return reply.callNotFound()
        if (error instanceof StaleContactError) return renderContact(request, reply, { values, stale: error })
        if (error instanceof InputError)
          return renderContact(request, reply, {
            values,
            errors: [{ text: error.message, href: `#${error.field}` }],
          })
        throw error
      }
      return reply.redirect(`${CASES}/${request.params.id}`)
    },
  )

  app.post<{ Params: { id: string } }>(
    `${CASES}/:id/take`,
    { config: caseworkers },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound()
      return act(
        request,
        reply,
        () => cases.take(viewerOf(request), request.params.id, actorOf(request)),
        'You are now the lead worker for this case.',
      )
    },
  )

  /** A caseworker takes a referral from the first-contact queue for themselves: it opens the case. */
  app.post<{ Params: { referralId: string } }>(
    `${CASES}/take-referral/:referralId`,
    { config: queueWorkers },
    async (request, reply) => {
      const { referralId } = request.params
      if (!UUID.test(referralId)) return reply.callNotFound()
      const viewer = viewerOf(request)
      const found = await triage.detail(viewer, referralId, actorOf(request), new Date())
      if (!found) return reply.callNotFound()
      if (found.detail.leadWorkerId !== null && found.detail.leadWorkerId !== viewer.id) {
        request.session.flash = `${found.detail.leadWorkerName ?? 'Another worker'} already leads this victim: ask a manager to re-allocate.`
        return reply.redirect('/staff/queue')
      }
      const result = await triage.allocate(viewer, referralId, viewer.id, actorOf(request))
      if (!result.ok) return reply.callNotFound()
      request.session.flash = 'You are now the lead worker for this victim.'
      return reply.redirect(result.caseId ? `${CASES}/${result.caseId}` : '/staff/queue')
    },
  )
}
