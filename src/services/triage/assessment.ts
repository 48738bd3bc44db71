// THRIVE re-grading, the victim's own choice, the needs assessment and the domestic abuse risk checklist.
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { domesticAbuseRiskChecklistV1, needsAssessmentFormV1 } from '../../domain/triage/assessment-forms.ts'
import type { Grade } from '../../domain/triage/levels.ts'
import type { PathwayId } from '../../domain/triage/pathways.ts'
import { scoreNeedsAssessment, scoreRiskChecklist } from '../../domain/triage/scoring.ts'
import type { ThriveAssessment } from '../../domain/triage/thrive.ts'
import * as assessmentsRepo from '../../repositories/assessments.ts'
import * as tasksRepo from '../../repositories/tasks.ts'
import * as triageRepo from '../../repositories/triage.ts'
import type { Actor, AuditService } from '../audit.ts'
import type { TriageEngine, Viewer } from './engine.ts'

/** The assessment journey: every change re-routes the referral and is audited. */
export function createAssessmentService(pool: pg.Pool, audit: AuditService, engine: TriageEngine) {
  const { retriage, ensureTriaged, requireVisible } = engine
  type Detail = NonNullable<Awaited<ReturnType<typeof requireVisible>>>

  /**
   * Something triage depends on has changed: in one transaction the referral gets its triage row if it
   * had none, `change` is applied, the referral is routed again and the change is audited.
   */
  const reassess = <T>(
    detail: Detail,
    actor: Actor,
    trigger: string,
    change: (
      client: pg.PoolClient,
    ) => Promise<{ result: T; action: string; details: Record<string, unknown> }>,
  ): Promise<T> =>
    withTransaction(pool, async (client) => {
      await ensureTriaged(client, detail)
      const { result, action, details } = await change(client)
      await retriage(detail.referralId, trigger, actor, client)
      await audit.recordWith(client, actor, {
        action,
        recordType: 'referral',
        recordId: detail.referralId,
        details,
      })
      return result
    })

  return {
    regradeThrive: async (
      viewer: Viewer,
      referralId: string,
      grades: Required<Pick<ThriveAssessment, 'threat' | 'harm' | 'risk' | 'vulnerability'>>,
      reason: string,
      actor: Actor,
    ) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return false
      await reassess(detail, actor, 'thrive_regrade', async (client) => {
        await triageRepo.setHubThrive(client, referralId, grades, reason, actor.userId)
        return {
          result: undefined,
          action: 'thrive.regraded',
          details: { police: detail.policeThrive, hub: grades as Record<string, Grade | null>, reason },
        }
      })
      return true
    },

    setVictimChoice: async (
      viewer: Viewer,
      referralId: string,
      pathway: PathwayId | null,
      outOfArea: boolean,
      actor: Actor,
    ) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return false
      await reassess(detail, actor, 'victim_choice', async (client) => {
        await triageRepo.setVictimChoice(client, referralId, pathway, outOfArea)
        return { result: undefined, action: 'victim_choice.recorded', details: { pathway, outOfArea } }
      })
      return true
    },

    needsForm: needsAssessmentFormV1,
    riskForm: domesticAbuseRiskChecklistV1,

    /** Scores and stores a needs assessment, then routes again with the needs levels. */
    saveNeedsAssessment: async (viewer: Viewer, referralId: string, answers: unknown, actor: Actor) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return { ok: false as const, notFound: true as const, errors: [] }
      const scored = scoreNeedsAssessment(needsAssessmentFormV1, answers)
      if (!scored.ok) return { ok: false as const, notFound: false as const, errors: scored.errors }
      const result = scored.value
      await reassess(detail, actor, 'needs_assessment', async (client) => {
        const id = await assessmentsRepo.insertNeedsAssessment(client, {
          referralId,
          formId: result.formId,
          formVersion: result.formVersion,
          answers,
          result,
          overallLevel: result.overallLevel,
          assessedBy: actor.userId,
          assessedByLabel: actor.label,
        })
        await triageRepo.setAssessmentLevels(client, referralId, { needsLevel: result.overallLevel })
        return {
          result: undefined,
          action: 'needs_assessment.recorded',
          details: { assessmentId: id, overallLevel: result.overallLevel, riskFlags: result.riskFlags },
        }
      })
      return { ok: true as const, result }
    },

    /**
     * Scores and stores a domestic abuse risk checklist. When it meets a MARAC criterion a MARAC
     * referral task is opened (a children's safeguarding referral under 16), once per referral.
     */
    saveRiskChecklist: async (viewer: Viewer, referralId: string, answers: unknown, actor: Actor) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return { ok: false as const, notFound: true as const, errors: [] }
      const scored = scoreRiskChecklist(domesticAbuseRiskChecklistV1, answers)
      if (!scored.ok) return { ok: false as const, notFound: false as const, errors: scored.errors }
      const result = scored.value
      const taskOpened = await reassess(detail, actor, 'risk_checklist', async (client) => {
        const id = await assessmentsRepo.insertRiskChecklist(client, {
          referralId,
          formId: result.formId,
          formVersion: result.formVersion,
          answers,
          result,
          level: result.level,
          yesCount: result.yesCount,
          assessedBy: actor.userId,
          assessedByLabel: actor.label,
        })
        await triageRepo.setAssessmentLevels(client, referralId, { riskLevel: result.level })
        let task: { id: string; kind: tasksRepo.TaskKind } | null = null
        const kind: tasksRepo.TaskKind | null = result.actions.includes('raise_marac_referral')
          ? 'marac_referral'
          : result.actions.includes('child_safeguarding_referral')
            ? 'child_safeguarding_referral'
            : null
        if (kind) {
          const taskId = await tasksRepo.openTask(client, {
            referralId,
            kind,
            details: { criteria: result.maracCriteria, yesCount: result.yesCount, level: result.level },
            riskChecklistId: id,
            createdByLabel: actor.label,
          })
          if (taskId) task = { id: taskId, kind }
        }
        return {
          result: task,
          action: 'risk_checklist.recorded',
          details: { checklistId: id, level: result.level, yesCount: result.yesCount, task },
        }
      })
      return { ok: true as const, result, task: taskOpened }
    },

    completeTask: async (viewer: Viewer, referralId: string, taskId: string, actor: Actor) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return false
      return withTransaction(pool, async (client) => {
        const done = await tasksRepo.completeTask(client, referralId, taskId, actor.userId)
        if (done) {
          await audit.recordWith(client, actor, {
            action: 'triage_task.completed',
            recordType: 'referral',
            recordId: referralId,
            details: { taskId },
          })
        }
        return done
      })
    },
  }
}
