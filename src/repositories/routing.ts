import type { Queryable } from '../db/transaction.ts'
import type { RoutingRuleSet } from '../domain/triage/routing.ts'
import { camelRow, camelRows } from './rows.ts'

export type StoredRuleSet = RoutingRuleSet & {
  changeNote: string | null
  createdByLabel: string
  createdAt: Date
}

const SELECT_RULE_SET = `SELECT rule_set_id AS id, version, effective_from, rules, change_note, created_by_label,
  created_at FROM routing_rule_sets`

/** The rule set in force: the highest version published. */
export async function currentRuleSet(db: Queryable): Promise<StoredRuleSet | undefined> {
  const { rows } = await db.query(
    `${SELECT_RULE_SET} ORDER BY version DESC, routing_rule_sets.id DESC LIMIT 1`,
  )
  return rows[0] ? camelRow<StoredRuleSet>(rows[0]) : undefined
}

export async function findRuleSetVersion(db: Queryable, version: number): Promise<StoredRuleSet | undefined> {
  const { rows } = await db.query(
    `${SELECT_RULE_SET} WHERE version = $1 ORDER BY routing_rule_sets.id LIMIT 1`,
    [version],
  )
  return rows[0] ? camelRow<StoredRuleSet>(rows[0]) : undefined
}

export async function listRuleSetVersions(
  db: Queryable,
): Promise<{ version: number; changeNote: string | null; createdByLabel: string; createdAt: Date }[]> {
  const { rows } = await db.query(
    'SELECT version, change_note, created_by_label, created_at FROM routing_rule_sets ORDER BY version DESC',
  )
  return camelRows(rows)
}

/** Inserts a version; false when that version number was taken meanwhile (someone else published). */
export async function insertRuleSet(
  db: Queryable,
  ruleSet: RoutingRuleSet,
  meta: { changeNote: string | null; createdBy: string | null; createdByLabel: string },
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO routing_rule_sets (rule_set_id, version, effective_from, rules, change_note, created_by,
       created_by_label)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (rule_set_id, version) DO NOTHING`,
    [
      ruleSet.id,
      ruleSet.version,
      ruleSet.effectiveFrom,
      JSON.stringify(ruleSet.rules),
      meta.changeNote,
      meta.createdBy,
      meta.createdByLabel,
    ],
  )
  return (result.rowCount ?? 0) > 0
}

export async function insertRoutingHistory(
  db: Queryable,
  entries: readonly { referralId: string; trigger: string; result: unknown }[],
  byLabel: string,
): Promise<void> {
  if (entries.length === 0) return
  await db.query(
    `INSERT INTO routing_history (referral_id, trigger, result, by_label)
     SELECT referral_id, trigger, result, $2 FROM jsonb_to_recordset($1::jsonb)
       AS e(referral_id uuid, trigger text, result jsonb)`,
    [
      JSON.stringify(
        entries.map((e) => ({ referral_id: e.referralId, trigger: e.trigger, result: e.result })),
      ),
      byLabel,
    ],
  )
}

export async function routingHistory(
  db: Queryable,
  referralId: string,
): Promise<{ routedAt: Date; trigger: string; result: Record<string, unknown>; byLabel: string }[]> {
  const { rows } = await db.query(
    'SELECT routed_at, trigger, result, by_label FROM routing_history WHERE referral_id = $1 ORDER BY id DESC',
    [referralId],
  )
  return camelRows(rows)
}
