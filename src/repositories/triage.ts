// Triage rows: one per accepted referral once triaged, with its THRIVE grading, risk and needs levels,
// the victim's own choice and the routing decided for it. What triage reads about a referral comes from
// here too (the referral with its current triage, if any).
import type { Queryable } from '../db/transaction.ts'
import type { CrimeCategory, Flag } from '../domain/entitlements/codes.ts'
import type { NeedsSectionId } from '../domain/triage/assessment-forms.ts'
import type { Grade, NeedLevel } from '../domain/triage/levels.ts'
import type { PathwayId } from '../domain/triage/pathways.ts'
import type { RiskLevel } from '../domain/triage/scoring.ts'
import type { ThriveAssessment } from '../domain/triage/thrive.ts'
import { camelRows } from './rows.ts'

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
  SELECT r.id AS referral_id, r.victim_id, r.received_at, r.reported_at, r.crime_category, r.domestic_abuse,
         r.hate_crime, r.cse, r.cyber, r.rural, r.enhanced, r.repeat_count,
         r.record->>'date_of_birth' AS date_of_birth, r.under_18, r.town,
         jsonb_build_object('threat', r.thrive_threat, 'harm', r.thrive_harm, 'risk', r.thrive_risk,
           'vulnerability', r.thrive_vulnerability, 'investigation', r.record->>'thrive_investigation',
           'engagement', r.record->>'thrive_engagement') AS police_thrive,
         t.hub_thrive, t.victim_choice_pathway,
         coalesce(t.victim_wants_out_of_area, false) AS victim_wants_out_of_area, t.risk_level, t.needs_level,
         (SELECT n.result->'levels' FROM needs_assessments n WHERE n.referral_id = r.id
          ORDER BY n.assessed_at DESC LIMIT 1) AS needs,
         t.referral_id IS NOT NULL AS triaged
  FROM referrals r LEFT JOIN triage t ON t.referral_id = r.id`

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
  return camelRows<TriageSource>(rows)
}

/** The latest accepted referrals, as sample victims for a routing rule preview. */
export async function latestTriageSources(db: Queryable, limit: number): Promise<TriageSource[]> {
  const { rows } = await db.query(`${SELECT_SOURCE} ORDER BY r.received_at DESC, r.id LIMIT $1`, [limit])
  return camelRows<TriageSource>(rows)
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

/** One accepted referral's triage as the referrals export writes it (the referral_export_triage view). */
export async function exportTriageFields(
  db: Queryable,
  referralId: string,
): Promise<Record<string, unknown> | null> {
  const { rows } = await db.query('SELECT * FROM referral_export_triage WHERE referral_id = $1', [referralId])
  return rows[0] ?? null
}
