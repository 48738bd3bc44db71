// Cases: opened when a triaged referral is allocated, the caseload, the case page and every change of
// state, each one written with who, when and why and audited in the same transaction.
import type pg from 'pg'
import { type Queryable, withTransaction } from '../../db/transaction.ts'
import { londonDate } from '../../domain/calendar/working-days.ts'
import { type AttemptPolicy, DEFAULT_ATTEMPT_POLICY, nextStep } from '../../domain/cases/attempt-policy.ts'
import { type ContactOutcome, reachedVictim } from '../../domain/cases/contact-outcomes.ts'
import { overloadWarnings } from '../../domain/cases/overload.ts'
import { type CaseAction, transition } from '../../domain/cases/states.ts'
import type { MessageChannel, MessageType } from '../../domain/messaging/message.ts'
import { safeChannels } from '../../domain/safe-contact/channels.ts'
import {
  CONTACT_FIELD_LABELS,
  type ContactRecord,
  detailsChanged,
  differences,
  retiredBy,
  retiredIn,
} from '../../domain/safe-contact/contact-change.ts'
import { CHANNEL_OF, type ContactMethod, checkContact } from '../../domain/safe-contact/contact-rule.ts'
import { scopeOf } from '../../domain/victims/access-policy.ts'
import { restrictedPathways } from '../../domain/victims/restricted.ts'
import * as casesRepo from '../../repositories/cases.ts'
import * as leadWorkersRepo from '../../repositories/lead-workers.ts'
import * as outboxRepo from '../../repositories/outbox.ts'
import { findUserById } from '../../repositories/staff.ts'
import * as contactRepo from '../../repositories/victim-contact.ts'
import type { Actor, AuditService } from '../audit.ts'
import type { CalendarService } from '../calendar/index.ts'
import { InputError } from '../errors.ts'
import { enqueueMessage } from '../messaging/outbox.ts'
import { exportCases } from './export.ts'
import { rulesFrom } from './rules.ts'

export { rulesFrom } from './rules.ts'

export type CaseViewer = {
  id: string
  role: import('../../domain/staff/roles.ts').Role
  teamPathway: string | null
}

/** A form opened on an older version of the contact record: nothing changed; the differences shown. */
export class StaleContactError extends Error {
  constructor(
    public readonly current: ContactRecord & { version: number },
    public readonly fields: (keyof ContactRecord)[],
  ) {
    super('This changed since you opened it')
    this.name = 'StaleContactError'
  }
}

export class CaseNotFound extends Error {
  constructor() {
    super('No such case, or not one this person may see')
    this.name = 'CaseNotFound'
  }
}

const by = (actor: Actor) => ({ userId: actor.userId, label: actor.label })

/**
 * Opens a case for a referral, or adds the referral to the victim's open case (a repeat victim keeps
 * one case). Runs inside the caller's transaction; does nothing if the referral already has a case.
 */
export async function openOrJoinCase(
  client: pg.PoolClient,
  audit: AuditService,
  referralId: string,
  actor: Actor,
  leadWorker: { id: string; name: string },
): Promise<{ caseId: string; opened: boolean } | undefined> {
  const result = await openOrJoin(client, audit, referralId, actor)
  if (result)
    await casesRepo.addEvent(client, {
      caseId: result.caseId,
      kind: 'lead_worker_allocated',
      reason: `${leadWorker.name} allocated as lead worker`,
      by: by(actor),
      details: { leadWorker: leadWorker.id, referralId },
    })
  return result
}

async function openOrJoin(
  client: pg.PoolClient,
  audit: AuditService,
  referralId: string,
  actor: Actor,
): Promise<{ caseId: string; opened: boolean } | undefined> {
  const referral = await casesRepo.referralForCase(client, referralId)
  if (!referral) return undefined
  const existing = await casesRepo.caseOfReferral(client, referralId)
  if (existing) return { caseId: existing, opened: false }
  const restricted = restrictedPathways({
    categories: [referral.crimeCategory],
    cse: referral.cse === 'Y',
    domesticAbuse: referral.domesticAbuse === 'Y',
  })
  const open = await casesRepo.openCaseOfVictim(client, referral.victimId)
  if (open) {
    await casesRepo.addReferral(client, open.id, referralId)
    await casesRepo.widenCase(client, open.id, restricted, referral.firstContactDue)
    await casesRepo.addEvent(client, {
      caseId: open.id,
      kind: 'referral_joined',
      reason: 'A new referral for a victim with an open case',
      by: by(actor),
      details: { referralId },
    })
    await audit.recordWith(client, actor, {
      action: 'case.referral_joined',
      recordType: 'case',
      recordId: open.id,
      details: { referralId },
    })
    return { caseId: open.id, opened: false }
  }
  const caseId = await casesRepo.insertCase(client, {
    victimId: referral.victimId,
    pathwayId: referral.pathwayId,
    restrictedPathways: restricted,
    nextActionDue: referral.firstContactDue,
    openedByLabel: actor.label,
  })
  await casesRepo.addReferral(client, caseId, referralId)
  await casesRepo.addEvent(client, {
    caseId,
    kind: 'opened',
    toState: 'awaiting_first_contact',
    reason: 'Referral allocated to a lead worker',
    by: by(actor),
    details: { referralId },
  })
  await audit.recordWith(client, actor, {
    action: 'case.opened',
    recordType: 'case',
    recordId: caseId,
    details: { referralId, victimId: referral.victimId },
  })
  return { caseId, opened: true }
}

/** Whether a worker may lead a case on this pathway: hub staff any, a specialist only their own. */
const mayLead = (viewer: CaseViewer, pathwayId: string | null) =>
  viewer.role === 'hub_caseworker' ||
  viewer.role === 'team_manager' ||
  (viewer.role === 'specialist_worker' && viewer.teamPathway !== null && viewer.teamPathway === pathwayId)

/**
 * The message the hub sends for an attempt recorded as sent: the first text or email, or "we tried to
 * reach you" after earlier attempts; a letter only as the closing letter of the attempt policy (a
 * worker's own letter is recorded without one).
 */
function messageFor(
  method: ContactMethod,
  outcome: ContactOutcome,
  earlierAttempts: number,
  tasks: readonly casesRepo.CaseTask[],
): { type: MessageType; channel: MessageChannel } | null {
  if (outcome !== 'sent') return null
  if (method === 'text' || method === 'email')
    return { type: earlierAttempts === 0 ? 'first-contact' : 'tried-to-reach', channel: method }
  if (method === 'letter' && tasks.some((t) => t.kind === 'closing_letter' && t.status === 'open'))
    return { type: 'closing-no-contact', channel: 'letter' }
  return null
}

export function createCasesService(
  pool: pg.Pool,
  audit: AuditService,
  calendar: CalendarService,
  policy: AttemptPolicy = DEFAULT_ATTEMPT_POLICY,
) {
  /** Locks a case the viewer may see, or refuses as if it did not exist. */
  const lockVisible = async (client: Queryable, viewer: CaseViewer, caseId: string) => {
    // The one access policy, in the SQL: a case the viewer may not see is not found (or locked).
    const found = await casesRepo.lockCase(client, caseId, scopeOf(viewer).restricted)
    if (!found) throw new CaseNotFound()
    return found
  }

  return {
    caseload: async (
      viewer: CaseViewer,
      filter: { show: casesRepo.CaseloadShow; page: number },
      now: Date,
    ) => {
      const limit = 50
      const today = londonDate(now)
      const result = await casesRepo.caseload(pool, {
        show: filter.show,
        userId: viewer.id,
        today,
        scope: scopeOf(viewer).restricted,
        limit,
        offset: (Math.max(filter.page, 1) - 1) * limit,
      })
      return {
        ...result,
        pageSize: limit,
        today,
        rows: result.rows.map((r) => ({
          ...r,
          overdue: r.nextActionDue !== null && r.nextActionDue < today,
        })),
      }
    },

    /** The case page: the case, its victim's contact and safe-contact rules, referrals and history. */
    detail: async (viewer: CaseViewer, caseId: string, actor: Actor, now: Date) => {
      const found = await casesRepo.findCase(pool, caseId, scopeOf(viewer).restricted)
      if (!found) return undefined
      if (found.restrictedPathways.length > 0 || found.restrictedByHand) {
        await audit.record(actor, {
          action: 'restricted_record.viewed',
          recordType: 'case',
          recordId: caseId,
          details: { pathways: found.restrictedPathways, restrictedByHand: found.restrictedByHand },
        })
      }
      const cal = await calendar.current()
      const fortnightAgo = new Date(now.getTime() - 14 * 86_400_000)
      const [referrals, events, attempts, tasks, rulesRow, messages, otherContacts, activeServices] =
        await Promise.all([
          casesRepo.referralsOfCase(pool, caseId),
          casesRepo.eventsOfCase(pool, caseId),
          casesRepo.attemptsOfCase(pool, caseId),
          casesRepo.tasksOfCase(pool, caseId),
          casesRepo.safeContactOfVictim(pool, found.victimId),
          outboxRepo.messagesOfCase(pool, caseId),
          casesRepo.otherTeamsContacts(pool, found.victimId, viewer.id, fortnightAgo),
          casesRepo.activeServicesOfVictim(pool, found.victimId),
        ])
      const rules = rulesRow ? rulesFrom(rulesRow) : undefined
      const today = londonDate(now)
      return {
        case: found,
        referrals,
        events,
        attempts,
        tasks,
        messages,
        warnings: overloadWarnings({ otherContacts, activeServices }, now, cal),
        pendingTransfer: await casesRepo.pendingTransferOfCase(pool, caseId),
        mayTransfer:
          found.state !== 'closed' && (found.leadWorkerId === viewer.id || viewer.role === 'team_manager'),
        safeChannels: rules ? safeChannels(rules) : [],
        policy,
        today,
        overdue: found.nextActionDue !== null && found.nextActionDue < today && found.state !== 'closed',
        mayTake: found.leadWorkerId === null && found.state !== 'closed' && mayLead(viewer, found.pathwayId),
      }
    },

    /** A state change, a closure or a reopening, with its reason; refused with InputError if not allowed. */
    change: async (viewer: CaseViewer, caseId: string, action: CaseAction, actor: Actor, now: Date) =>
      withTransaction(pool, async (client) => {
        const current = await lockVisible(client, viewer, caseId)
        const result = transition(current, action)
        if (!result.ok) throw new InputError(result.field, result.message)
        await casesRepo.setState(client, caseId, { state: result.state, closure: result.closure, at: now })
        if (action.kind === 'close') await casesRepo.setReferralsClosed(client, caseId, now)
        if (action.kind === 'reopen') await casesRepo.setReferralsClosed(client, caseId, null)
        const kind =
          action.kind === 'move' ? 'state_changed' : action.kind === 'close' ? 'closed' : 'reopened'
        const reason = action.kind === 'close' ? (result.closure?.note ?? null) : action.reason.trim()
        await casesRepo.addEvent(client, {
          caseId,
          kind,
          fromState: current.state,
          toState: result.state,
          reason,
          by: by(actor),
          at: now,
          details: action.kind === 'close' ? { closureReason: action.reason } : {},
        })
        await audit.recordWith(client, actor, {
          action: `case.${kind}`,
          recordType: 'case',
          recordId: caseId,
          details: {
            from: current.state,
            to: result.state,
            reason,
            ...(action.kind === 'close' ? { closureReason: action.reason } : {}),
          },
        })
        return { state: result.state }
      }),

    /** A worker takes an unallocated case for themselves, where their team works its pathway. */
    take: async (viewer: CaseViewer, caseId: string, actor: Actor) =>
      withTransaction(pool, async (client) => {
        const current = await lockVisible(client, viewer, caseId)
        if (current.state === 'closed') throw new InputError('case', 'This case is closed')
        if (current.leadWorkerId !== null)
          throw new InputError('case', 'This case already has a lead worker: ask a manager to re-allocate it')
        if (!mayLead(viewer, current.pathwayId))
          throw new InputError('case', 'Your team does not work this pathway: ask a manager to allocate it')
        await leadWorkersRepo.setLeadWorker(client, current.victimId, viewer.id, by(actor))
        await casesRepo.addEvent(client, {
          caseId,
          kind: 'lead_worker_taken',
          reason: 'Taken by the worker for themselves',
          by: by(actor),
          details: { leadWorker: viewer.id },
        })
        await audit.recordWith(client, actor, {
          action: 'lead_worker.taken',
          recordType: 'case',
          recordId: caseId,
          details: { victimId: current.victimId, leadWorker: viewer.id },
        })
      }),

    /**
     * Records a contact attempt, only if the safe-contact rule allows it: a refused contact throws an
     * InputError on `method` and nothing is recorded. Reaching the victim records first contact against
     * each referral's deadline; a failed attempt sets the next step of the attempt policy as a task.
     */
    recordAttempt: async (
      viewer: CaseViewer,
      caseId: string,
      input: { method: ContactMethod; outcome: ContactOutcome; notes: string },
      actor: Actor,
      now: Date,
    ) => {
      const cal = await calendar.current()
      return withTransaction(pool, async (client) => {
        const current = await lockVisible(client, viewer, caseId)
        if (current.state === 'closed') throw new InputError('method', 'This case is closed: reopen it first')
        const row = await casesRepo.safeContactOfVictim(client, current.victimId)
        if (!row) throw new CaseNotFound()
        const rules = rulesFrom(row)
        const decision = checkContact(rules, {
          method: input.method,
          voicemail: input.outcome === 'voicemail_left',
          at: now,
        })
        if (!decision.ok) throw new InputError('method', decision.message)
        const notes = input.notes.trim() || null
        const earlier = await casesRepo.attemptsOfCase(client, caseId)
        const openTasks = await casesRepo.tasksOfCase(client, caseId)
        const attemptId = await casesRepo.addAttempt(client, {
          caseId,
          at: now,
          method: input.method,
          outcome: input.outcome,
          notes,
          by: by(actor),
        })
        await casesRepo.addEvent(client, {
          caseId,
          kind: 'contact_attempt',
          reason: notes,
          by: by(actor),
          at: now,
          details: { method: input.method, outcome: input.outcome },
        })
        await audit.recordWith(client, actor, {
          action: 'case.contact_attempt',
          recordType: 'case',
          recordId: caseId,
          details: { method: input.method, outcome: input.outcome },
        })
        const moveTo = async (to: 'contacting' | 'assessing', reason: string) => {
          if (current.state === to) return
          await casesRepo.setState(client, caseId, { state: to, closure: null, at: now })
          await casesRepo.addEvent(client, {
            caseId,
            kind: 'state_changed',
            fromState: current.state,
            toState: to,
            reason,
            by: by(actor),
            at: now,
          })
        }
        // A text, email or closing letter the hub sends goes into the outbox in this same transaction.
        const message = messageFor(input.method, input.outcome, earlier.length, openTasks)
        let messageId: string | null = null
        if (message) {
          const who = await casesRepo.victimForMessage(client, current.victimId)
          messageId = await enqueueMessage(client, {
            victimId: current.victimId,
            caseId,
            attemptId,
            messageType: message.type,
            channel: message.channel,
            language: who?.language === 'cy' ? 'cy' : 'en',
            placeholders: { firstName: who?.forename ?? '' },
          })
          await casesRepo.addEvent(client, {
            caseId,
            kind: 'message_queued',
            by: by(actor),
            at: now,
            details: { messageId, channel: message.channel, messageType: message.type },
          })
        }
        const awaiting = current.state === 'awaiting_first_contact' || current.state === 'contacting'
        if (reachedVictim(input.outcome)) {
          if (current.firstContactedAt === null) {
            await casesRepo.recordFirstContact(client, caseId, now, londonDate(now))
            await audit.recordWith(client, actor, {
              action: 'case.first_contact_made',
              recordType: 'case',
              recordId: caseId,
              details: { at: now.toISOString() },
            })
          }
          await casesRepo.completeTasks(client, caseId, [
            'contact_attempt',
            'closing_letter',
            'close_not_contacted',
          ])
          if (awaiting) {
            await moveTo('assessing', 'First contact made')
            await casesRepo.setNextActionDue(client, caseId, null)
          }
          return { reached: true as const, next: null, messageId }
        }
        if (!awaiting || current.firstContactedAt !== null)
          return { reached: false as const, next: null, messageId }
        await moveTo('contacting', 'A contact attempt did not reach the victim')
        const failed = (await casesRepo.attemptsOfCase(client, caseId)).map((a) => ({
          at: a.at,
          channel: CHANNEL_OF[a.method],
        }))
        const step = nextStep(policy, failed, safeChannels(rules), cal)
        await casesRepo.completeTasks(client, caseId, [
          'contact_attempt',
          'closing_letter',
          'close_not_contacted',
        ])
        await casesRepo.openCaseTask(client, {
          caseId,
          kind:
            step.kind === 'attempt'
              ? 'contact_attempt'
              : step.kind === 'closing_letter'
                ? 'closing_letter'
                : 'close_not_contacted',
          dueOn: step.due,
          details:
            step.kind === 'attempt'
              ? { number: step.number, partOfDay: step.partOfDay, channels: step.channels }
              : {},
        })
        await casesRepo.setNextActionDue(client, caseId, step.due)
        return { reached: false as const, next: step, messageId }
      })
    },

    /** Workers a case may be transferred to: hub staff, or the specialists of its pathway. */
    transferCandidates: async (viewer: CaseViewer, caseId: string) => {
      const found = await casesRepo.findCase(pool, caseId, scopeOf(viewer).restricted)
      if (!found) return []
      const loads = await leadWorkersRepo.caseloads(pool, londonDate(new Date()))
      return loads.filter(
        (w) =>
          w.userId !== found.leadWorkerId &&
          (w.role === 'specialist_worker'
            ? w.teamPathway !== null && w.teamPathway === found.pathwayId
            : true),
      )
    },

    /** The lead worker (or a manager) offers the case to another worker; it moves when they accept. */
    requestTransfer: async (
      viewer: CaseViewer,
      caseId: string,
      toUser: string,
      reason: string,
      actor: Actor,
    ) =>
      withTransaction(pool, async (client) => {
        const current = await lockVisible(client, viewer, caseId)
        if (current.state === 'closed') throw new InputError('toUser', 'This case is closed')
        if (current.leadWorkerId !== viewer.id && viewer.role !== 'team_manager')
          throw new InputError('toUser', 'Only the lead worker or a manager can transfer this case')
        if (reason.trim() === '') throw new InputError('transferReason', 'Say why the case is moving')
        const target = await findUserById(client, toUser)
        const allowed =
          target &&
          !target.disabled &&
          target.id !== current.leadWorkerId &&
          (target.role === 'hub_caseworker' ||
            target.role === 'team_manager' ||
            (target.role === 'specialist_worker' && target.teamPathway === current.pathwayId))
        if (!allowed || !target) throw new InputError('toUser', 'Choose a worker who can lead this case')
        if (await casesRepo.pendingTransferOfCase(client, caseId))
          throw new InputError('toUser', 'This case is already waiting for another worker to accept it')
        const transferId = await casesRepo.requestTransfer(client, {
          caseId,
          toUser,
          reason: reason.trim(),
          by: by(actor),
        })
        await casesRepo.addEvent(client, {
          caseId,
          kind: 'transfer_requested',
          reason: `Offered to ${target.displayName}: ${reason.trim()}`,
          by: by(actor),
          details: { transferId, toUser },
        })
        await audit.recordWith(client, actor, {
          action: 'case.transfer_requested',
          recordType: 'case',
          recordId: caseId,
          details: { transferId, toUser },
        })
        return { toName: target.displayName }
      }),

    /** The worker a case was offered to accepts it (they become lead worker) or declines it. */
    decideTransfer: async (viewer: CaseViewer, transferId: string, accept: boolean, actor: Actor) =>
      withTransaction(pool, async (client) => {
        const pending = (await casesRepo.pendingTransfersTo(client, viewer.id)).find(
          (x) => x.id === transferId,
        )
        if (!pending) throw new CaseNotFound()
        const current = await lockVisible(client, viewer, pending.caseId)
        const decided = await casesRepo.decideTransfer(
          client,
          transferId,
          accept ? 'accepted' : 'declined',
          new Date(),
        )
        if (!decided) throw new CaseNotFound()
        if (accept) await leadWorkersRepo.setLeadWorker(client, current.victimId, viewer.id, by(actor))
        const kind = accept ? 'transfer_accepted' : 'transfer_declined'
        await casesRepo.addEvent(client, {
          caseId: pending.caseId,
          kind,
          reason: `${pending.toName} ${accept ? 'accepted the case' : 'declined the case'}`,
          by: by(actor),
          details: { transferId },
        })
        await audit.recordWith(client, actor, {
          action: `case.${kind}`,
          recordType: 'case',
          recordId: pending.caseId,
          details: { transferId, leadWorker: accept ? viewer.id : current.leadWorkerId },
        })
        return { caseId: pending.caseId, victimName: pending.victimName }
      }),

    /** Cases offered to this worker, waiting for them to accept. */
    offeredTo: async (viewer: CaseViewer) => casesRepo.pendingTransfersTo(pool, viewer.id),

    /** Open tasks with their working-day due dates: the worker's own, or (managers) everyone's. */
    tasks: async (viewer: CaseViewer, scope: 'mine' | 'all', now: Date) => {
      const today = londonDate(now)
      const rows = await casesRepo.openTasks(pool, {
        userId: scope === 'mine' ? viewer.id : null,
        scope: scopeOf(viewer).restricted,
        limit: 200,
      })
      return rows.map((r) => ({ ...r, overdue: r.dueOn < today }))
    },

    /** The victim's contact record and its version, for the change form. */
    contactForm: async (viewer: CaseViewer, caseId: string) => {
      const found = await casesRepo.findCase(pool, caseId, scopeOf(viewer).restricted)
      if (!found) return undefined
      const contact = await contactRepo.contactOf(pool, found.victimId)
      return contact ? { case: found, contact } : undefined
    },

    /**
     * Changes the victim's contact details and safe-contact rules. Refused with StaleContactError when
     * the form was opened on an older version; every number, email and address replaced is retired
     * (unsafe at once for every channel) and may not be entered again; new details are confidential.
     */
    changeContact: async (
      viewer: CaseViewer,
      caseId: string,
      record: ContactRecord,
      version: number,
      actor: Actor,
      now: Date,
    ) =>
      withTransaction(pool, async (client) => {
        const current = await lockVisible(client, viewer, caseId)
        const before = await contactRepo.contactOf(client, current.victimId, true)
        if (!before) throw new CaseNotFound()
        if (before.version !== version) throw new StaleContactError(before, differences(before, record))
        const again = retiredIn(record, await contactRepo.retiredOf(client, current.victimId))
        if (again[0]) {
          const field =
            again[0].kind === 'phone'
              ? record.phoneMobile === again[0].value
                ? 'phoneMobile'
                : 'phoneOther'
              : again[0].kind === 'email'
                ? 'email'
                : 'addressLine1'
          throw new InputError(
            field,
            `This ${again[0].kind === 'address' ? 'address' : again[0].kind === 'email' ? 'email address' : 'number'} was replaced before and is unsafe: check with the victim and enter the one they use now`,
          )
        }
        const retired = retiredBy(before, record)
        const changed = detailsChanged(before, record)
        const fields = differences(before, record)
        if (fields.length === 0) return { changed: [] as string[], retired: 0 }
        await contactRepo.updateContact(client, current.victimId, record, {
          detailsChanged: changed,
          at: now,
        })
        await contactRepo.retire(client, current.victimId, retired, actor.label)
        await casesRepo.addEvent(client, {
          caseId,
          kind: 'contact_changed',
          reason: fields.map((f) => CONTACT_FIELD_LABELS[f]).join(', '),
          by: by(actor),
          at: now,
          details: { fields, retired: retired.map((r) => r.kind) },
        })
        await audit.recordWith(client, actor, {
          action: 'victim.contact_changed',
          recordType: 'victim',
          recordId: current.victimId,
          details: { caseId, fields, retired: retired.map((r) => r.kind) },
        })
        return { changed: fields as string[], retired: retired.length }
      }),

    /** Every case (opened or changed on or after `since`), one object each, for `export cases`. */
    exportCases: (options: { since: string | null }) => exportCases(pool, options),

    /** The cases of a victim, for the victim record's links. */
    casesOfVictim: async (victimId: string) => casesRepo.casesOfVictim(pool, victimId),
  }
}

export type CasesService = ReturnType<typeof createCasesService>
export type Caseload = Awaited<ReturnType<CasesService['caseload']>>
export type CasePage = NonNullable<Awaited<ReturnType<CasesService['detail']>>>
export type { CaseloadShow } from '../../repositories/cases.ts'
