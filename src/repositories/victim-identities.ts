// Identity snapshots: each new set of details a victim was referred with, and its blocking keys, which
// matching and victim search look candidates up by.
import type pg from 'pg'
import type { Queryable } from '../db/transaction.ts'
import type { IdentityDraft } from '../domain/intake/chunk-decision.ts'
import type { KnownIdentity } from '../domain/intake/chunk-knowledge.ts'
import type { MatchSubject } from '../domain/matching/index.ts'
import { copyRows } from './bulk.ts'

/** Stores the snapshots and their blocking keys; ids are reserved first so both go in one chunk. */
export async function insertIdentities(
  client: pg.PoolClient,
  identities: readonly IdentityDraft[],
  at: Date,
): Promise<void> {
  if (identities.length === 0) return
  const { rows } = await client.query<{ id: number }>(
    "SELECT nextval('victim_identities_id_seq')::int8 AS id FROM generate_series(1, $1)",
    [identities.length],
  )
  const ids = rows.map((r) => Number(r.id))
  const iso = at.toISOString()
  await copyRows(
    client,
    'victim_identities',
    ['id', 'victim_id', 'receipt_id', 'subject', 'created_at'],
    identities.map((d, i) => ({
      id: ids[i],
      victim_id: d.victimId,
      receipt_id: d.receiptId,
      subject: d.subject,
      created_at: iso,
    })),
    new Set(['subject']),
  )
  await copyRows(
    client,
    'victim_match_keys',
    ['victim_id', 'identity_id', 'key'],
    identities.flatMap((d, i) => d.keys.map((key) => ({ victim_id: d.victimId, identity_id: ids[i], key }))),
  )
}

/**
 * Identity snapshots sharing any of `keys`, with the victim each now belongs to. A key shared by more
 * than `stopKeyCap` snapshots (a switchboard number, a hostel postcode) says nothing about identity
 * and would drag in hundreds of strangers, so it is ignored.
 */
export async function findCandidateIdentities(
  db: Queryable,
  keys: readonly string[],
  stopKeyCap: number,
): Promise<KnownIdentity[]> {
  if (keys.length === 0) return []
  const { rows } = await db.query<{
    identity_id: string
    victim_id: string
    subject: MatchSubject
    keys: string[]
  }>(
    `WITH hits AS (
       SELECT k.key, x.identity_id, count(*) OVER (PARTITION BY k.key) AS bucket
       FROM unnest($1::text[]) AS k(key)
       -- Reading one more than the cap is enough to know a bucket is too big, however big it grows.
       CROSS JOIN LATERAL (
         SELECT m.identity_id FROM victim_match_keys m WHERE m.key = k.key LIMIT $2::int + 1
       ) x
     ), wanted AS (
       SELECT identity_id, array_agg(key) AS keys FROM hits WHERE bucket <= $2 GROUP BY identity_id
     )
     SELECT w.identity_id, w.keys, i.subject,
            CASE WHEN v.merged_into IS NULL THEN v.id ELSE victim_root(v.id) END AS victim_id
     FROM wanted w
     JOIN victim_identities i ON i.id = w.identity_id
     JOIN victims v ON v.id = i.victim_id`,
    [keys, stopKeyCap],
  )
  return rows.map((r) => ({
    identityId: Number(r.identity_id),
    victimId: r.victim_id,
    subject: r.subject,
    keys: r.keys,
  }))
}
