// The figures /metrics reports about the hub's own records: imports and records by state, referrals
// past their first-contact deadline, and the background job queues. Each is one cheap aggregate.
import type { Queryable } from '../db/transaction.ts'
import { QUEUE_STATUSES } from './first-contact-queue.ts'
import { selectRow, selectRows } from './rows.ts'

export type ImportFigures = {
  batchesRunning: number
  batchesFinished: number
  accepted: number
  duplicate: number
  quarantined: number
  consentRefused: number
  /** Quarantined records a person has not yet released or rejected. */
  quarantineOpen: number
}

/** Import batches by status and the records they received by what became of each. */
export async function importFigures(db: Queryable): Promise<ImportFigures> {
  const row = await selectRow<ImportFigures>(
    db,
    `SELECT count(*) FILTER (WHERE status = 'running')::int AS batches_running,
            count(*) FILTER (WHERE status = 'finished')::int AS batches_finished,
            coalesce(sum(accepted), 0)::bigint::float8 AS accepted,
            coalesce(sum(duplicate), 0)::bigint::float8 AS duplicate,
            coalesce(sum(quarantined), 0)::bigint::float8 AS quarantined,
            coalesce(sum(consent_refused), 0)::bigint::float8 AS consent_refused,
            (SELECT count(*)::int FROM referral_receipts
              WHERE state = 'quarantined' AND resolution IS NULL AND superseded_by IS NULL) AS quarantine_open
       FROM import_batches`,
  )
  return row as ImportFigures
}

export type OverdueFigures = { overdue: number; oldestOverdueSeconds: number }

/**
 * Referrals still waiting for first contact whose deadline has passed: how many, and how long ago the
 * oldest deadline ended (the end of its due day in UK time), in seconds; 0 when none is overdue.
 */
export async function firstContactOverdue(db: Queryable): Promise<OverdueFigures> {
  const row = await selectRow<OverdueFigures>(
    db,
    `SELECT count(*)::int AS overdue,
            coalesce(extract(epoch FROM now() - min((first_contact_due + 1)::timestamp AT TIME ZONE 'Europe/London')), 0)::float8
              AS oldest_overdue_seconds
       FROM referrals
      WHERE status = ANY($1::text[])
        AND (first_contact_due + 1)::timestamp AT TIME ZONE 'Europe/London' <= now()`,
    [QUEUE_STATUSES],
  )
  return row as OverdueFigures
}

export type JobQueueFigures = { queue: string; waiting: number; active: number; oldestWaitingSeconds: number }

/**
 * Each background job queue: jobs waiting, jobs running, and how long the oldest job that is due has
 * waited. Empty until a worker has created pg-boss's tables.
 */
export async function jobQueueFigures(db: Queryable): Promise<JobQueueFigures[]> {
  const present = await selectRow<{ present: boolean }>(
    db,
    `SELECT to_regclass('pgboss.job') IS NOT NULL AS present`,
  )
  if (!present?.present) return []
  return selectRows<JobQueueFigures>(
    db,
    `SELECT name AS queue,
            count(*) FILTER (WHERE state < 'active')::int AS waiting,
            count(*) FILTER (WHERE state = 'active')::int AS active,
            coalesce(extract(epoch FROM now() - min(created_on) FILTER (WHERE state < 'active' AND start_after <= now())), 0)::float8
              AS oldest_waiting_seconds
       FROM pgboss.job
      WHERE state <= 'active'
      GROUP BY name
      ORDER BY name`,
  )
}
