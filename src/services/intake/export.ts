// The export of every received record (resends included), one JSON object a record in the spec's
// export shape: its state and reasons, the accepted referral's rights and deadlines, and its triage.
import type pg from 'pg'
import type { ReceiptState, SourceKind } from '../../domain/intake/records.ts'
import { type ExportCursor, type ExportRow, exportPage } from '../../repositories/referral-export.ts'

export interface ExportedRecord {
  referral_id: string | null
  record_number: number
  batch_id: string
  received_at: string
  source: SourceKind
  state: ReceiptState
  reasons: string[]
  warnings: string[]
  victim_id: string | null
  enhanced: boolean
  enhanced_reasons: string[]
  police_referral_due: string | null
  police_referral_on_time: boolean | null
  first_contact_due: string | null
  superseded_by: string | null
  resolution: string | null
  /** Triage of an accepted referral (null until triaged): pathway, offer, provider and why. */
  pathway: string | null
  offer: string | null
  provider: string | null
  expected_wait_days: number | null
  thrive_priority: string | null
  triage_warnings: string[]
  routing_rule_set: string | null
  routing_rule: string | null
}

const PAGE = 2000

function exported(r: ExportRow): ExportedRecord {
  return {
    referral_id: r.referralId,
    record_number: r.recordNumber,
    batch_id: r.batchId,
    received_at: new Date(r.receivedAt).toISOString(),
    source: r.source,
    state: r.state,
    reasons: r.reasons,
    warnings: r.warnings,
    victim_id: r.state === 'accepted' || r.state === 'duplicate' ? r.victimId : null,
    enhanced: r.enhanced ?? false,
    enhanced_reasons: r.enhancedReasons ?? [],
    police_referral_due: r.policeReferralDue,
    police_referral_on_time: r.policeReferralOnTime,
    first_contact_due: r.firstContactDue,
    superseded_by: r.supersededBy,
    resolution: r.resolution,
    pathway: r.pathway,
    offer: r.offer,
    provider: r.provider,
    expected_wait_days: r.expectedWaitDays,
    thrive_priority: r.thrivePriority,
    triage_warnings: r.triageWarnings ?? [],
    routing_rule_set: r.ruleSetVersion,
    routing_rule: r.routingRule,
  }
}

/** Every received record in arrival order, read a page at a time so memory stays flat. */
export async function* exportRecords(
  pool: pg.Pool,
  filter: { since?: string | null } = {},
): AsyncGenerator<ExportedRecord> {
  let after: ExportCursor | null = null
  for (;;) {
    const page = await exportPage(pool, { since: filter.since ?? null, after, limit: PAGE })
    for (const r of page) yield exported(r)
    const last = page[page.length - 1]
    if (!last || page.length < PAGE) return
    after = { receivedAt: last.receivedAt, batchId: last.batchId, recordNumber: last.recordNumber }
  }
}
