// Import batches, every received record (referral_receipts) and accepted referrals.
import type pg from 'pg'
import type { Queryable } from '../db/transaction.ts'
import { copyRows } from './bulk.ts'
import { CONTACT_COLUMNS } from './victims.ts'

export type SourceKind = 'police_feed' | 'partner' | 'self_referral'
export type ReceiptState = 'accepted' | 'duplicate' | 'quarantined' | 'consent_refused'

export interface StoredBatch {
  id: string
  source: SourceKind
  organisation_id: string | null
  file_name: string | null
  idempotency_key: string | null
  request_hash: string | null
  response: unknown
  status: 'running' | 'finished'
  received: number
  accepted: number
  duplicate: number
  quarantined: number
  consent_refused: number
  started_by: string
  started_at: Date
  finished_at: Date | null
}

export async function findBatchByKey(
  client: Queryable,
  organisationId: string | null,
  idempotencyKey: string,
): Promise<StoredBatch | undefined> {
  const { rows } = await client.query<StoredBatch>(
    `SELECT * FROM import_batches
     WHERE organisation_id IS NOT DISTINCT FROM $1 AND idempotency_key = $2`,
    [organisationId, idempotencyKey],
  )
  return rows[0]
}

export async function findBatch(client: Queryable, id: string): Promise<StoredBatch | undefined> {
  const { rows } = await client.query<StoredBatch>('SELECT * FROM import_batches WHERE id = $1', [id])
  return rows[0]
}

/** Creates the batch, or returns the one that already holds this idempotency key. */
export async function createBatch(
  client: Queryable,
  batch: {
    source: SourceKind
    organisationId: string | null
    fileName: string | null
    idempotencyKey: string | null
    requestHash: string | null
    startedBy: string
  },
): Promise<{ batch: StoredBatch; created: boolean }> {
  const { rows } = await client.query<StoredBatch>(
    `INSERT INTO import_batches (source, organisation_id, file_name, idempotency_key, request_hash, started_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (organisation_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING *`,
    [
      batch.source,
      batch.organisationId,
      batch.fileName,
      batch.idempotencyKey,
      batch.requestHash,
      batch.startedBy,
    ],
  )
  if (rows[0]) return { batch: rows[0], created: true }
  const existing = await findBatchByKey(client, batch.organisationId, batch.idempotencyKey as string)
  if (!existing) throw new Error('import batch vanished while it was being created')
  return { batch: existing, created: false }
}

export async function lockBatch(client: Queryable, id: string): Promise<StoredBatch | undefined> {
  const { rows } = await client.query<StoredBatch>('SELECT * FROM import_batches WHERE id = $1 FOR UPDATE', [
    id,
  ])
  return rows[0]
}

/** Highest record number already stored for the batch: a resumed import carries on after it. */
export async function lastRecordNumber(client: Queryable, batchId: string): Promise<number> {
  const { rows } = await client.query<{ n: number | null }>(
    'SELECT max(record_number) AS n FROM referral_receipts WHERE batch_id = $1',
    [batchId],
  )
  return rows[0]?.n ?? 0
}

export interface StateCounts {
  received: number
  accepted: number
  duplicate: number
  quarantined: number
  consent_refused: number
}

/** The batch's counts as its stored records say (the truth, whatever a crashed run had counted). */
export async function countBatch(client: Queryable, batchId: string): Promise<StateCounts> {
  const { rows } = await client.query<{ state: ReceiptState; n: number }>(
    'SELECT state, count(*)::int AS n FROM referral_receipts WHERE batch_id = $1 GROUP BY state',
    [batchId],
  )
  const counts: StateCounts = { received: 0, accepted: 0, duplicate: 0, quarantined: 0, consent_refused: 0 }
  for (const r of rows) {
    counts[r.state] = r.n
    counts.received += r.n
  }
  return counts
}

export async function saveBatchCounts(
  client: Queryable,
  batchId: string,
  counts: StateCounts,
  finished: boolean,
): Promise<void> {
  await client.query(
    `UPDATE import_batches SET received = $2, accepted = $3, duplicate = $4, quarantined = $5,
       consent_refused = $6,
       status = CASE WHEN $7 THEN 'finished' ELSE status END,
       finished_at = CASE WHEN $7 THEN now() ELSE finished_at END
     WHERE id = $1`,
    [
      batchId,
      counts.received,
      counts.accepted,
      counts.duplicate,
      counts.quarantined,
      counts.consent_refused,
      finished,
    ],
  )
}

export async function saveBatchResponse(
  client: Queryable,
  batchId: string,
  response: unknown,
): Promise<void> {
  await client.query('UPDATE import_batches SET response = $2 WHERE id = $1', [
    batchId,
    JSON.stringify(response),
  ])
}

export interface ReceiptOutcomeRow {
  id: string
  record_number: number
  referral_id: string | null
  state: ReceiptState
  reasons: string[]
  warnings: string[]
  victim_id: string | null
  referral_uuid: string | null
  duplicate_of: string | null
}

export async function batchOutcomes(client: Queryable, batchId: string): Promise<ReceiptOutcomeRow[]> {
  const { rows } = await client.query<ReceiptOutcomeRow>(
    `SELECT id, record_number, referral_id, state, reasons, warnings, victim_id, referral_uuid, duplicate_of
     FROM referral_receipts WHERE batch_id = $1 ORDER BY record_number`,
    [batchId],
  )
  return rows
}

// --- received records ------------------------------------------------------------------------------

export const RECEIPT_COLUMNS = [
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

export type ReceiptRow = { [K in (typeof RECEIPT_COLUMNS)[number]]: unknown } & {
  id: string
  state: ReceiptState
}

export const insertReceipts = (client: pg.PoolClient, rows: readonly ReceiptRow[]) =>
  copyRows(client, 'referral_receipts', RECEIPT_COLUMNS, rows, new Set(['raw', 'normalised']))

export interface PriorReceipt {
  id: string
  referral_id: string
  fingerprint: string | null
  state: ReceiptState
  victim_id: string | null
  referral_uuid: string | null
}

/** Earlier records from the same sender carrying any of these referral ids, oldest first. */
export async function receiptsByReferralId(
  client: Queryable,
  organisationId: string | null,
  referralIds: readonly string[],
): Promise<PriorReceipt[]> {
  if (referralIds.length === 0) return []
  // Two spellings so each can use the (organisation_id, referral_id) index.
  const where = organisationId === null ? 'organisation_id IS NULL' : 'organisation_id = $2'
  const { rows } = await client.query<PriorReceipt>(
    `SELECT id, referral_id, fingerprint, state, victim_id, referral_uuid FROM referral_receipts
     WHERE ${where} AND referral_id = ANY($1::text[]) ORDER BY received_at, record_number`,
    organisationId === null ? [referralIds] : [referralIds, organisationId],
  )
  return rows
}

export interface StoredReceipt extends ReceiptOutcomeRow {
  batch_id: string
  received_at: Date
  source: SourceKind
  organisation_id: string | null
  force_code: string | null
  crime_reference: string | null
  fingerprint: string | null
  raw: Record<string, unknown>
  normalised: Record<string, unknown> | null
  duplicate_kind: string | null
  original_victim_id: string | null
  superseded_by: string | null
  superseded_at: Date | null
  resolution: 'released' | 'rejected' | null
  resolved_by: string | null
  resolved_by_label: string | null
  resolved_at: Date | null
  resolution_reason: string | null
  corrections: Record<string, unknown> | null
  quarantine_reasons: string[] | null
}

export async function findReceipt(
  client: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredReceipt | undefined> {
  const { rows } = await client.query<StoredReceipt>(
    `SELECT * FROM referral_receipts WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  )
  return rows[0]
}

/** A released record takes the state its corrected content earns; its quarantine reasons are kept. */
export async function markReleased(
  client: Queryable,
  row: ReceiptRow,
  resolution: {
    corrections: Record<string, unknown>
    raw: Record<string, unknown>
    userId: string | null
    label: string
    note: string | null
  },
): Promise<void> {
  await client.query(
    `UPDATE referral_receipts SET
       quarantine_reasons = reasons, raw = $16,
       state = $2, reasons = $3, warnings = $4, normalised = $5, duplicate_kind = $6, duplicate_of = $7,
       victim_id = $8, original_victim_id = $8, referral_uuid = $9, force_code = $10, crime_reference = $11,
       resolution = 'released', resolved_by = $12, resolved_by_label = $13, resolved_at = now(),
       resolution_reason = $14, corrections = $15
     WHERE id = $1`,
    [
      row.id,
      row.state,
      row.reasons,
      row.warnings,
      JSON.stringify(row.normalised),
      row.duplicate_kind,
      row.duplicate_of,
      row.victim_id,
      row.referral_uuid,
      row.force_code,
      row.crime_reference,
      resolution.userId,
      resolution.label,
      resolution.note,
      JSON.stringify(resolution.corrections),
      JSON.stringify(resolution.raw),
    ],
  )
}

export async function markRejected(
  client: Queryable,
  id: string,
  resolution: { userId: string | null; label: string; reason: string },
): Promise<void> {
  await client.query(
    `UPDATE referral_receipts SET resolution = 'rejected', resolved_by = $2, resolved_by_label = $3,
       resolved_at = now(), resolution_reason = $4
     WHERE id = $1`,
    [id, resolution.userId, resolution.label, resolution.reason],
  )
}

export interface CrimeKey {
  force_code: string
  crime_reference: string
}

export interface AcceptedForCrime extends CrimeKey {
  id: string
  receipt_id: string
  victim_id: string
}

export async function acceptedReferralsForCrimes(
  client: Queryable,
  crimes: readonly CrimeKey[],
): Promise<AcceptedForCrime[]> {
  if (crimes.length === 0) return []
  const { rows } = await client.query<AcceptedForCrime>(
    `SELECT r.id, r.receipt_id, r.victim_id, r.force_code, r.crime_reference
     FROM referrals r
     JOIN unnest($1::text[], $2::text[]) AS c(force_code, crime_reference)
       ON r.force_code = c.force_code AND r.crime_reference = c.crime_reference`,
    [crimes.map((c) => c.force_code), crimes.map((c) => c.crime_reference)],
  )
  return rows
}

export interface OpenQuarantine extends CrimeKey {
  id: string
  normalised: Record<string, unknown> | null
}

/** Quarantined records nobody has dealt with yet, for these crimes: candidates for superseding. */
export async function openQuarantineForCrimes(
  client: Queryable,
  crimes: readonly CrimeKey[],
): Promise<OpenQuarantine[]> {
  if (crimes.length === 0) return []
  const { rows } = await client.query<OpenQuarantine>(
    `SELECT q.id, q.force_code, q.crime_reference, q.normalised
     FROM referral_receipts q
     JOIN unnest($1::text[], $2::text[]) AS c(force_code, crime_reference)
       ON q.force_code = c.force_code AND q.crime_reference = c.crime_reference
     WHERE q.state = 'quarantined' AND q.resolution IS NULL AND q.superseded_by IS NULL`,
    [crimes.map((c) => c.force_code), crimes.map((c) => c.crime_reference)],
  )
  return rows
}

export async function markSuperseded(
  client: Queryable,
  pairs: readonly { id: string; by: string }[],
): Promise<void> {
  if (pairs.length === 0) return
  await client.query(
    `UPDATE referral_receipts q SET superseded_by = p.by, superseded_at = now()
     FROM unnest($1::uuid[], $2::uuid[]) AS p(id, by)
     WHERE q.id = p.id AND q.superseded_by IS NULL`,
    [pairs.map((p) => p.id), pairs.map((p) => p.by)],
  )
}

/** When each of these victims' accepted referrals was reported: the repeat-victimisation count. */
export async function reportedDatesForVictims(
  client: Queryable,
  victimIds: readonly string[],
): Promise<{ victim_id: string; reported_at: Date }[]> {
  if (victimIds.length === 0) return []
  const { rows } = await client.query<{ victim_id: string; reported_at: Date }>(
    'SELECT victim_id, reported_at FROM referrals WHERE victim_id = ANY($1::uuid[])',
    [[...new Set(victimIds)]],
  )
  return rows
}

// --- accepted referrals ----------------------------------------------------------------------------

export const REFERRAL_COLUMNS = [
  'id',
  'receipt_id',
  'victim_id',
  'original_victim_id',
  'source',
  'organisation_id',
  'referral_id',
  'force_code',
  'crime_reference',
  'crime_category',
  'offence_code',
  'offence_description',
  'domestic_abuse',
  'hate_crime',
  'hate_strands',
  'cse',
  'cyber',
  'rural',
  'flags',
  'victim_type',
  'under_18',
  'reported_at',
  'crime_recorded_at',
  'sent_at',
  'received_at',
  'record',
  ...CONTACT_COLUMNS,
  'safe_channels',
  'vulnerable',
  'vulnerability_reasons',
  'intimidated',
  'persistently_targeted',
  'consent_to_refer',
  'thrive_threat',
  'thrive_harm',
  'thrive_risk',
  'thrive_vulnerability',
  'status',
  'enhanced',
  'enhanced_reasons',
  'entitlements',
  'repeat_count',
  'police_referral_due',
  'police_referral_on_time',
  'first_contact_due',
  'created_at',
] as const

export type ReferralRow = { [K in (typeof REFERRAL_COLUMNS)[number]]: unknown } & { id: string }

export const insertReferrals = (client: pg.PoolClient, rows: readonly ReferralRow[]) =>
  copyRows(client, 'referrals', REFERRAL_COLUMNS, rows, new Set(['record', 'entitlements']))

export interface VictimReferral {
  id: string
  receipt_id: string
  original_victim_id: string
  referral_id: string | null
  source: SourceKind
  force_code: string
  crime_reference: string
  crime_category: string
  reported_at: Date
  received_at: Date
  status: string
  enhanced: boolean
  enhanced_reasons: string[]
  flags: string[]
  safe_channels: string[]
  repeat_count: number
  police_referral_due: string | null
  police_referral_on_time: boolean | null
  first_contact_due: string | null
}

export async function referralsOfVictim(client: Queryable, victimId: string): Promise<VictimReferral[]> {
  const { rows } = await client.query<VictimReferral>(
    `SELECT id, receipt_id, original_victim_id, referral_id, source, force_code, crime_reference, crime_category,
            reported_at, received_at, status, enhanced, enhanced_reasons, flags, safe_channels, repeat_count,
            police_referral_due, police_referral_on_time, first_contact_due
     FROM referrals WHERE victim_id = $1 ORDER BY reported_at DESC`,
    [victimId],
  )
  return rows
}

// --- export ----------------------------------------------------------------------------------------

export interface ExportRow {
  id: string
  batch_id: string
  referral_id: string | null
  record_number: number
  received_at: Date
  source: SourceKind
  state: ReceiptState
  reasons: string[]
  warnings: string[]
  victim_id: string | null
  referral_uuid: string | null
  superseded_by: string | null
  resolution: string | null
  enhanced: boolean | null
  enhanced_reasons: string[] | null
  police_referral_due: string | null
  police_referral_on_time: boolean | null
  first_contact_due: string | null
  pathway: string | null
  offer: string | null
  provider: string | null
  expected_wait_days: number | null
  thrive_priority: string | null
  triage_warnings: string[] | null
  rule_set_version: string | null
  routing_rule: string | null
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
  client: Queryable,
  options: { since: string | null; after: ExportCursor | null; limit: number },
): Promise<ExportRow[]> {
  const { rows } = await client.query<ExportRow>(
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
  return rows
}

/** Serialises intake: matching and duplicate checks must see every record decided before them. */
export async function lockIntake(client: Queryable): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [INTAKE_LOCK])
}
// Any constant works, as long as every process uses the same one (audit uses 4_181_103).
const INTAKE_LOCK = 4_181_110

/** Keeps a batch's counts equal to its records when a data quality officer changes one's state. */
export async function moveBatchCount(
  client: Queryable,
  batchId: string,
  from: ReceiptState,
  to: ReceiptState,
): Promise<void> {
  if (from === to) return
  await client.query(`UPDATE import_batches SET ${from} = ${from} - 1, ${to} = ${to} + 1 WHERE id = $1`, [
    batchId,
  ])
}

export async function addBatchCounts(client: Queryable, batchId: string, counts: StateCounts): Promise<void> {
  await client.query(
    `UPDATE import_batches SET received = received + $2, accepted = accepted + $3, duplicate = duplicate + $4,
       quarantined = quarantined + $5, consent_refused = consent_refused + $6
     WHERE id = $1`,
    [batchId, counts.received, counts.accepted, counts.duplicate, counts.quarantined, counts.consent_refused],
  )
}

// --- organisations ---------------------------------------------------------------------------------

export async function findOrganisation(
  client: Queryable,
  by: { id: string } | { name: string },
): Promise<{ id: string; name: string; kind: string } | undefined> {
  const { rows } = await client.query<{ id: string; name: string; kind: string }>(
    'id' in by
      ? 'SELECT id, name, kind FROM organisations WHERE id = $1'
      : 'SELECT id, name, kind FROM organisations WHERE lower(name) = lower($1)',
    ['id' in by ? by.id : by.name],
  )
  return rows[0]
}

export async function policeOrganisations(client: Queryable): Promise<{ id: string; name: string }[]> {
  const { rows } = await client.query<{ id: string; name: string }>(
    "SELECT id, name FROM organisations WHERE kind = 'police' ORDER BY name",
  )
  return rows
}
