import type { Queryable } from '../db/transaction.ts'
import type { CrimeCategory, Flag } from '../domain/entitlements/codes.ts'
import type { NeedsSectionId } from '../domain/triage/assessment-forms.ts'
import type { Grade, NeedLevel } from '../domain/triage/levels.ts'
import type { PathwayId } from '../domain/triage/pathways.ts'
import type { ThriveAssessment } from '../domain/triage/thrive.ts'

/** Referral statuses that are still waiting for first contact: the queue's statuses. */
export const QUEUE_STATUSES = ['new', 'triaged'] as const

export type RiskLevel = 'standard' | 'medium' | 'high'

/** Everything triage reads about one accepted referral, with its current triage if it has one. */
export type TriageSource = {
  referralId: string
  victimId: string
  receivedAt: Date
  reportedAt: Date
  crimeCategory: CrimeCategory
  domesticAbuse: Flag
  hateCrime: Flag
  cse: Flag
  cyber: Flag
  rural: Flag
  enhanced: boolean
  repeatCount: number
  dateOfBirth: string | null
  under18: boolean
  town: string | null
  policeThrive: ThriveAssessment
  hubThrive: ThriveAssessment | null
  victimChoicePathway: PathwayId | null
  victimWantsOutOfArea: boolean
  riskLevel: RiskLevel | null
  needsLevel: NeedLevel | null
  needs: Partial<Record<NeedsSectionId, NeedLevel>> | null
  triaged: boolean
}

const SELECT_SOURCE = `
  SELECT r.id, r.victim_id, r.received_at, r.reported_at, r.crime_category, r.domestic_abuse, r.hate_crime,
         r.cse, r.cyber, r.rural, r.enhanced, r.repeat_count, r.record->>'date_of_birth' AS date_of_birth,
         r.under_18, r.town, r.thrive_threat, r.thrive_harm, r.thrive_risk, r.thrive_vulnerability,
         r.record->>'thrive_investigation' AS thrive_investigation,
         r.record->>'thrive_engagement' AS thrive_engagement,
         t.referral_id IS NOT NULL AS triaged, t.hub_thrive, t.victim_choice_pathway,
         coalesce(t.victim_wants_out_of_area, false) AS victim_wants_out_of_area, t.risk_level, t.needs_level,
         (SELECT n.result->'levels' FROM needs_assessments n WHERE n.referral_id = r.id
          ORDER BY n.assessed_at DESC LIMIT 1) AS needs
  FROM referrals r LEFT JOIN triage t ON t.referral_id = r.id`

const toSource = (r: Record<string, unknown>): TriageSource => ({
  referralId: r.id as string,
  victimId: r.victim_id as string,
  receivedAt: r.received_at as Date,
  reportedAt: r.reported_at as Date,
  crimeCategory: r.crime_category as CrimeCategory,
  domesticAbuse: r.domestic_abuse as Flag,
  hateCrime: r.hate_crime as Flag,
  cse: r.cse as Flag,
  cyber: r.cyber as Flag,
  rural: r.rural as Flag,
  enhanced: r.enhanced as boolean,
  repeatCount: r.repeat_count as number,
  dateOfBirth: r.date_of_birth as string | null,
  under18: r.under_18 as boolean,
  town: r.town as string | null,
  policeThrive: {
    threat: r.thrive_threat as Grade | null,
    harm: r.thrive_harm as Grade | null,
    risk: r.thrive_risk as Grade | null,
    vulnerability: r.thrive_vulnerability as Grade | null,
    investigation: r.thrive_investigation as string | null,
    engagement: r.thrive_engagement as string | null,
  },
  hubThrive: r.hub_thrive as ThriveAssessment | null,
  victimChoicePathway: r.victim_choice_pathway as PathwayId | null,
  victimWantsOutOfArea: r.victim_wants_out_of_area as boolean,
  riskLevel: r.risk_level as RiskLevel | null,
  needsLevel: r.needs_level as NeedLevel | null,
  needs: r.needs as Partial<Record<NeedsSectionId, NeedLevel>> | null,
  triaged: r.triaged as boolean,
})

/** Accepted referrals with no triage yet, oldest first. */
export async function untriagedReferralIds(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT r.id FROM referrals r WHERE NOT EXISTS (SELECT 1 FROM triage t WHERE t.referral_id = r.id)
     ORDER BY r.received_at, r.id LIMIT $1`,
    [limit],
  )
  return rows.map((r) => r.id)
}

export async function triageSources(db: Queryable, referralIds: readonly string[]): Promise<TriageSource[]> {
  if (referralIds.length === 0) return []
  const { rows } = await db.query(
    `${SELECT_SOURCE} WHERE r.id = ANY($1::uuid[]) ORDER BY r.received_at, r.id`,
    [referralIds],
  )
  return rows.map(toSource)
}

/** The latest accepted referrals, as sample victims for a routing rule preview. */
export async function latestTriageSources(db: Queryable, limit: number): Promise<TriageSource[]> {
  const { rows } = await db.query(`${SELECT_SOURCE} ORDER BY r.received_at DESC, r.id LIMIT $1`, [limit])
  return rows.map(toSource)
}

export type TriageWrite = {
  referralId: string
  receivedAt: Date
  policeThrive: ThriveAssessment
  thrivePriority: Grade | null
  priorityRank: number
  pathwayId: PathwayId | null
  offer: string | null
  providerId: string | null
  matchedRuleId: string | null
  ruleSetVersion: string
  explanation: string
  warnings: string[]
  expectedWaitDays: number | null
  providerOptions: unknown
}

/**
 * Writes triage rows (insert, or replace the routing of an existing one) and marks the referrals
 * triaged. One statement per batch: a backlog of thousands is a handful of round trips.
 */
export async function upsertTriage(db: Queryable, rows: readonly TriageWrite[]): Promise<void> {
  if (rows.length === 0) return
  await db.query(
    `INSERT INTO triage (referral_id, received_at, police_thrive, thrive_priority, priority_rank, pathway_id, offer,
       provider_id, matched_rule_id, rule_set_version, explanation, warnings, expected_wait_days, provider_options)
     SELECT referral_id, received_at, police_thrive, thrive_priority, priority_rank, pathway_id, offer, provider_id,
       matched_rule_id, rule_set_version, explanation, warnings, expected_wait_days, provider_options
     FROM jsonb_to_recordset($1::jsonb) AS x(referral_id uuid, received_at timestamptz, police_thrive jsonb,
       thrive_priority text, priority_rank smallint, pathway_id text, offer text, provider_id text,
       matched_rule_id text, rule_set_version text, explanation text, warnings text[], expected_wait_days integer,
       provider_options jsonb)
     ON CONFLICT (referral_id) DO UPDATE SET
       thrive_priority = EXCLUDED.thrive_priority, priority_rank = EXCLUDED.priority_rank,
       pathway_id = EXCLUDED.pathway_id, offer = EXCLUDED.offer, provider_id = EXCLUDED.provider_id,
       matched_rule_id = EXCLUDED.matched_rule_id, rule_set_version = EXCLUDED.rule_set_version,
       explanation = EXCLUDED.explanation, warnings = EXCLUDED.warnings,
       expected_wait_days = EXCLUDED.expected_wait_days, provider_options = EXCLUDED.provider_options,
       routed_at = now()`,
    [
      JSON.stringify(
        rows.map((r) => ({
          referral_id: r.referralId,
          received_at: r.receivedAt.toISOString(),
          police_thrive: r.policeThrive,
          thrive_priority: r.thrivePriority,
          priority_rank: r.priorityRank,
          pathway_id: r.pathwayId,
          offer: r.offer,
          provider_id: r.providerId,
          matched_rule_id: r.matchedRuleId,
          rule_set_version: r.ruleSetVersion,
          explanation: r.explanation,
          warnings: r.warnings,
          expected_wait_days: r.expectedWaitDays,
          provider_options: r.providerOptions,
        })),
      ),
    ],
  )
  await db.query(`UPDATE referrals SET status = 'triaged' WHERE id = ANY($1::uuid[]) AND status = 'new'`, [
    rows.map((r) => r.referralId),
  ])
}

export async function setHubThrive(
  db: Queryable,
  referralId: string,
  thrive: ThriveAssessment,
  reason: string,
  userId: string | null,
): Promise<void> {
  await db.query(
    `UPDATE triage SET hub_thrive = $2, thrive_regrade_reason = $3, thrive_regraded_by = $4,
       thrive_regraded_at = now() WHERE referral_id = $1`,
    [referralId, JSON.stringify(thrive), reason, userId],
  )
}

export async function setVictimChoice(
  db: Queryable,
  referralId: string,
  pathway: PathwayId | null,
  outOfArea: boolean,
): Promise<void> {
  await db.query(
    'UPDATE triage SET victim_choice_pathway = $2, victim_wants_out_of_area = $3 WHERE referral_id = $1',
    [referralId, pathway, outOfArea],
  )
}

export async function setAssessmentLevels(
  db: Queryable,
  referralId: string,
  levels: { riskLevel?: RiskLevel; needsLevel?: NeedLevel },
): Promise<void> {
  await db.query(
    `UPDATE triage SET risk_level = coalesce($2, risk_level), needs_level = coalesce($3, needs_level)
     WHERE referral_id = $1`,
    [referralId, levels.riskLevel ?? null, levels.needsLevel ?? null],
  )
}

// ---------------------------------------------------------------------------------------------------
// Queue and detail

export type QueueRow = {
  referralId: string
  victimId: string
  victimName: string
  crimeReference: string
  crimeCategory: string
  receivedAt: Date
  firstContactDue: string | null
  enhanced: boolean
  thrivePriority: Grade | null
  priorityRank: number
  riskLevel: RiskLevel | null
  pathwayId: string | null
  pathwayName: string | null
  restricted: boolean
  offer: string | null
  providerId: string | null
  providerName: string | null
  warnings: string[]
  expectedWaitDays: number | null
  leadWorkerId: string | null
  leadWorkerName: string | null
  openTasks: number
}

const SELECT_QUEUE = `
  SELECT r.id, r.victim_id, v.forename || ' ' || v.surname AS victim_name, r.crime_reference, r.crime_category,
         r.received_at, r.first_contact_due, r.enhanced, t.thrive_priority, coalesce(t.priority_rank, 0) AS priority_rank,
         t.risk_level, t.pathway_id, pw.name AS pathway_name, coalesce(pw.restricted, false) AS restricted, t.offer,
         t.provider_id, pr.name AS provider_name, coalesce(t.warnings, '{}') AS warnings, t.expected_wait_days,
         lw.user_id AS lead_worker_id, u.display_name AS lead_worker_name,
         (SELECT count(*)::int FROM triage_tasks k WHERE k.referral_id = r.id AND k.status = 'open') AS open_tasks
  FROM referrals r
  JOIN victims v ON v.id = r.victim_id
  LEFT JOIN triage t ON t.referral_id = r.id
  LEFT JOIN pathways pw ON pw.id = t.pathway_id
  LEFT JOIN providers pr ON pr.id = t.provider_id
  LEFT JOIN lead_workers lw ON lw.victim_id = r.victim_id
  LEFT JOIN users u ON u.id = lw.user_id`

const toQueueRow = (r: Record<string, unknown>): QueueRow => ({
  referralId: r.id as string,
  victimId: r.victim_id as string,
  victimName: r.victim_name as string,
  crimeReference: r.crime_reference as string,
  crimeCategory: r.crime_category as string,
  receivedAt: r.received_at as Date,
  firstContactDue: r.first_contact_due as string | null,
  enhanced: r.enhanced as boolean,
  thrivePriority: r.thrive_priority as Grade | null,
  priorityRank: r.priority_rank as number,
  riskLevel: r.risk_level as RiskLevel | null,
  pathwayId: r.pathway_id as string | null,
  pathwayName: r.pathway_name as string | null,
  restricted: r.restricted as boolean,
  offer: r.offer as string | null,
  providerId: r.provider_id as string | null,
  providerName: r.provider_name as string | null,
  warnings: r.warnings as string[],
  expectedWaitDays: r.expected_wait_days as number | null,
  leadWorkerId: r.lead_worker_id as string | null,
  leadWorkerName: r.lead_worker_name as string | null,
  openTasks: r.open_tasks as number,
})

export type QueueFilter = {
  pathway?: string | null
  unallocatedOnly?: boolean
  /** only referrals on these pathways (need to know); undefined = every pathway */
  visiblePathways?: readonly string[]
  limit: number
  offset: number
}

/**
 * Referrals waiting for first contact: earliest deadline first (no deadline last), then highest risk,
 * then oldest. Untriaged referrals are listed too: no victim is hidden because triage has not run.
 */
export async function queue(
  db: Queryable,
  filter: QueueFilter,
): Promise<{ rows: QueueRow[]; total: number }> {
  const where = ['r.status = ANY($1::text[])']
  const params: unknown[] = [QUEUE_STATUSES]
  if (filter.pathway) {
    params.push(filter.pathway)
    where.push(`t.pathway_id = $${params.length}`)
  }
  if (filter.unallocatedOnly) where.push('lw.user_id IS NULL')
  if (filter.visiblePathways) {
    params.push(filter.visiblePathways)
    where.push(`(t.pathway_id IS NULL OR t.pathway_id = ANY($${params.length}::text[]))`)
  }
  const whereSql = where.join(' AND ')
  const { rows } = await db.query(
    `${SELECT_QUEUE} WHERE ${whereSql}
     ORDER BY r.first_contact_due ASC NULLS LAST, coalesce(t.priority_rank, 0) DESC, r.received_at, r.id
     LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
    params,
  )
  const count = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM referrals r LEFT JOIN triage t ON t.referral_id = r.id
     LEFT JOIN lead_workers lw ON lw.victim_id = r.victim_id WHERE ${whereSql}`,
    params,
  )
  return { rows: rows.map(toQueueRow), total: count.rows[0]?.n ?? 0 }
}

export type TriageDetail = QueueRow & {
  status: string
  reportedAt: Date
  policeThrive: ThriveAssessment
  hubThrive: ThriveAssessment | null
  thriveRegradedAt: Date | null
  thriveRegradeReason: string | null
  thriveRegradedBy: string | null
  needsLevel: NeedLevel | null
  victimChoicePathway: string | null
  victimWantsOutOfArea: boolean
  matchedRuleId: string | null
  ruleSetVersion: string | null
  explanation: string | null
  providerOptions: unknown[]
  triaged: boolean
  dateOfBirth: string | null
}

export async function findTriageDetail(db: Queryable, referralId: string): Promise<TriageDetail | undefined> {
  const { rows } = await db.query(
    `SELECT q.*, r.status, r.reported_at, r.record->>'date_of_birth' AS date_of_birth, t.police_thrive,
       t.hub_thrive, t.thrive_regraded_at, t.thrive_regrade_reason, ru.display_name AS thrive_regraded_by,
       t.needs_level, t.victim_choice_pathway, coalesce(t.victim_wants_out_of_area, false) AS victim_wants_out_of_area,
       t.matched_rule_id, t.rule_set_version, t.explanation, coalesce(t.provider_options, '[]') AS provider_options,
       t.referral_id IS NOT NULL AS triaged,
       r.thrive_threat, r.thrive_harm, r.thrive_risk, r.thrive_vulnerability
     FROM (${SELECT_QUEUE} WHERE r.id = $1) q
     JOIN referrals r ON r.id = q.id LEFT JOIN triage t ON t.referral_id = r.id
     LEFT JOIN users ru ON ru.id = t.thrive_regraded_by`,
    [referralId],
  )
  const r = rows[0]
  if (!r) return undefined
  return {
    ...toQueueRow(r),
    status: r.status,
    reportedAt: r.reported_at,
    policeThrive: r.police_thrive ?? {
      threat: r.thrive_threat,
      harm: r.thrive_harm,
      risk: r.thrive_risk,
      vulnerability: r.thrive_vulnerability,
    },
    hubThrive: r.hub_thrive,
    thriveRegradedAt: r.thrive_regraded_at,
    thriveRegradeReason: r.thrive_regrade_reason,
    thriveRegradedBy: r.thrive_regraded_by,
    needsLevel: r.needs_level,
    victimChoicePathway: r.victim_choice_pathway,
    victimWantsOutOfArea: r.victim_wants_out_of_area,
    matchedRuleId: r.matched_rule_id,
    ruleSetVersion: r.rule_set_version,
    explanation: r.explanation,
    providerOptions: r.provider_options,
    triaged: r.triaged,
    dateOfBirth: r.date_of_birth,
  }
}

// ---------------------------------------------------------------------------------------------------
// Lead workers and caseloads

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
    `SELECT u.id, u.display_name, u.role, tm.name AS team_name, tm.pathway AS team_pathway,
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
  return rows.map((r) => ({
    userId: r.id,
    displayName: r.display_name,
    role: r.role,
    teamName: r.team_name,
    teamPathway: r.team_pathway,
    victims: r.victims,
    openReferrals: r.open_referrals,
    overdue: r.overdue,
  }))
}

// ---------------------------------------------------------------------------------------------------
// Assessments and tasks

export async function insertNeedsAssessment(
  db: Queryable,
  values: {
    referralId: string
    formId: string
    formVersion: number
    answers: unknown
    result: unknown
    overallLevel: NeedLevel
    assessedBy: string | null
    assessedByLabel: string
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO needs_assessments (referral_id, form_id, form_version, answers, result, overall_level, assessed_by,
       assessed_by_label) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      values.referralId,
      values.formId,
      values.formVersion,
      JSON.stringify(values.answers),
      JSON.stringify(values.result),
      values.overallLevel,
      values.assessedBy,
      values.assessedByLabel,
    ],
  )
  return (rows[0] as { id: string }).id
}

export type StoredAssessment = {
  id: string
  formId: string
  formVersion: number
  answers: Record<string, unknown>
  result: Record<string, unknown>
  level: string
  assessedByLabel: string
  assessedAt: Date
}

export async function latestNeedsAssessment(
  db: Queryable,
  referralId: string,
): Promise<StoredAssessment | undefined> {
  const { rows } = await db.query(
    `SELECT id, form_id, form_version, answers, result, overall_level AS level, assessed_by_label, assessed_at
     FROM needs_assessments WHERE referral_id = $1 ORDER BY assessed_at DESC LIMIT 1`,
    [referralId],
  )
  return rows[0] ? toAssessment(rows[0]) : undefined
}

const toAssessment = (r: Record<string, unknown>): StoredAssessment => ({
  id: r.id as string,
  formId: r.form_id as string,
  formVersion: r.form_version as number,
  answers: r.answers as Record<string, unknown>,
  result: r.result as Record<string, unknown>,
  level: r.level as string,
  assessedByLabel: r.assessed_by_label as string,
  assessedAt: r.assessed_at as Date,
})

export async function insertRiskChecklist(
  db: Queryable,
  values: {
    referralId: string
    formId: string
    formVersion: number
    answers: unknown
    result: unknown
    level: RiskLevel
    yesCount: number
    assessedBy: string | null
    assessedByLabel: string
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO risk_checklists (referral_id, form_id, form_version, answers, result, level, yes_count, assessed_by,
       assessed_by_label) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      values.referralId,
      values.formId,
      values.formVersion,
      JSON.stringify(values.answers),
      JSON.stringify(values.result),
      values.level,
      values.yesCount,
      values.assessedBy,
      values.assessedByLabel,
    ],
  )
  return (rows[0] as { id: string }).id
}

export async function latestRiskChecklist(
  db: Queryable,
  referralId: string,
): Promise<StoredAssessment | undefined> {
  const { rows } = await db.query(
    `SELECT id, form_id, form_version, answers, result, level, assessed_by_label, assessed_at
     FROM risk_checklists WHERE referral_id = $1 ORDER BY assessed_at DESC LIMIT 1`,
    [referralId],
  )
  return rows[0] ? toAssessment(rows[0]) : undefined
}

export type TaskKind = 'marac_referral' | 'child_safeguarding_referral'

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

export type TriageTask = {
  id: string
  kind: TaskKind
  status: 'open' | 'done'
  details: Record<string, unknown>
  createdAt: Date
  completedAt: Date | null
}

export async function tasksFor(db: Queryable, referralId: string): Promise<TriageTask[]> {
  const { rows } = await db.query(
    `SELECT id, kind, status, details, created_at, completed_at FROM triage_tasks WHERE referral_id = $1
     ORDER BY created_at DESC`,
    [referralId],
  )
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    details: r.details,
    createdAt: r.created_at,
    completedAt: r.completed_at,
  }))
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

// ---------------------------------------------------------------------------------------------------
// Bank holiday calendars

export type CalendarMeta = {
  id: number
  division: string
  firstYear: number
  lastYear: number
  holidayCount: number
  sha256: string
  sourceFile: string | null
  importedByLabel: string
  importedAt: Date
}

export async function latestCalendarId(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT max(id) AS id FROM bank_holiday_calendars')
  return rows[0]?.id ?? null
}

export async function findCalendar(
  db: Queryable,
  id: number,
): Promise<(CalendarMeta & { data: unknown }) | undefined> {
  const { rows } = await db.query('SELECT * FROM bank_holiday_calendars WHERE id = $1', [id])
  const r = rows[0]
  if (!r) return undefined
  return {
    id: r.id,
    division: r.division,
    firstYear: r.first_year,
    lastYear: r.last_year,
    holidayCount: r.holiday_count,
    sha256: r.sha256,
    sourceFile: r.source_file,
    importedByLabel: r.imported_by_label,
    importedAt: r.imported_at,
    data: r.data,
  }
}

export async function insertCalendar(
  db: Queryable,
  values: Omit<CalendarMeta, 'id' | 'importedAt'> & { data: unknown },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO bank_holiday_calendars (division, first_year, last_year, holiday_count, data, sha256, source_file,
       imported_by_label) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      values.division,
      values.firstYear,
      values.lastYear,
      values.holidayCount,
      JSON.stringify(values.data),
      values.sha256,
      values.sourceFile,
      values.importedByLabel,
    ],
  )
  return (rows[0] as { id: number }).id
}

/** One accepted referral's triage as the referrals export writes it (the referral_export_triage view). */
export async function exportTriageFields(
  db: Queryable,
  referralId: string,
): Promise<Record<string, unknown> | null> {
  const { rows } = await db.query('SELECT * FROM referral_export_triage WHERE referral_id = $1', [referralId])
  return rows[0] ?? null
}
