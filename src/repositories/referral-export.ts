// The export of every received record with what became of it: the accepted referral's rights and
// deadlines and its triage, read page by page in arrival order.
import type { Queryable } from '../db/transaction.ts'
import type { ReceiptState, SourceKind } from '../domain/intake/records.ts'
import { camelRows } from './rows.ts'

export interface ExportRow {
  id: string
  batchId: string
  referralId: string | null
  recordNumber: number
  receivedAt: Date
  source: SourceKind
  state: ReceiptState
  reasons: string[]
  warnings: string[]
  victimId: string | null
  referralUuid: string | null
  supersededBy: string | null
  resolution: string | null
  enhanced: boolean | null
  enhancedReasons: string[] | null
  policeReferralDue: string | null
  policeReferralOnTime: boolean | null
  firstContactDue: string | null
  pathway: string | null
  offer: string | null
  provider: string | null
  expectedWaitDays: number | null
  thrivePriority: string | null
  triageWarnings: string[] | null
  ruleSetVersion: string | null
  routingRule: string | null
}

export interface ExportCursor {
  receivedAt: Date
  batchId: string
  recordNumber: number
}

/**
 * One page of received records in arrival order (keyset pagination, so memory stays flat whatever
 * the size). Rights and deadlines are the accepted referral's; other records have none.
 */
export async function exportPage(
  db: Queryable,
  options: { since: string | null; after: ExportCursor | null; limit: number },
): Promise<ExportRow[]> {
  const { rows } = await db.query(
    `SELECT q.id, q.batch_id, q.referral_id, q.record_number, q.received_at, q.source, q.state, q.reasons,
            q.warnings, q.victim_id, q.referral_uuid, q.superseded_by, q.resolution,
            r.enhanced, r.enhanced_reasons, r.police_referral_due, r.police_referral_on_time, r.first_contact_due,
            t.pathway, t.offer, t.provider, t.expected_wait_days, t.thrive_priority, t.triage_warnings,
            t.rule_set_version, t.routing_rule
     FROM referral_receipts q
     LEFT JOIN referrals r ON r.receipt_id = q.id
     LEFT JOIN referral_export_triage t ON t.referral_id = r.id
     WHERE ($1::timestamptz IS NULL OR q.received_at >= $1::timestamptz)
       AND ($2::timestamptz IS NULL
            OR (q.received_at, q.batch_id, q.record_number) > ($2::timestamptz, $3::uuid, $4::int))
     ORDER BY q.received_at, q.batch_id, q.record_number
     LIMIT $5`,
    [
      options.since,
      options.after?.receivedAt ?? null,
      options.after?.batchId ?? null,
      options.after?.recordNumber ?? null,
      options.limit,
    ],
  )
  return camelRows<ExportRow>(rows)
}
