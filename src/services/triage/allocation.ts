// The first-contact queue, lead worker allocation and caseloads.
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { londonDate } from '../../domain/calendar/working-days.ts'
import { ageOn } from '../../domain/entitlements/age.ts'
import { timeLeft } from '../../domain/triage/time-left.ts'
import { scopeOf } from '../../domain/victims/access-policy.ts'
import * as assessmentsRepo from '../../repositories/assessments.ts'
import * as queueRepo from '../../repositories/first-contact-queue.ts'
import * as leadWorkersRepo from '../../repositories/lead-workers.ts'
import * as routingRepo from '../../repositories/routing.ts'
import { findUserById } from '../../repositories/staff.ts'
import * as tasksRepo from '../../repositories/tasks.ts'
import type { Actor, AuditService } from '../audit.ts'
import type { CalendarService } from '../calendar/index.ts'
import type { TriageEngine, Viewer } from './engine.ts'

/** Queue by deadline and risk, one lead worker per victim, caseloads. */
export function createAllocationService(
  pool: pg.Pool,
  audit: AuditService,
  calendar: CalendarService,
  engine: TriageEngine,
) {
  const { requireVisible } = engine
  return {
    /**
     * One page of the queue the viewer may see (the access policy, in SQL: referrals they may not see
     * are neither listed nor counted). A page listing restricted victims is audited once, with their ids.
     */
    queue: async (
      viewer: Viewer,
      filter: { pathway?: string | null; unallocatedOnly?: boolean; page: number },
      now: Date,
      actor?: Actor,
    ) => {
      const cal = await calendar.current()
      const limit = 50
      const { rows, total } = await queueRepo.queue(pool, {
        pathway: filter.pathway ?? null,
        unallocatedOnly: filter.unallocatedOnly ?? false,
        scope: scopeOf(viewer),
        limit,
        offset: (Math.max(filter.page, 1) - 1) * limit,
      })
      const restricted = rows.filter((row) => row.restricted)
      if (actor && restricted.length > 0) {
        await audit.record(actor, {
          action: 'restricted_records.listed',
          recordType: 'first_contact_queue',
          details: {
            list: 'first_contact_queue',
            filter: {
              pathway: filter.pathway ?? null,
              unallocatedOnly: filter.unallocatedOnly ?? false,
              page: filter.page,
            },
            shown: rows.length,
            referrals: restricted.map((row) => row.referralId),
            victims: [...new Set(restricted.map((row) => row.victimId))],
          },
        })
      }
      return {
        total,
        pageSize: limit,
        rows: rows.map((row) => ({ ...row, timeLeft: timeLeft(cal, now, row.firstContactDue) })),
      }
    },

    detail: async (viewer: Viewer, referralId: string, actor: Actor, now: Date) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return undefined
      if (detail.restricted) {
        // Need to know: every view of a restricted record is audited.
        await audit.record(actor, {
          action: 'restricted_record.viewed',
          recordType: 'referral',
          recordId: referralId,
          details: { pathway: detail.pathwayId },
        })
      }
      const [tasks, needs, risk, history] = await Promise.all([
        tasksRepo.tasksFor(pool, referralId),
        assessmentsRepo.latestNeedsAssessment(pool, referralId),
        assessmentsRepo.latestRiskChecklist(pool, referralId),
        routingRepo.routingHistory(pool, referralId),
      ])
      const cal = await calendar.current()
      return {
        detail,
        tasks,
        needs,
        risk,
        history,
        timeLeft: timeLeft(cal, now, detail.firstContactDue),
        age: detail.dateOfBirth ? ageOn(detail.dateOfBirth, londonDate(detail.reportedAt)) : null,
      }
    },

    /** Accounts a manager may make lead worker for this referral: hub staff, or the pathway's team. */
    allocatableWorkers: async (viewer: Viewer, referralId: string) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return []
      const loads = await leadWorkersRepo.caseloads(pool, londonDate(new Date()))
      return loads.filter((w) =>
        w.role === 'specialist_worker' ? w.teamPathway !== null && w.teamPathway === detail.pathwayId : true,
      )
    },

    allocate: async (viewer: Viewer, referralId: string, userId: string, actor: Actor) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return { ok: false as const, error: 'not_found' as const }
      const user = await findUserById(pool, userId)
      const allowed =
        user &&
        !user.disabled &&
        (user.role === 'hub_caseworker' ||
          user.role === 'team_manager' ||
          (user.role === 'specialist_worker' && user.teamPathway === detail.pathwayId))
      if (!allowed) return { ok: false as const, error: 'not_a_worker' as const }
      await withTransaction(pool, async (client) => {
        const previous = await leadWorkersRepo.setLeadWorker(client, detail.victimId, userId, {
          userId: actor.userId,
          label: actor.label,
        })
        await audit.recordWith(client, actor, {
          action: 'lead_worker.allocated',
          recordType: 'victim',
          recordId: detail.victimId,
          details: { referralId, leadWorker: userId, previous },
        })
      })
      return { ok: true as const, victimId: detail.victimId, workerName: user.displayName }
    },

    caseloads: async (now: Date) => leadWorkersRepo.caseloads(pool, londonDate(now)),
  }
}

type AllocationService = ReturnType<typeof createAllocationService>

/** One page of the first-contact queue, each row with its time left in working time. */
export type QueuePage = Awaited<ReturnType<AllocationService['queue']>>

/** One referral's triage with its tasks, latest assessments, routing history, time left and age. */
export type ReferralAssessment = NonNullable<Awaited<ReturnType<AllocationService['detail']>>>
