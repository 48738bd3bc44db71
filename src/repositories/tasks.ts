// Work a triage decision raises for a person to do: a MARAC referral, or under 16 a children's
// safeguarding referral, from a domestic abuse risk checklist. One open task of a kind per referral.
import type { Queryable } from '../db/transaction.ts'
import { camelRows } from './rows.ts'

export type TaskKind = 'marac_referral' | 'child_safeguarding_referral'

export type TriageTask = {
  id: string
  kind: TaskKind
  status: 'open' | 'done'
  details: Record<string, unknown>
  createdAt: Date
  completedAt: Date | null
}

/** Opens a task unless one of that kind is already open for the referral; returns its id if new. */
export async function openTask(
  db: Queryable,
  values: {
    referralId: string
    kind: TaskKind
    details: unknown
    riskChecklistId: string | null
    createdByLabel: string
  },
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO triage_tasks (referral_id, kind, details, risk_checklist_id, created_by_label)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (referral_id, kind) WHERE status = 'open' DO NOTHING RETURNING id`,
    [
      values.referralId,
      values.kind,
      JSON.stringify(values.details),
      values.riskChecklistId,
      values.createdByLabel,
    ],
  )
  return rows[0]?.id ?? null
}

export async function tasksFor(db: Queryable, referralId: string): Promise<TriageTask[]> {
  const { rows } = await db.query(
    `SELECT id, kind, status, details, created_at, completed_at FROM triage_tasks WHERE referral_id = $1
     ORDER BY created_at DESC`,
    [referralId],
  )
  return camelRows<TriageTask>(rows)
}

export async function completeTask(
  db: Queryable,
  referralId: string,
  taskId: string,
  userId: string | null,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE triage_tasks SET status = 'done', completed_at = now(), completed_by = $3
     WHERE id = $2 AND referral_id = $1 AND status = 'open'`,
    [referralId, taskId, userId],
  )
  return (result.rowCount ?? 0) > 0
}
