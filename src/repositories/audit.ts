import type pg from 'pg'
import type { Queryable } from '../db/transaction.ts'
import { type AuditFields, auditHash, GENESIS_HASH, type StoredAuditRow } from '../domain/audit/hash-chain.ts'
import { selectRows } from './rows.ts'

export type AuditEntry = Omit<AuditFields, 'id' | 'occurredAt'>

// Serialises appends so each row can read the hash of the one before it.
const AUDIT_CHAIN_LOCK = 4_181_103

/** Appends one row to the chain. Call inside a transaction (db/transaction.ts) so the row commits with the change it records. */
export async function appendAudit(client: pg.PoolClient, entry: AuditEntry): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK])
  const last = await client.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')
  const prevHash = last.rows[0]?.hash ?? GENESIS_HASH
  const next = await client.query<{ id: number; at: string }>(
    `SELECT nextval('audit_log_id_seq') AS id,
            to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`,
  )
  const { id, at } = next.rows[0] as { id: number; at: string }
  const hash = auditHash(prevHash, { ...entry, id, occurredAt: at })
  await client.query(
    `INSERT INTO audit_log (id, occurred_at, actor_user_id, actor, action, record_type, record_id, ip, request_id,
                            details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      at,
      entry.actorUserId,
      entry.actor,
      entry.action,
      entry.recordType,
      entry.recordId,
      entry.ip,
      entry.requestId,
      JSON.stringify(entry.details ?? {}),
      prevHash,
      hash,
    ],
  )
  return id
}

const SELECT_ROWS = `SELECT id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  actor_user_id, actor, action, record_type, record_id, ip, request_id, details, prev_hash, hash FROM audit_log`

/** Reads the whole log in id order, a batch at a time, so verification runs in flat memory. */
export async function* auditRowsInOrder(db: Queryable, batchSize = 5000): AsyncGenerator<StoredAuditRow> {
  let after = 0
  for (;;) {
    const rows = await selectRows<StoredAuditRow>(db, `${SELECT_ROWS} WHERE id > $1 ORDER BY id LIMIT $2`, [
      after,
      batchSize,
    ])
    yield* rows
    if (rows.length < batchSize) return
    after = (rows[rows.length - 1] as StoredAuditRow).id
  }
}

export async function recentAudit(
  db: Queryable,
  filter: { recordType?: string; recordId?: string; action?: string; limit: number },
): Promise<StoredAuditRow[]> {
  return selectRows<StoredAuditRow>(
    db,
    `${SELECT_ROWS}
     WHERE ($1::text IS NULL OR record_type = $1) AND ($2::text IS NULL OR record_id = $2)
       AND ($3::text IS NULL OR action = $3)
     ORDER BY id DESC LIMIT $4`,
    [filter.recordType ?? null, filter.recordId ?? null, filter.action ?? null, filter.limit],
  )
}

/** The first row's hash: it names the chain, so a checkpoint is only ever compared with its own log. */
export async function firstAuditHash(db: Queryable): Promise<string | undefined> {
  const { rows } = await db.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id LIMIT 1')
  return rows[0]?.hash
}

export async function auditHashOf(db: Queryable, id: number): Promise<string | undefined> {
  const { rows } = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE id = $1', [id])
  return rows[0]?.hash
}

/** How many rows come after `afterId`, and the last of them. */
export async function auditRowsAfter(
  db: Queryable,
  afterId: number,
): Promise<{ count: number; lastId: number; lastHash: string } | undefined> {
  const { rows } = await db.query<{ count: number; last_id: number }>(
    'SELECT count(*)::int AS count, max(id) AS last_id FROM audit_log WHERE id > $1',
    [afterId],
  )
  const row = rows[0]
  if (!row || row.count === 0) return undefined
  const lastHash = (await auditHashOf(db, row.last_id)) as string
  return { count: row.count, lastId: Number(row.last_id), lastHash }
}

/**
 * Every audit row about a victim (ids: the victim and the records merged into it): rows on the victim,
 * on its referrals and received records, and the list views that showed any of them, newest first.
 */
export async function auditOfVictim(
  db: Queryable,
  victimIds: readonly string[],
  limit: number,
): Promise<StoredAuditRow[]> {
  return selectRows<StoredAuditRow>(
    db,
    `WITH refs AS (
       SELECT id::text AS id FROM referrals WHERE victim_id = ANY($1::uuid[]) OR original_victim_id = ANY($1::uuid[])
     ), recs AS (
       SELECT id::text AS id FROM referral_receipts
       WHERE victim_id = ANY($1::uuid[]) OR original_victim_id = ANY($1::uuid[])
     )
     ${SELECT_ROWS}
     WHERE (record_type = 'victim' AND record_id = ANY($1::text[]))
        OR (record_type = 'referral' AND record_id IN (SELECT id FROM refs))
        OR (record_type = 'referral_receipt' AND record_id IN (SELECT id FROM recs))
        OR (action = 'restricted_records.listed' AND (details -> 'victims') ?| $1::text[])
        OR (action = 'restricted_records.listed'
            AND (details -> 'receipts') ?| ARRAY(SELECT id FROM recs))
     ORDER BY id DESC LIMIT $2`,
    [victimIds, limit],
  )
}
