// Triage and routing: every accepted referral gets THRIVE priority, routing with capacity
// and a place in the first-contact queue; workers re-grade THRIVE, record the needs assessment and
// the domestic abuse risk checklist (a high result raises a MARAC task); managers allocate a lead
// worker; administrators edit the routing rules (previewed before they are published) and capacities.
// Rules decided where the sources are silent: docs/adr/0010-triage-rules.md.
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import * as triageRepo from '../../repositories/triage.ts'
import type { AuditService } from '../audit.ts'
import type { CalendarService } from '../calendar/index.ts'
import { createAllocationService } from './allocation.ts'
import { createAssessmentService } from './assessment.ts'
import { createTriageEngine, TRIAGE_LOCK } from './engine.ts'
import { createRoutingAdminService } from './routing-admin.ts'

// The read models the triage pages are given: the web takes these from here, not from the repositories.
export type { Caseload } from '../../repositories/lead-workers.ts'
export type { QueuePage, ReferralAssessment } from './allocation.ts'
export { PREVIEW_SAMPLE_SIZE, TriageInputError, type Viewer } from './engine.ts'

export function createTriageService(pool: pg.Pool, audit: AuditService, calendar: CalendarService) {
  const engine = createTriageEngine(pool)
  const { ensureSeeded, triageWith } = engine
  return {
    ensureSeeded,

    /**
     * Triages the given accepted referrals inside the caller's transaction (intake can call this where
     * it accepts referrals, so the routing commits with the acceptance).
     */
    triageAcceptedReferrals: (client: pg.PoolClient, referralIds: readonly string[]) =>
      triageWith(client, referralIds, 'intake', 'system'),

    /**
     * Triages every accepted referral that has none yet, oldest first, in batches: the safety net that
     * runs after imports and as a background job, so no accepted referral is left untriaged. With
     * `maxBatches` it stops after that many full batches and says whether more are waiting, so one
     * background run stays short and the next carries on.
     */
    triagePending: async (
      options: { batchSize?: number; maxBatches?: number } = {},
    ): Promise<{ triaged: number; more: boolean }> => {
      await ensureSeeded()
      const batchSize = options.batchSize ?? 2000
      const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY
      let triaged = 0
      for (let batch = 1; ; batch++) {
        const done = await withTransaction(pool, async (client) => {
          await client.query('SELECT pg_advisory_xact_lock($1)', [TRIAGE_LOCK])
          const ids = await triageRepo.untriagedReferralIds(client, batchSize)
          return triageWith(client, ids, 'intake', 'system')
        })
        triaged += done
        if (done < batchSize) return { triaged, more: false }
        if (batch >= maxBatches) return { triaged, more: true }
      }
    },

    /** The fields the referrals export adds (same as the referral_export_triage view). */
    exportFields: (referralId: string) => triageRepo.exportTriageFields(pool, referralId),

    ...createAllocationService(pool, audit, calendar, engine),
    ...createAssessmentService(pool, audit, engine),
    ...createRoutingAdminService(pool, audit, engine),
  }
}

export type TriageService = ReturnType<typeof createTriageService>
