// THRIVE re-grading, the victim's own choice, the needs assessment and the domestic abuse risk checklist.
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { domesticAbuseRiskChecklistV1, needsAssessmentFormV1 } from '../../domain/triage/assessment-forms.ts'
import type { Grade } from '../../domain/triage/levels.ts'
import type { PathwayId } from '../../domain/triage/pathways.ts'
import { scoreNeedsAssessment, scoreRiskChecklist } from '../../domain/triage/scoring.ts'
import type { ThriveAssessment } from '../../domain/triage/thrive.ts'
import * as triageRepo from '../../repositories/triage.ts'
import type { Actor, AuditService } from '../audit.ts'
import type { TriageEngine, Viewer } from './engine.ts'

/** The assessment journey: every change re-routes the referral and is audited. */
export function createAssessmentService(pool: pg.Pool, audit: AuditService, engine: TriageEngine) {
  const { retriage, ensureTriaged, requireVisible } = engine
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
      await withTransaction(pool, async (client) => {
        await ensureTriaged(client, detail)
        await triageRepo.setHubThrive(client, referralId, grades, reason, actor.userId)
        await retriage(referralId, 'thrive_regrade', actor, client)
        await audit.recordWith(client, actor, {
          action: 'thrive.regraded',
          recordType: 'referral',
          recordId: referralId,
          details: { police: detail.policeThrive, hub: grades as Record<string, Grade | null>, reason },
        })
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
      await withTransaction(pool, async (client) => {
        await ensureTriaged(client, detail)
        await triageRepo.setVictimChoice(client, referralId, pathway, outOfArea)
        await retriage(referralId, 'victim_choice', actor, client)
        await audit.recordWith(client, actor, {
          action: 'victim_choice.recorded',
          recordType: 'referral',
          recordId: referralId,
          details: { pathway, outOfArea },
        })
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
      await withTransaction(pool, async (client) => {
        const id = await triageRepo.insertNeedsAssessment(client, {
          referralId,
          formId: result.formId,
          formVersion: result.formVersion,
          answers,
          result,
          overallLevel: result.overallLevel,
          assessedBy: actor.userId,
          assessedByLabel: actor.label,
        })
        await ensureTriaged(client, detail)
        await triageRepo.setAssessmentLevels(client, referralId, { needsLevel: result.overallLevel })
        await retriage(referralId, 'needs_assessment', actor, client)
        await audit.recordWith(client, actor, {
          action: 'needs_assessment.recorded',
          recordType: 'referral',
          recordId: referralId,
          details: { assessmentId: id, overallLevel: result.overallLevel, riskFlags: result.riskFlags },
        })
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
      const taskOpened = await withTransaction(pool, async (client) => {
        const id = await triageRepo.insertRiskChecklist(client, {
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
        await ensureTriaged(client, detail)
        await triageRepo.setAssessmentLevels(client, referralId, { riskLevel: result.level })
        let task: { id: string; kind: triageRepo.TaskKind } | null = null
        const kind: triageRepo.TaskKind | null = result.actions.includes('raise_marac_referral')
          ? 'marac_referral'
          : result.actions.includes('child_safeguarding_referral')
            ? 'child_safeguarding_referral'
            : null
        if (kind) {
          const taskId = await triageRepo.openTask(client, {
            referralId,
            kind,
            details: { criteria: result.maracCriteria, yesCount: result.yesCount, level: result.level },
            riskChecklistId: id,
            createdByLabel: actor.label,
          })
          if (taskId) task = { id: taskId, kind }
        }
        await retriage(referralId, 'risk_checklist', actor, client)
        await audit.recordWith(client, actor, {
          action: 'risk_checklist.recorded',
          recordType: 'referral',
          recordId: referralId,
          details: { checklistId: id, level: result.level, yesCount: result.yesCount, task },
        })
        return task
      })
      return { ok: true as const, result, task: taskOpened }
    },

    completeTask: async (viewer: Viewer, referralId: string, taskId: string, actor: Actor) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return false
      return withTransaction(pool, async (client) => {
        const done = await triageRepo.completeTask(client, referralId, taskId, actor.userId)
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
