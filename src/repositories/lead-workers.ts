// One lead worker per victim, and the caseloads managers allocate by.
import type { Queryable } from '../db/transaction.ts'
import { QUEUE_STATUSES } from './first-contact-queue.ts'
import { camelRows } from './rows.ts'

/** Makes the user the victim's lead worker; returns the previous one, if there was one. */
export async function setLeadWorker(
  db: Queryable,
  victimId: string,
  userId: string,
  by: { userId: string | null; label: string },
): Promise<string | null> {
  const previous = await db.query<{ user_id: string }>(
    'SELECT user_id FROM lead_workers WHERE victim_id = $1 FOR UPDATE',
    [victimId],
  )
  await db.query(
    `INSERT INTO lead_workers (victim_id, user_id, allocated_by, allocated_by_label) VALUES ($1, $2, $3, $4)
     ON CONFLICT (victim_id) DO UPDATE SET user_id = EXCLUDED.user_id, allocated_at = now(),
       allocated_by = EXCLUDED.allocated_by, allocated_by_label = EXCLUDED.allocated_by_label`,
    [victimId, userId, by.userId, by.label],
  )
  return previous.rows[0]?.user_id ?? null
}

export type Caseload = {
  userId: string
  displayName: string
  role: string
  teamName: string | null
  teamPathway: string | null
  victims: number
  openReferrals: number
  overdue: number
}

/** Every active caseworking account with the victims it leads and their referrals still awaiting contact. */
export async function caseloads(db: Queryable, today: string): Promise<Caseload[]> {
  const { rows } = await db.query(
    `SELECT u.id AS user_id, u.display_name, u.role, tm.name AS team_name, tm.pathway AS team_pathway,
       count(DISTINCT lw.victim_id)::int AS victims,
       count(r.id)::int AS open_referrals,
       count(r.id) FILTER (WHERE r.first_contact_due < $2::date)::int AS overdue
     FROM users u
     LEFT JOIN teams tm ON tm.id = u.team_id
     LEFT JOIN lead_workers lw ON lw.user_id = u.id
     LEFT JOIN referrals r ON r.victim_id = lw.victim_id AND r.status = ANY($1::text[])
     WHERE NOT u.disabled AND u.role IN ('hub_caseworker', 'team_manager', 'specialist_worker')
     GROUP BY u.id, u.display_name, u.role, tm.name, tm.pathway
     ORDER BY u.display_name`,
    [QUEUE_STATUSES, today],
  )
  return camelRows<Caseload>(rows)
}
