// The first-contact queue: accepted referrals still waiting for first contact, each with its triage,
// provider and lead worker, and one referral's full triage for the assessment pages.
import type { Queryable } from '../db/transaction.ts'
import type { Grade, NeedLevel } from '../domain/triage/levels.ts'
import type { RiskLevel } from '../domain/triage/scoring.ts'
import type { ThriveAssessment } from '../domain/triage/thrive.ts'
import type { AccessScope } from '../domain/victims/access-policy.ts'
import { referralVisibleSql, victimRestrictedSql } from './need-to-know.ts'
import { camelRow, camelRows } from './rows.ts'

/** Referral statuses that are still waiting for first contact: the queue's statuses. */
export const QUEUE_STATUSES = ['new', 'triaged'] as const

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
  SELECT r.id AS referral_id, r.victim_id, v.forename || ' ' || v.surname AS victim_name, r.crime_reference,
         r.crime_category, r.received_at, r.first_contact_due, r.enhanced, t.thrive_priority,
         coalesce(t.priority_rank, 0) AS priority_rank, t.risk_level, t.pathway_id, pw.name AS pathway_name,
         (coalesce(pw.restricted, false) OR ${victimRestrictedSql('r.victim_id')}) AS restricted, t.offer, t.provider_id, pr.name AS provider_name,
         coalesce(t.warnings, '{}') AS warnings, t.expected_wait_days,
         lw.user_id AS lead_worker_id, u.display_name AS lead_worker_name,
         (SELECT count(*)::int FROM triage_tasks k WHERE k.referral_id = r.id AND k.status = 'open') AS open_tasks
  FROM referrals r
  JOIN victims v ON v.id = r.victim_id
  LEFT JOIN triage t ON t.referral_id = r.id
  LEFT JOIN pathways pw ON pw.id = t.pathway_id
  LEFT JOIN providers pr ON pr.id = t.provider_id
  LEFT JOIN lead_workers lw ON lw.victim_id = r.victim_id
  LEFT JOIN users u ON u.id = lw.user_id`

export type QueueFilter = {
  pathway?: string | null
  unallocatedOnly?: boolean
  /** the viewer's scope (need to know): only the referrals it reaches are listed and counted */
  scope: AccessScope
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
  where.push(referralVisibleSql(filter.scope, 'r.victim_id', 't.pathway_id', params))
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
  return { rows: camelRows<QueueRow>(rows), total: count.rows[0]?.n ?? 0 }
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

/**
 * One referral's queue row with the rest of its triage; an untriaged one shows the police's THRIVE.
 * Undefined when there is none or the viewer's scope does not reach it (need to know).
 */
export async function findTriageDetail(
  db: Queryable,
  referralId: string,
  scope: AccessScope,
): Promise<TriageDetail | undefined> {
  const params: unknown[] = [referralId]
  const visible = referralVisibleSql(scope, 'r.victim_id', 't.pathway_id', params)
  const { rows } = await db.query(
    `SELECT q.*, r.status, r.reported_at,
       coalesce(t.police_thrive, jsonb_build_object('threat', r.thrive_threat, 'harm', r.thrive_harm,
         'risk', r.thrive_risk, 'vulnerability', r.thrive_vulnerability)) AS police_thrive,
       t.hub_thrive, t.thrive_regraded_at, t.thrive_regrade_reason, ru.display_name AS thrive_regraded_by,
       t.needs_level, t.victim_choice_pathway, coalesce(t.victim_wants_out_of_area, false) AS victim_wants_out_of_area,
       t.matched_rule_id, t.rule_set_version, t.explanation, coalesce(t.provider_options, '[]') AS provider_options,
       t.referral_id IS NOT NULL AS triaged, r.record->>'date_of_birth' AS date_of_birth
     FROM (${SELECT_QUEUE} WHERE r.id = $1 AND ${visible}) q
     JOIN referrals r ON r.id = q.referral_id LEFT JOIN triage t ON t.referral_id = r.id
     LEFT JOIN users ru ON ru.id = t.thrive_regraded_by`,
    params,
  )
  return rows[0] ? camelRow<TriageDetail>(rows[0]) : undefined
}
