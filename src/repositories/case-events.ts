// Police case events: their batches (one a file or API request, with its idempotency key and the answer
// kept for a replay), a receipt for every event received whatever became of it, and the events kept
// once each, held until the hub has a referral for their crime.
import type { Queryable } from '../db/transaction.ts'
import type { CaseEventCounts, CaseEventState } from '../domain/case-events/decide.ts'
import type { CaseEvent, CaseEventReason } from '../domain/case-events/event.ts'
import { insertMany } from './bulk.ts'
import { selectRow, selectRows } from './rows.ts'

export interface StoredCaseEventBatch {
  id: string
  organisationId: string | null
  fileName: string | null
  idempotencyKey: string | null
  requestHash: string | null
  response: unknown
  status: 'running' | 'finished'
  startedBy: string
  startedAt: Date
  finishedAt: Date | null
}

export const findBatch = (db: Queryable, id: string) =>
  selectRow<StoredCaseEventBatch>(db, 'SELECT * FROM case_event_batches WHERE id = $1', [id])

/** Creates the batch, or returns the one that already holds this idempotency key. */
export async function createBatch(
  db: Queryable,
  batch: {
    organisationId: string | null
    fileName: string | null
    idempotencyKey: string | null
    requestHash: string | null
    startedBy: string
  },
): Promise<{ batch: StoredCaseEventBatch; created: boolean }> {
  const created = await selectRow<StoredCaseEventBatch>(
    db,
    `INSERT INTO case_event_batches (organisation_id, file_name, idempotency_key, request_hash, started_by)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (organisation_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING *`,
    [batch.organisationId, batch.fileName, batch.idempotencyKey, batch.requestHash, batch.startedBy],
  )
  if (created) return { batch: created, created: true }
  const existing = await selectRow<StoredCaseEventBatch>(
    db,
    'SELECT * FROM case_event_batches WHERE organisation_id IS NOT DISTINCT FROM $1 AND idempotency_key = $2',
    [batch.organisationId, batch.idempotencyKey],
  )
  if (!existing) throw new Error('case event batch vanished while it was being created')
  return { batch: existing, created: false }
}

export async function finishBatch(db: Queryable, id: string, response: unknown): Promise<void> {
  await db.query(
    `UPDATE case_event_batches SET status = 'finished', finished_at = now(), response = $2 WHERE id = $1`,
    [id, response === null ? null : JSON.stringify(response)],
  )
}

/** The batch's counts as its stored receipts say. */
export async function countBatch(db: Queryable, batchId: string): Promise<CaseEventCounts> {
  const { rows } = await db.query<{ state: CaseEventState; n: number }>(
    'SELECT state, count(*)::int AS n FROM case_event_receipts WHERE batch_id = $1 GROUP BY state',
    [batchId],
  )
  const counts: CaseEventCounts = { received: 0, accepted: 0, duplicate: 0, held: 0, quarantined: 0 }
  for (const r of rows) {
    counts[r.state] = r.n
    counts.received += r.n
  }
  return counts
}

/** Highest record number already stored for the batch: a resumed import carries on after it. */
export async function lastRecordNumber(db: Queryable, batchId: string): Promise<number> {
  const { rows } = await db.query<{ n: number | null }>(
    'SELECT max(record_number) AS n FROM case_event_receipts WHERE batch_id = $1',
    [batchId],
  )
  return rows[0]?.n ?? 0
}

/** Stored event ids among these, with the id of each stored event. */
export async function storedEventIds(
  db: Queryable,
  eventIds: readonly string[],
): Promise<Map<string, string>> {
  if (eventIds.length === 0) return new Map()
  const rows = await selectRows<{ eventId: string; id: string }>(
    db,
    'SELECT event_id, id FROM case_events WHERE event_id = ANY($1::text[])',
    [eventIds],
  )
  return new Map(rows.map((r) => [r.eventId, r.id]))
}

/** Which of these force codes belong to a police force set up in the hub, or came on a referral record. */
export async function knownForces(db: Queryable, forceCodes: readonly string[]): Promise<Set<string>> {
  if (forceCodes.length === 0) return new Set()
  const { rows } = await db.query<{ force_code: string }>(
    `SELECT f.code AS force_code FROM unnest($1::text[]) AS f(code)
     WHERE EXISTS (SELECT 1 FROM organisations o WHERE o.force_code = f.code)
        OR EXISTS (SELECT 1 FROM referral_receipts r WHERE r.force_code = f.code)`,
    [forceCodes],
  )
  return new Set(rows.map((r) => r.force_code))
}

/** `force_code|crime_reference` of the given crimes that have at least one referral. */
export async function crimesWithReferral(
  db: Queryable,
  crimes: readonly { forceCode: string; crimeReference: string }[],
): Promise<Set<string>> {
  if (crimes.length === 0) return new Set()
  const { rows } = await db.query<{ key: string }>(
    `SELECT c.force_code || '|' || c.crime_reference AS key
     FROM unnest($1::text[], $2::text[]) AS c(force_code, crime_reference)
     WHERE EXISTS (SELECT 1 FROM referrals r
                   WHERE r.force_code = c.force_code AND r.crime_reference = c.crime_reference)`,
    [crimes.map((c) => c.forceCode), crimes.map((c) => c.crimeReference)],
  )
  return new Set(rows.map((r) => r.key))
}

export interface CaseEventRow {
  id: string
  event: CaseEvent
  matched: boolean
}

export async function insertEvents(db: Queryable, events: readonly CaseEventRow[], receivedAt: Date) {
  const at = receivedAt.toISOString()
  await insertMany(
    db,
    'case_events',
    [
      'id',
      'event_id',
      'force_code',
      'crime_reference',
      'event_type',
      'occurred_at',
      'sent_at',
      'details',
      'hearing_at',
      'court_name',
      'received_at',
      'status',
      'matched_at',
    ],
    events.map(({ id, event: e, matched }) => ({
      id,
      event_id: e.eventId,
      force_code: e.forceCode,
      crime_reference: e.crimeReference,
      event_type: e.eventType,
      occurred_at: e.occurredAt,
      sent_at: e.sentAt,
      details: e.details,
      hearing_at: e.hearingAt,
      court_name: e.courtName,
      received_at: at,
      status: matched ? 'matched' : 'held',
      matched_at: matched ? at : null,
    })),
  )
}

export interface CaseEventReceiptRow {
  recordNumber: number
  eventId: string | null
  forceCode: string | null
  crimeReference: string | null
  raw: unknown
  state: CaseEventState
  reasons: readonly CaseEventReason[]
  caseEventId: string | null
  duplicateOf: string | null
}

export async function insertReceipts(
  db: Queryable,
  batchId: string,
  receipts: readonly CaseEventReceiptRow[],
  receivedAt: Date,
) {
  const at = receivedAt.toISOString()
  await insertMany(
    db,
    'case_event_receipts',
    [
      'batch_id',
      'record_number',
      'received_at',
      'event_id',
      'force_code',
      'crime_reference',
      'raw',
      'state',
      'reasons',
      'case_event_id',
      'duplicate_of',
    ],
    receipts.map((r) => ({
      batch_id: batchId,
      record_number: r.recordNumber,
      received_at: at,
      event_id: r.eventId,
      force_code: r.forceCode,
      crime_reference: r.crimeReference,
      raw: r.raw,
      state: r.state,
      reasons: r.reasons,
      case_event_id: r.caseEventId,
      duplicate_of: r.duplicateOf,
    })),
  )
}

/** What became of one event of a batch, as the sender and the CLI are told. */
export interface CaseEventOutcome {
  recordNumber: number
  receiptId: string
  eventId: string | null
  state: CaseEventState
  reasons: string[]
  caseEventId: string | null
  duplicateOf: string | null
}

export const batchOutcomes = (db: Queryable, batchId: string) =>
  selectRows<CaseEventOutcome>(
    db,
    `SELECT record_number, id AS receipt_id, event_id, state, reasons, case_event_id, duplicate_of
     FROM case_event_receipts WHERE batch_id = $1 ORDER BY record_number`,
    [batchId],
  )

/**
 * Held events on the crimes of these new referrals become matched, from `at`. Called by intake in the
 * transaction that stores the referrals. Returns how many were matched.
 */
export async function matchHeldEvents(
  db: Queryable,
  at: Date,
  referralIds: readonly string[],
): Promise<number> {
  if (referralIds.length === 0) return 0
  const result = await db.query(
    `UPDATE case_events e SET status = 'matched', matched_at = $1
     FROM referrals r
     WHERE r.id = ANY($2::uuid[]) AND e.status = 'held'
       AND e.force_code = r.force_code AND e.crime_reference = r.crime_reference`,
    [at.toISOString(), referralIds],
  )
  return result.rowCount ?? 0
}

export interface StoredCaseEvent {
  id: string
  eventId: string
  forceCode: string
  crimeReference: string
  eventType: string
  occurredAt: Date
  status: 'held' | 'matched'
  matchedAt: Date | null
  receivedAt: Date
}

export const findEventByEventId = (db: Queryable, eventId: string) =>
  selectRow<StoredCaseEvent>(db, 'SELECT * FROM case_events WHERE event_id = $1', [eventId])

/** An (event, accepted referral) pair on the same crime whose victim has no update for the event yet. */
export interface UnrecordedPair {
  caseEventId: string
  occurredAt: Date
  eventReceivedAt: Date
  referralId: string
  victimId: string
  enhanced: boolean
  contactIsProxy: boolean
  referralReceivedAt: Date
}

/**
 * Matched events and the accepted referrals on their crimes that no case update covers yet, for these
 * events or these referrals (both joined by crime, which both tables index).
 */
export function unrecordedPairs(
  db: Queryable,
  filter: { eventIds: readonly string[] } | { referralIds: readonly string[] },
): Promise<UnrecordedPair[]> {
  const byEvents = 'eventIds' in filter
  const ids = byEvents ? filter.eventIds : filter.referralIds
  if (ids.length === 0) return Promise.resolve([])
  return selectRows<UnrecordedPair>(
    db,
    `SELECT e.id AS case_event_id, e.occurred_at, e.received_at AS event_received_at,
            r.id AS referral_id, r.victim_id, r.enhanced, r.victim_type = 'parent_guardian' AS contact_is_proxy,
            r.received_at AS referral_received_at
     FROM case_events e
     JOIN referrals r ON r.force_code = e.force_code AND r.crime_reference = e.crime_reference
     WHERE ${byEvents ? 'e.id' : 'r.id'} = ANY($1::uuid[]) AND e.status = 'matched'
       AND NOT EXISTS (SELECT 1 FROM case_updates u WHERE u.case_event_id = e.id AND u.victim_id = r.victim_id)
     ORDER BY e.id, r.received_at, r.id`,
    [ids],
  )
}

export interface CaseUpdateRow {
  caseEventId: string
  victimId: string
  referralId: string
  recipient: 'victim' | 'parent_guardian'
  enhanced: boolean
  clockFrom: string
  due: string | null
  lateOnArrival: boolean
}

/** Stores pending updates; a pair already stored (another run got there first) is left as it is. */
export async function insertUpdates(db: Queryable, rows: readonly CaseUpdateRow[]): Promise<void> {
  if (rows.length === 0) return
  await db.query(
    `INSERT INTO case_updates (case_event_id, victim_id, referral_id, recipient, enhanced, clock_from, due,
       late_on_arrival)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::boolean[], $6::timestamptz[],
       $7::date[], $8::boolean[])
     ON CONFLICT (case_event_id, victim_id) DO NOTHING`,
    [
      rows.map((r) => r.caseEventId),
      rows.map((r) => r.victimId),
      rows.map((r) => r.referralId),
      rows.map((r) => r.recipient),
      rows.map((r) => r.enhanced),
      rows.map((r) => r.clockFrom),
      rows.map((r) => r.due),
      rows.map((r) => r.lateOnArrival),
    ],
  )
}

export interface StoredCaseUpdate extends Omit<CaseUpdateRow, 'clockFrom'> {
  id: string
  clockFrom: Date
  state: 'pending'
}

/** The updates an event (by its feed `event_id`) owes, oldest first. */
export const updatesForEvent = (db: Queryable, eventId: string) =>
  selectRows<StoredCaseUpdate>(
    db,
    `SELECT u.id, u.case_event_id, u.victim_id, u.referral_id, u.recipient, u.enhanced, u.clock_from,
            to_char(u.due, 'YYYY-MM-DD') AS due, u.late_on_arrival, u.state
     FROM case_updates u JOIN case_events e ON e.id = u.case_event_id
     WHERE e.event_id = $1 ORDER BY u.created_at, u.victim_id`,
    [eventId],
  )
