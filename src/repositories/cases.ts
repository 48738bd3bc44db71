// Cases, the referrals each one holds and every change made to it. Need to know is applied here, in
// SQL: every read takes the viewer's restricted scope from the one access policy
// (domain/victims/access-policy.ts), turned into a condition on the case's victim by need-to-know.ts.
import type { Queryable } from '../db/transaction.ts'
import type { ContactOutcome } from '../domain/cases/contact-outcomes.ts'
import type { CaseState, ClosureReason } from '../domain/cases/states.ts'
import type { Flag } from '../domain/referral-feed/fields.ts'
import type { ContactMethod } from '../domain/safe-contact/contact-rule.ts'
import type { RestrictedScope } from '../domain/victims/access-policy.ts'
import { reachesVictimSql, victimPathwaysSql, victimRestrictedSql } from './need-to-know.ts'
import { selectRow, selectRows } from './rows.ts'

export type CaseEventKind =
  | 'opened'
  | 'referral_joined'
  | 'state_changed'
  | 'closed'
  | 'reopened'
  | 'lead_worker_taken'
  | 'lead_worker_allocated'
  | 'contact_attempt'
  | 'message_queued'
  | 'message_delivered'
  | 'message_failed'
  | 'contact_changed'
  | 'transfer_requested'
  | 'transfer_accepted'
  | 'transfer_declined'

/** What opening a case or joining one needs to know about the referral. */
export type ReferralForCase = {
  referralId: string
  victimId: string
  crimeCategory: string
  cse: Flag
  domesticAbuse: Flag
  firstContactDue: string | null
  pathwayId: string | null
}

export async function referralForCase(
  db: Queryable,
  referralId: string,
): Promise<ReferralForCase | undefined> {
  return selectRow<ReferralForCase>(
    db,
    `SELECT r.id AS referral_id, r.victim_id, r.crime_category, r.cse, r.domestic_abuse,
       r.first_contact_due::text AS first_contact_due, t.pathway_id
     FROM referrals r LEFT JOIN triage t ON t.referral_id = r.id WHERE r.id = $1`,
    [referralId],
  )
}

export type CaseRecord = {
  id: string
  victimId: string
  state: CaseState
  pathwayId: string | null
  /** The restricted pathways of the victim's referrals now (not when the case opened). */
  restrictedPathways: string[]
  /** The victim was restricted by hand by a manager. */
  restrictedByHand: boolean
  openedAt: Date
  nextActionDue: string | null
  firstContactedAt: Date | null
  closedAt: Date | null
  closureReason: ClosureReason | null
  closureNote: string | null
  leadWorkerId: string | null
}

const CASE_COLUMNS = `c.id, c.victim_id, c.state, c.pathway_id,
  ${victimPathwaysSql('c.victim_id')} AS restricted_pathways,
  coalesce((SELECT hv.restricted_by_hand FROM victims hv WHERE hv.id = c.victim_id), false) AS restricted_by_hand,
  c.opened_at,
  c.next_action_due::text AS next_action_due, c.first_contacted_at, c.closed_at, c.closure_reason,
  c.closure_note, lw.user_id AS lead_worker_id`

/** The victim's open case, locked for the transaction, if there is one. */
export async function openCaseOfVictim(db: Queryable, victimId: string): Promise<CaseRecord | undefined> {
  return selectRow<CaseRecord>(
    db,
    `SELECT ${CASE_COLUMNS} FROM cases c LEFT JOIN lead_workers lw ON lw.victim_id = c.victim_id
     WHERE c.victim_id = $1 AND c.state <> 'closed' FOR UPDATE OF c`,
    [victimId],
  )
}

/** The case that holds a referral, if any. */
export async function caseOfReferral(db: Queryable, referralId: string): Promise<string | undefined> {
  const row = await selectRow<{ caseId: string }>(
    db,
    'SELECT case_id FROM case_referrals WHERE referral_id = $1',
    [referralId],
  )
  return row?.caseId
}

/** One case the scope reaches, locked for the transaction. */
export async function lockCase(
  db: Queryable,
  caseId: string,
  scope: RestrictedScope,
): Promise<CaseRecord | undefined> {
  return selectRow<CaseRecord>(
    db,
    `SELECT ${CASE_COLUMNS} FROM cases c LEFT JOIN lead_workers lw ON lw.victim_id = c.victim_id
     WHERE c.id = $1 AND ${visibleSql(scope)} FOR UPDATE OF c`,
    [caseId],
  )
}

export async function insertCase(
  db: Queryable,
  values: {
    victimId: string
    pathwayId: string | null
    restrictedPathways: readonly string[]
    nextActionDue: string | null
    openedByLabel: string
  },
): Promise<string> {
  const row = await selectRow<{ id: string }>(
    db,
    `INSERT INTO cases (victim_id, state, pathway_id, restricted_pathways, next_action_due, opened_by_label)
     VALUES ($1, 'awaiting_first_contact', $2, $3, $4, $5) RETURNING id`,
    [
      values.victimId,
      values.pathwayId,
      values.restrictedPathways,
      values.nextActionDue,
      values.openedByLabel,
    ],
  )
  if (!row) throw new Error('insert into cases returned no row')
  return row.id
}

/** Adds a referral to a case; false when it already belonged to one. */
export async function addReferral(db: Queryable, caseId: string, referralId: string): Promise<boolean> {
  const result = await db.query(
    'INSERT INTO case_referrals (case_id, referral_id) VALUES ($1, $2) ON CONFLICT (referral_id) DO NOTHING',
    [caseId, referralId],
  )
  return (result.rowCount ?? 0) > 0
}

/** A referral joining the case widens its restricted pathways and brings its deadline forward. */
export async function widenCase(
  db: Queryable,
  caseId: string,
  restrictedPathways: readonly string[],
  due: string | null,
): Promise<void> {
  await db.query(
    `UPDATE cases SET restricted_pathways = ARRAY(SELECT DISTINCT unnest(restricted_pathways || $2::text[])),
       next_action_due = CASE WHEN $3::date IS NULL THEN next_action_due
         ELSE least(coalesce(next_action_due, $3::date), $3::date) END,
       updated_at = now()
     WHERE id = $1`,
    [caseId, restrictedPathways, due],
  )
}

export async function setState(
  db: Queryable,
  caseId: string,
  values: {
    state: CaseState
    closure: { reason: ClosureReason; note: string | null } | null
    at: Date
    nextActionDue?: string | null
  },
): Promise<void> {
  await db.query(
    `UPDATE cases SET state = $2, closed_at = CASE WHEN $3::text IS NULL THEN NULL ELSE $5::timestamptz END,
       closure_reason = $3, closure_note = $4,
       next_action_due = CASE WHEN $6::boolean THEN $7::date ELSE next_action_due END, updated_at = $5
     WHERE id = $1`,
    [
      caseId,
      values.state,
      values.closure?.reason ?? null,
      values.closure?.note ?? null,
      values.at,
      values.nextActionDue !== undefined,
      values.nextActionDue ?? null,
    ],
  )
}

export async function addEvent(
  db: Queryable,
  event: {
    caseId: string
    kind: CaseEventKind
    fromState?: CaseState | null
    toState?: CaseState | null
    reason?: string | null
    by: { userId: string | null; label: string }
    at?: Date
    details?: Record<string, unknown>
  },
): Promise<void> {
  await db.query(
    `INSERT INTO case_history (case_id, kind, from_state, to_state, reason, by_user, by_label, details, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, now()))`,
    [
      event.caseId,
      event.kind,
      event.fromState ?? null,
      event.toState ?? null,
      event.reason ?? null,
      event.by.userId,
      event.by.label,
      JSON.stringify(event.details ?? {}),
      event.at ?? null,
    ],
  )
}

export type CaseloadShow = 'mine' | 'unallocated' | 'overdue' | 'all'

export type CaseloadRow = {
  caseId: string
  victimId: string
  victimName: string
  state: CaseState
  pathwayName: string | null
  restricted: boolean
  nextActionDue: string | null
  openedAt: Date
  leadWorkerId: string | null
  leadWorkerName: string | null
  referrals: number
}

/** The viewer's restricted scope on the case's victim, from the one access policy (need-to-know.ts). */
const visibleSql = (scope: RestrictedScope) => reachesVictimSql(scope, 'c.victim_id')

/** Open cases the viewer may see: next action due first (so overdue ones lead), then oldest. */
export async function caseload(
  db: Queryable,
  filter: {
    show: CaseloadShow
    userId: string
    today: string
    scope: RestrictedScope
    limit: number
    offset: number
  },
): Promise<{ rows: CaseloadRow[]; total: number }> {
  const params: unknown[] = []
  const where = ["c.state <> 'closed'", visibleSql(filter.scope)]
  if (filter.show === 'mine') {
    params.push(filter.userId)
    where.push(`lw.user_id = $${params.length}`)
  } else if (filter.show === 'unallocated') where.push('lw.user_id IS NULL')
  else if (filter.show === 'overdue') {
    params.push(filter.today)
    where.push(`c.next_action_due < $${params.length}::date`)
  }
  const whereSql = where.join(' AND ')
  const from = `FROM cases c JOIN victims v ON v.id = c.victim_id
    LEFT JOIN lead_workers lw ON lw.victim_id = c.victim_id LEFT JOIN users u ON u.id = lw.user_id
    LEFT JOIN pathways pw ON pw.id = c.pathway_id`
  const rows = await selectRows<CaseloadRow>(
    db,
    `SELECT c.id AS case_id, c.victim_id, v.forename || ' ' || v.surname AS victim_name, c.state,
       pw.name AS pathway_name, ${victimRestrictedSql('c.victim_id')} AS restricted,
       c.next_action_due::text AS next_action_due, c.opened_at, lw.user_id AS lead_worker_id,
       u.display_name AS lead_worker_name,
       (SELECT count(*)::int FROM case_referrals cr WHERE cr.case_id = c.id) AS referrals
     ${from} WHERE ${whereSql}
     ORDER BY c.next_action_due ASC NULLS LAST, c.opened_at, c.id
     LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
    params,
  )
  const count = await selectRow<{ n: number }>(
    db,
    `SELECT count(*)::int AS n ${from} WHERE ${whereSql}`,
    params,
  )
  return { rows, total: count?.n ?? 0 }
}

export type CaseDetail = CaseRecord & {
  victimName: string
  dateOfBirth: string | null
  pathwayName: string | null
  leadWorkerName: string | null
  addressLine1: string | null
  addressLine2: string | null
  town: string | null
  postcode: string | null
  phoneMobile: string | null
  phoneOther: string | null
  email: string | null
  preferredContact: string | null
  safeToCall: Flag
  safeToText: Flag
  safeToEmail: Flag
  safeToLeaveVoicemail: Flag
  safeToWrite: Flag
  safeContactNotes: string | null
  language: string
  interpreterRequired: Flag
  contactIsProxy: boolean
  safeDays: number[]
  safeFrom: string | null
  safeTo: string | null
  someoneElseAnswers: string | null
  contactChangedAt: Date | null
  contactConfidential: boolean
}

/** One case with its victim's contact details and safe-contact rules, if the viewer may see it. */
export async function findCase(
  db: Queryable,
  caseId: string,
  scope: RestrictedScope,
): Promise<CaseDetail | undefined> {
  return selectRow<CaseDetail>(
    db,
    `SELECT ${CASE_COLUMNS}, v.forename || ' ' || v.surname AS victim_name, v.date_of_birth::text AS date_of_birth,
       pw.name AS pathway_name, u.display_name AS lead_worker_name, v.address_line1, v.address_line2, v.town,
       v.postcode, v.phone_mobile, v.phone_other, v.email, v.preferred_contact, v.safe_to_call, v.safe_to_text,
       v.safe_to_email, v.safe_to_leave_voicemail, v.safe_to_write, v.safe_contact_notes, v.language,
       v.interpreter_required, v.contact_is_proxy, v.safe_days::int[] AS safe_days,
       to_char(v.safe_from, 'HH24:MI') AS safe_from, to_char(v.safe_to, 'HH24:MI') AS safe_to, v.someone_else_answers,
       v.contact_changed_at, v.contact_confidential
     FROM cases c JOIN victims v ON v.id = c.victim_id
     LEFT JOIN lead_workers lw ON lw.victim_id = c.victim_id LEFT JOIN users u ON u.id = lw.user_id
     LEFT JOIN pathways pw ON pw.id = c.pathway_id
     WHERE c.id = $1 AND ${visibleSql(scope)}`,
    [caseId],
  )
}

export type CaseReferral = {
  referralId: string
  crimeReference: string
  crimeCategory: string
  receivedAt: Date
  firstContactDue: string | null
  status: string
  pathwayName: string | null
  riskLevel: string | null
  thrivePriority: string | null
}

export async function referralsOfCase(db: Queryable, caseId: string): Promise<CaseReferral[]> {
  return selectRows<CaseReferral>(
    db,
    `SELECT r.id AS referral_id, r.crime_reference, r.crime_category, r.received_at,
       r.first_contact_due::text AS first_contact_due, r.status, pw.name AS pathway_name, t.risk_level,
       t.thrive_priority
     FROM case_referrals cr JOIN referrals r ON r.id = cr.referral_id
     LEFT JOIN triage t ON t.referral_id = r.id LEFT JOIN pathways pw ON pw.id = t.pathway_id
     WHERE cr.case_id = $1 ORDER BY r.received_at`,
    [caseId],
  )
}

export type CaseEvent = {
  at: Date
  kind: CaseEventKind
  fromState: CaseState | null
  toState: CaseState | null
  reason: string | null
  byLabel: string
  details: Record<string, unknown>
}

export async function eventsOfCase(db: Queryable, caseId: string): Promise<CaseEvent[]> {
  return selectRows<CaseEvent>(
    db,
    `SELECT at, kind, from_state, to_state, reason, by_label, details FROM case_history
     WHERE case_id = $1 ORDER BY at DESC, id DESC`,
    [caseId],
  )
}

/** The open cases of a victim and every case id, for linking the victim record to its cases. */
export async function casesOfVictim(
  db: Queryable,
  victimId: string,
): Promise<{ caseId: string; state: CaseState; openedAt: Date }[]> {
  return selectRows(
    db,
    'SELECT id AS case_id, state, opened_at FROM cases WHERE victim_id = $1 ORDER BY opened_at DESC',
    [victimId],
  )
}

/**
 * Closing a case ends its referrals' wait for first contact and frees their place at the provider;
 * reopening puts them back. `at` null reopens.
 */
export async function setReferralsClosed(db: Queryable, caseId: string, at: Date | null): Promise<void> {
  const ids = 'SELECT referral_id FROM case_referrals WHERE case_id = $1'
  if (at) {
    await db.query(`UPDATE triage SET closed_at = $2 WHERE referral_id IN (${ids}) AND closed_at IS NULL`, [
      caseId,
      at,
    ])
    await db.query(
      `UPDATE referrals SET status = 'closed' WHERE id IN (${ids}) AND status IN ('new', 'triaged', 'contacted')`,
      [caseId],
    )
  } else {
    await db.query(`UPDATE triage SET closed_at = NULL WHERE referral_id IN (${ids})`, [caseId])
    await db.query(`UPDATE referrals SET status = 'triaged' WHERE id IN (${ids}) AND status = 'closed'`, [
      caseId,
    ])
  }
}

export type SafeContactRow = {
  phoneMobile: string | null
  phoneOther: string | null
  email: string | null
  addressLine1: string | null
  postcode: string | null
  safeToCall: Flag
  safeToText: Flag
  safeToEmail: Flag
  safeToLeaveVoicemail: Flag
  safeToWrite: Flag
  safeDays: number[]
  safeFrom: string | null
  safeTo: string | null
  someoneElseAnswers: string | null
}

/** The victim's contact details and safe-contact rules as stored now. */
export async function safeContactOfVictim(
  db: Queryable,
  victimId: string,
): Promise<SafeContactRow | undefined> {
  return selectRow<SafeContactRow>(
    db,
    `SELECT phone_mobile, phone_other, email, address_line1, postcode, safe_to_call, safe_to_text, safe_to_email,
       safe_to_leave_voicemail, safe_to_write, safe_days::int[] AS safe_days,
       to_char(safe_from, 'HH24:MI') AS safe_from, to_char(safe_to, 'HH24:MI') AS safe_to, someone_else_answers
     FROM victims WHERE id = $1`,
    [victimId],
  )
}

export type ContactAttempt = {
  id: string
  at: Date
  method: ContactMethod
  outcome: ContactOutcome
  notes: string | null
  byLabel: string
}

export async function addAttempt(
  db: Queryable,
  values: {
    caseId: string
    at: Date
    method: ContactMethod
    outcome: ContactOutcome
    notes: string | null
    by: { userId: string | null; label: string }
  },
): Promise<string> {
  const row = await selectRow<{ id: string }>(
    db,
    `INSERT INTO contact_attempts (case_id, at, method, outcome, notes, by_user, by_label)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      values.caseId,
      values.at,
      values.method,
      values.outcome,
      values.notes,
      values.by.userId,
      values.by.label,
    ],
  )
  if (!row) throw new Error('insert into contact_attempts returned no row')
  return row.id
}

export async function attemptsOfCase(db: Queryable, caseId: string): Promise<ContactAttempt[]> {
  return selectRows<ContactAttempt>(
    db,
    'SELECT id, at, method, outcome, notes, by_label FROM contact_attempts WHERE case_id = $1 ORDER BY at, id',
    [caseId],
  )
}

/** First contact made: on the case, and on each referral still without it, against its deadline. */
export async function recordFirstContact(
  db: Queryable,
  caseId: string,
  at: Date,
  today: string,
): Promise<void> {
  await db.query('UPDATE cases SET first_contacted_at = coalesce(first_contacted_at, $2) WHERE id = $1', [
    caseId,
    at,
  ])
  await db.query(
    `UPDATE referrals r SET first_contacted_at = $2,
       first_contact_on_time = CASE WHEN r.first_contact_due IS NULL THEN NULL ELSE $3::date <= r.first_contact_due END,
       status = CASE WHEN r.status IN ('new', 'triaged') THEN 'contacted' ELSE r.status END
     FROM case_referrals cr WHERE cr.referral_id = r.id AND cr.case_id = $1 AND r.first_contacted_at IS NULL`,
    [caseId, at, today],
  )
}

export async function setNextActionDue(db: Queryable, caseId: string, due: string | null): Promise<void> {
  await db.query('UPDATE cases SET next_action_due = $2, updated_at = now() WHERE id = $1', [caseId, due])
}

export type CaseTaskKind = 'contact_attempt' | 'closing_letter' | 'close_not_contacted' | 'message_failed'

export type CaseTask = {
  id: string
  kind: CaseTaskKind
  dueOn: string
  status: 'open' | 'done'
  details: Record<string, unknown>
  createdAt: Date
}

/** Completes the case's open tasks of these kinds. */
export async function completeTasks(
  db: Queryable,
  caseId: string,
  kinds: readonly CaseTaskKind[],
): Promise<void> {
  await db.query(
    `UPDATE case_tasks SET status = 'done', completed_at = now() WHERE case_id = $1 AND kind = ANY($2::text[])
       AND status = 'open'`,
    [caseId, kinds],
  )
}

export async function openCaseTask(
  db: Queryable,
  values: { caseId: string; kind: CaseTaskKind; dueOn: string; details: Record<string, unknown> },
): Promise<void> {
  await db.query(
    `INSERT INTO case_tasks (case_id, kind, due_on, details) VALUES ($1, $2, $3, $4)
     ON CONFLICT (case_id, kind) WHERE status = 'open' DO UPDATE SET due_on = EXCLUDED.due_on, details = EXCLUDED.details`,
    [values.caseId, values.kind, values.dueOn, JSON.stringify(values.details)],
  )
}

export async function tasksOfCase(db: Queryable, caseId: string): Promise<CaseTask[]> {
  return selectRows<CaseTask>(
    db,
    `SELECT id, kind, due_on::text AS due_on, status, details, created_at FROM case_tasks WHERE case_id = $1
     ORDER BY status DESC, due_on`,
    [caseId],
  )
}

/** The words a message to the victim needs: their first name and language. */
export async function victimForMessage(
  db: Queryable,
  victimId: string,
): Promise<{ forename: string; language: string } | undefined> {
  return selectRow(db, 'SELECT forename, language FROM victims WHERE id = $1', [victimId])
}

export type CaseExportRow = {
  id: string
  victimId: string
  referralIds: string[]
  state: CaseState
  openedAt: Date
  leadWorker: string | null
  firstContactDue: string | null
  firstContactedAt: Date | null
  contactAttempts: { at: string; channel: ContactMethod; outcome: ContactOutcome }[]
  closedAt: Date | null
  closureReason: ClosureReason | null
}

/**
 * One page of cases for the export, oldest first, after the cursor: those opened or changed (state,
 * attempts) on or after `since` when it is given.
 */
export async function exportCasesPage(
  db: Queryable,
  options: { since: string | null; after: { openedAt: Date; id: string } | null; limit: number },
): Promise<CaseExportRow[]> {
  return selectRows<CaseExportRow>(
    db,
    `SELECT c.id, c.victim_id,
       ARRAY(SELECT cr.referral_id::text FROM case_referrals cr JOIN referrals r ON r.id = cr.referral_id
             WHERE cr.case_id = c.id ORDER BY r.received_at, r.id) AS referral_ids,
       c.state, c.opened_at, u.display_name AS lead_worker,
       (SELECT min(r.first_contact_due)::text FROM case_referrals cr JOIN referrals r ON r.id = cr.referral_id
        WHERE cr.case_id = c.id) AS first_contact_due,
       c.first_contacted_at,
       coalesce((SELECT jsonb_agg(jsonb_build_object('at', a.at, 'channel', a.method, 'outcome', a.outcome)
                 ORDER BY a.at, a.id) FROM contact_attempts a WHERE a.case_id = c.id), '[]'::jsonb) AS contact_attempts,
       c.closed_at, c.closure_reason
     FROM cases c LEFT JOIN lead_workers lw ON lw.victim_id = c.victim_id LEFT JOIN users u ON u.id = lw.user_id
     WHERE ($1::timestamptz IS NULL OR c.opened_at >= $1 OR c.updated_at >= $1
            OR EXISTS (SELECT 1 FROM contact_attempts a WHERE a.case_id = c.id AND a.at >= $1))
       AND ($2::timestamptz IS NULL OR (c.opened_at, c.id) > ($2, $3::uuid))
     ORDER BY c.opened_at, c.id LIMIT $4`,
    [options.since, options.after?.openedAt ?? null, options.after?.id ?? null, options.limit],
  )
}

export type TaskListRow = {
  taskId: string
  caseId: string
  kind: CaseTaskKind
  dueOn: string
  details: Record<string, unknown>
  victimName: string
  leadWorkerName: string | null
}

/** Open case tasks, earliest due first: the worker's own (`userId`) or every one the viewer may see. */
export async function openTasks(
  db: Queryable,
  options: { userId: string | null; scope: RestrictedScope; limit: number },
): Promise<TaskListRow[]> {
  return selectRows<TaskListRow>(
    db,
    `SELECT k.id AS task_id, k.case_id, k.kind, k.due_on::text AS due_on, k.details,
       v.forename || ' ' || v.surname AS victim_name, u.display_name AS lead_worker_name
     FROM case_tasks k JOIN cases c ON c.id = k.case_id JOIN victims v ON v.id = c.victim_id
     LEFT JOIN lead_workers lw ON lw.victim_id = c.victim_id LEFT JOIN users u ON u.id = lw.user_id
     WHERE k.status = 'open' AND c.state <> 'closed' AND ${visibleSql(options.scope)}
       AND ($1::uuid IS NULL OR lw.user_id = $1)
     ORDER BY k.due_on, k.created_at LIMIT ${Number(options.limit)}`,
    [options.userId],
  )
}

/** Contact attempts with the victim, since `since`, by staff of a team other than the viewer's. */
export async function otherTeamsContacts(
  db: Queryable,
  victimId: string,
  viewerId: string,
  since: Date,
): Promise<{ at: Date; service: string }[]> {
  return selectRows(
    db,
    `SELECT a.at, coalesce(tm.name, 'Another service') AS service
     FROM contact_attempts a JOIN cases c ON c.id = a.case_id JOIN users u ON u.id = a.by_user
     LEFT JOIN teams tm ON tm.id = u.team_id
     WHERE c.victim_id = $1 AND a.at >= $3
       AND u.team_id IS DISTINCT FROM (SELECT team_id FROM users WHERE id = $2)`,
    [victimId, viewerId, since],
  )
}

/** The services (providers) working with the victim now: their open, triaged referrals. */
export async function activeServicesOfVictim(db: Queryable, victimId: string): Promise<string[]> {
  const rows = await selectRows<{ name: string }>(
    db,
    `SELECT DISTINCT pr.name FROM referrals r JOIN triage t ON t.referral_id = r.id JOIN providers pr ON pr.id = t.provider_id
     WHERE r.victim_id = $1 AND t.closed_at IS NULL AND r.status <> 'closed' ORDER BY pr.name`,
    [victimId],
  )
  return rows.map((r) => r.name)
}

export type CaseTransfer = {
  id: string
  caseId: string
  toUser: string
  toName: string
  reason: string
  requestedByLabel: string
  requestedAt: Date
  victimName: string
}

const TRANSFER_SELECT = `SELECT ct.id, ct.case_id, ct.to_user, u.display_name AS to_name, ct.reason, ct.requested_by_label,
    ct.requested_at, v.forename || ' ' || v.surname AS victim_name
  FROM case_transfers ct JOIN users u ON u.id = ct.to_user JOIN cases c ON c.id = ct.case_id
  JOIN victims v ON v.id = c.victim_id`

export async function requestTransfer(
  db: Queryable,
  values: { caseId: string; toUser: string; reason: string; by: { userId: string | null; label: string } },
): Promise<string> {
  const row = await selectRow<{ id: string }>(
    db,
    `INSERT INTO case_transfers (case_id, to_user, reason, requested_by, requested_by_label) VALUES ($1, $2, $3, $4, $5)
     RETURNING id`,
    [values.caseId, values.toUser, values.reason, values.by.userId, values.by.label],
  )
  if (!row) throw new Error('insert into case_transfers returned no row')
  return row.id
}

export async function pendingTransferOfCase(
  db: Queryable,
  caseId: string,
): Promise<CaseTransfer | undefined> {
  return selectRow<CaseTransfer>(db, `${TRANSFER_SELECT} WHERE ct.case_id = $1 AND ct.status = 'pending'`, [
    caseId,
  ])
}

export async function pendingTransfersTo(db: Queryable, userId: string): Promise<CaseTransfer[]> {
  return selectRows<CaseTransfer>(
    db,
    `${TRANSFER_SELECT} WHERE ct.to_user = $1 AND ct.status = 'pending' ORDER BY ct.requested_at`,
    [userId],
  )
}

export async function decideTransfer(
  db: Queryable,
  transferId: string,
  status: 'accepted' | 'declined',
  at: Date,
): Promise<CaseTransfer | undefined> {
  const row = await selectRow<{ id: string }>(
    db,
    `UPDATE case_transfers SET status = $2, decided_at = $3 WHERE id = $1 AND status = 'pending' RETURNING id`,
    [transferId, status, at],
  )
  if (!row) return undefined
  return selectRow<CaseTransfer>(db, `${TRANSFER_SELECT} WHERE ct.id = $1`, [transferId])
}
