// Every received record (referral_receipts), whatever became of it: its state and reasons, the
// earlier record it repeats, and a data quality officer's release or rejection.
import type pg from 'pg'
import type { Queryable } from '../db/transaction.ts'
import type { ReceiptDraft } from '../domain/intake/chunk-decision.ts'
import type { CrimeKey, OpenQuarantined, PriorReceipt } from '../domain/intake/chunk-knowledge.ts'
import type { RecordOutcome } from '../domain/intake/records.ts'
import { copyRows } from './bulk.ts'
import { CRIMES_GIVEN, selectForCrimes } from './referrals.ts'
import { selectRow, selectRows } from './rows.ts'

const RECEIPT_COLUMNS = [
  'id',
  'batch_id',
  'record_number',
  'received_at',
  'source',
  'organisation_id',
  'referral_id',
  'force_code',
  'crime_reference',
  'fingerprint',
  'raw',
  'normalised',
  'state',
  'reasons',
  'warnings',
  'duplicate_kind',
  'duplicate_of',
  'victim_id',
  'original_victim_id',
  'referral_uuid',
] as const

type ReceiptColumns = { [K in (typeof RECEIPT_COLUMNS)[number]]: unknown }

/** The columns a decided record fills; the victim as linked now is also the victim as linked at receipt. */
function receiptColumns(d: ReceiptDraft, receivedAt: string): ReceiptColumns {
  return {
    id: d.id,
    batch_id: d.batchId,
    record_number: d.recordNumber,
    received_at: receivedAt,
    source: d.source,
    organisation_id: d.organisationId,
    referral_id: d.referralId,
    force_code: d.forceCode,
    crime_reference: d.crimeReference,
    fingerprint: d.fingerprint,
    raw: d.raw,
    normalised: d.normalised,
    state: d.state,
    reasons: d.reasons,
    warnings: d.warnings,
    duplicate_kind: d.duplicateKind,
    duplicate_of: d.duplicateOf,
    victim_id: d.victimId,
    original_victim_id: d.victimId,
    referral_uuid: d.referralUuid,
  }
}

export const insertReceipts = (client: pg.PoolClient, drafts: readonly ReceiptDraft[], receivedAt: Date) => {
  const at = receivedAt.toISOString()
  return copyRows(
    client,
    'referral_receipts',
    RECEIPT_COLUMNS,
    drafts.map((d) => receiptColumns(d, at)),
    new Set(['raw', 'normalised']),
  )
}

/** A received record as stored, with what a data quality officer did about it. */
export interface StoredReceipt extends ReceiptDraft {
  receivedAt: Date
  originalVictimId: string | null
  supersededBy: string | null
  supersededAt: Date | null
  resolution: 'released' | 'rejected' | null
  resolvedBy: string | null
  resolvedByLabel: string | null
  resolvedAt: Date | null
  resolutionReason: string | null
  corrections: Record<string, unknown> | null
  /** The reasons it was held for, kept after a release. */
  quarantineReasons: string[] | null
}

export async function findReceipt(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredReceipt | undefined> {
  return selectRow<StoredReceipt>(
    db,
    `SELECT * FROM referral_receipts WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  )
}

/** Highest record number already stored for the batch: a resumed import carries on after it. */
export async function lastRecordNumber(db: Queryable, batchId: string): Promise<number> {
  const { rows } = await db.query<{ n: number | null }>(
    'SELECT max(record_number) AS n FROM referral_receipts WHERE batch_id = $1',
    [batchId],
  )
  return rows[0]?.n ?? 0
}

/** What became of each record of a batch, in record order. */
/**
 * Each record's outcome, as the batch's sender is told it. A duplicate of a record another sender sent
 * names nothing of it (no receipt, referral or victim id): an answer never tells one organisation
 * anything of another's records (docs/adr/0025).
 */
export function batchOutcomes(db: Queryable, batchId: string): Promise<RecordOutcome[]> {
  return selectRows<RecordOutcome>(
    db,
    `SELECT q.record_number, q.id AS receipt_id, q.referral_id, q.state, q.reasons, q.warnings,
            CASE WHEN theirs THEN NULL ELSE q.victim_id END AS victim_id,
            CASE WHEN theirs THEN NULL ELSE q.referral_uuid END AS referral_uuid,
            CASE WHEN theirs THEN NULL ELSE q.duplicate_of END AS duplicate_of
     FROM referral_receipts q
     LEFT JOIN referral_receipts d ON d.id = q.duplicate_of
     CROSS JOIN LATERAL (
       SELECT d.id IS NOT NULL AND d.organisation_id IS DISTINCT FROM q.organisation_id AS theirs
     ) other
     WHERE q.batch_id = $1 ORDER BY q.record_number`,
    [batchId],
  )
}

/** Earlier records from the same sender carrying any of these referral ids, oldest first. */
export async function receiptsByReferralId(
  db: Queryable,
  organisationId: string | null,
  referralIds: readonly string[],
): Promise<PriorReceipt[]> {
  if (referralIds.length === 0) return []
  // Two spellings so each can use the (organisation_id, referral_id) index.
  const where = organisationId === null ? 'organisation_id IS NULL' : 'organisation_id = $2'
  return selectRows<PriorReceipt>(
    db,
    `SELECT id, referral_id, fingerprint, state, victim_id, referral_uuid FROM referral_receipts
     WHERE ${where} AND referral_id = ANY($1::text[]) ORDER BY received_at, record_number`,
    organisationId === null ? [referralIds] : [referralIds, organisationId],
  )
}

/** Quarantined records nobody has dealt with yet, for these crimes: candidates for superseding. */
export const openQuarantineForCrimes = (db: Queryable, crimes: readonly CrimeKey[]) =>
  selectForCrimes<OpenQuarantined>(
    db,
    crimes,
    `SELECT q.id AS receipt_id, q.force_code, q.crime_reference, q.normalised AS record
     FROM referral_receipts q
     JOIN ${CRIMES_GIVEN} ON q.force_code = c.force_code AND q.crime_reference = c.crime_reference
     WHERE q.state = 'quarantined' AND q.resolution IS NULL AND q.superseded_by IS NULL`,
  )

export async function markSuperseded(
  db: Queryable,
  pairs: readonly { receiptId: string; by: string }[],
): Promise<void> {
  if (pairs.length === 0) return
  await db.query(
    `UPDATE referral_receipts q SET superseded_by = p.by, superseded_at = now()
     FROM unnest($1::uuid[], $2::uuid[]) AS p(id, by)
     WHERE q.id = p.id AND q.superseded_by IS NULL`,
    [pairs.map((p) => p.receiptId), pairs.map((p) => p.by)],
  )
}

/** A released record takes the state its corrected content earns; its quarantine reasons are kept. */
export async function markReleased(
  db: Queryable,
  decided: ReceiptDraft,
  resolution: {
    corrections: Record<string, unknown>
    raw: Record<string, unknown>
    userId: string | null
    label: string
    note: string | null
  },
): Promise<void> {
  await db.query(
    `UPDATE referral_receipts SET
       quarantine_reasons = reasons, raw = $16,
       state = $2, reasons = $3, warnings = $4, normalised = $5, duplicate_kind = $6, duplicate_of = $7,
       victim_id = $8, original_victim_id = $8, referral_uuid = $9, force_code = $10, crime_reference = $11,
       resolution = 'released', resolved_by = $12, resolved_by_label = $13, resolved_at = now(),
       resolution_reason = $14, corrections = $15
     WHERE id = $1`,
    [
      decided.id,
      decided.state,
      decided.reasons,
      decided.warnings,
      JSON.stringify(decided.normalised),
      decided.duplicateKind,
      decided.duplicateOf,
      decided.victimId,
      decided.referralUuid,
      decided.forceCode,
      decided.crimeReference,
      resolution.userId,
      resolution.label,
      resolution.note,
      JSON.stringify(resolution.corrections),
      JSON.stringify(resolution.raw),
    ],
  )
}

export async function markRejected(
  db: Queryable,
  id: string,
  resolution: { userId: string | null; label: string; reason: string },
): Promise<void> {
  await db.query(
    `UPDATE referral_receipts SET resolution = 'rejected', resolved_by = $2, resolved_by_label = $3,
       resolved_at = now(), resolution_reason = $4
     WHERE id = $1`,
    [id, resolution.userId, resolution.label, resolution.reason],
  )
}

/**
 * The first record received before this one with the same sender and referral ID: the one a record held
 * for `referral_id_conflict` clashes with.
 */
export async function earlierWithSameReferralId(
  db: Queryable,
  receipt: Pick<StoredReceipt, 'id' | 'organisationId' | 'referralId' | 'receivedAt'>,
): Promise<StoredReceipt | undefined> {
  if (receipt.referralId === null) return undefined
  const params: unknown[] = [receipt.referralId, receipt.id, receipt.receivedAt]
  let sender = 'organisation_id IS NULL'
  if (receipt.organisationId !== null) {
    params.push(receipt.organisationId)
    sender = 'organisation_id = $4'
  }
  return selectRow<StoredReceipt>(
    db,
    `SELECT * FROM referral_receipts
     WHERE ${sender} AND referral_id = $1 AND id <> $2 AND received_at <= $3
     ORDER BY received_at, record_number LIMIT 1`,
    params,
  )
}
