// Import batches: one a file, API request, form or demo load, with its idempotency key, the counts of
// its records by state, and the answer kept for a replay.
import type { Queryable } from '../db/transaction.ts'
import type { ReceiptState, SourceKind, StateCounts } from '../domain/intake/records.ts'
import { selectRow } from './rows.ts'

export interface StoredBatch extends StateCounts {
  id: string
  source: SourceKind
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

const oneBatch = (db: Queryable, sql: string, params: unknown[]) => selectRow<StoredBatch>(db, sql, params)

export const findBatch = (db: Queryable, id: string) =>
  oneBatch(db, 'SELECT * FROM import_batches WHERE id = $1', [id])

export const lockBatch = (db: Queryable, id: string) =>
  oneBatch(db, 'SELECT * FROM import_batches WHERE id = $1 FOR UPDATE', [id])

/** Creates the batch, or returns the one that already holds this idempotency key. */
export async function createBatch(
  db: Queryable,
  batch: {
    source: SourceKind
    organisationId: string | null
    fileName: string | null
    idempotencyKey: string | null
    requestHash: string | null
    startedBy: string
  },
): Promise<{ batch: StoredBatch; created: boolean }> {
  const created = await oneBatch(
    db,
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
  if (created) return { batch: created, created: true }
  const existing = await oneBatch(
    db,
    `SELECT * FROM import_batches WHERE organisation_id IS NOT DISTINCT FROM $1 AND idempotency_key = $2`,
    [batch.organisationId, batch.idempotencyKey],
  )
  if (!existing) throw new Error('import batch vanished while it was being created')
  return { batch: existing, created: false }
}

/** The batch's counts as its stored records say (the truth, whatever a crashed run had counted). */
export async function countBatch(db: Queryable, batchId: string): Promise<StateCounts> {
  const { rows } = await db.query<{ state: ReceiptState; n: number }>(
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
  db: Queryable,
  batchId: string,
  counts: StateCounts,
  finished: boolean,
): Promise<void> {
  await db.query(
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

export async function addBatchCounts(db: Queryable, batchId: string, counts: StateCounts): Promise<void> {
  await db.query(
    `UPDATE import_batches SET received = received + $2, accepted = accepted + $3, duplicate = duplicate + $4,
       quarantined = quarantined + $5, consent_refused = consent_refused + $6
     WHERE id = $1`,
    [batchId, counts.received, counts.accepted, counts.duplicate, counts.quarantined, counts.consent_refused],
  )
}

/** Keeps a batch's counts equal to its records when a data quality officer changes one's state. */
export async function moveBatchCount(
  db: Queryable,
  batchId: string,
  from: ReceiptState,
  to: ReceiptState,
): Promise<void> {
  if (from === to) return
  await db.query(`UPDATE import_batches SET ${from} = ${from} - 1, ${to} = ${to} + 1 WHERE id = $1`, [
    batchId,
  ])
}

export async function saveBatchResponse(db: Queryable, batchId: string, response: unknown): Promise<void> {
  await db.query('UPDATE import_batches SET response = $2 WHERE id = $1', [batchId, JSON.stringify(response)])
}
