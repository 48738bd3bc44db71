// The victim's own assessments under triage: the needs assessment and the domestic abuse risk checklist,
// each kept with the exact form id and version its answers were given against.
import type { Queryable } from '../db/transaction.ts'
import type { NeedLevel } from '../domain/triage/levels.ts'
import type { RiskLevel } from '../domain/triage/scoring.ts'
import { camelRow } from './rows.ts'

/** What every stored assessment records, whichever form it was. */
type AssessmentValues = {
  referralId: string
  formId: string
  formVersion: number
  answers: unknown
  result: unknown
  assessedBy: string | null
  assessedByLabel: string
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

const common = (values: AssessmentValues) => [
  values.referralId,
  values.formId,
  values.formVersion,
  JSON.stringify(values.answers),
  JSON.stringify(values.result),
  values.assessedBy,
  values.assessedByLabel,
]

export async function insertNeedsAssessment(
  db: Queryable,
  values: AssessmentValues & { overallLevel: NeedLevel },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO needs_assessments (referral_id, form_id, form_version, answers, result, assessed_by,
       assessed_by_label, overall_level) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [...common(values), values.overallLevel],
  )
  return (rows[0] as { id: string }).id
}

export async function insertRiskChecklist(
  db: Queryable,
  values: AssessmentValues & { level: RiskLevel; yesCount: number },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO risk_checklists (referral_id, form_id, form_version, answers, result, assessed_by,
       assessed_by_label, level, yes_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [...common(values), values.level, values.yesCount],
  )
  return (rows[0] as { id: string }).id
}

const LATEST = (table: string, level: string) =>
  `SELECT id, form_id, form_version, answers, result, ${level} AS level, assessed_by_label, assessed_at
   FROM ${table} WHERE referral_id = $1 ORDER BY assessed_at DESC LIMIT 1`

async function latest(db: Queryable, sql: string, referralId: string): Promise<StoredAssessment | undefined> {
  const { rows } = await db.query(sql, [referralId])
  return rows[0] ? camelRow<StoredAssessment>(rows[0]) : undefined
}

export const latestNeedsAssessment = (db: Queryable, referralId: string) =>
  latest(db, LATEST('needs_assessments', 'overall_level'), referralId)

export const latestRiskChecklist = (db: Queryable, referralId: string) =>
  latest(db, LATEST('risk_checklists', 'level'), referralId)
