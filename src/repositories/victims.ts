// Victims, their identity snapshots and blocking keys, possible-match reviews, and merges.
import type pg from 'pg'
import type { Queryable } from '../db/transaction.ts'
import { copyRows, insertMany } from './bulk.ts'

/** How to reach a victim safely: kept on each referral as it came and on the victim as the latest known. */
export const CONTACT_COLUMNS = [
  'address_line1',
  'address_line2',
  'town',
  'postcode',
  'phone_mobile',
  'phone_other',
  'email',
  'preferred_contact',
  'safe_to_call',
  'safe_to_text',
  'safe_to_email',
  'safe_to_leave_voicemail',
  'safe_to_write',
  'safe_contact_notes',
  'contact_is_proxy',
  'language',
  'interpreter_required',
] as const

export const VICTIM_COLUMNS = [
  'id',
  'title',
  'forename',
  'surname',
  'date_of_birth',
  'gender',
  ...CONTACT_COLUMNS,
  'force_code',
  'victim_person_ref',
  'created_at',
  'updated_at',
] as const

export type VictimRow = { [K in (typeof VICTIM_COLUMNS)[number]]: unknown } & { id: string }

export interface StoredVictim {
  id: string
  title: string | null
  forename: string
  surname: string
  date_of_birth: string | null
  gender: string | null
  address_line1: string | null
  address_line2: string | null
  town: string | null
  postcode: string | null
  phone_mobile: string | null
  phone_other: string | null
  email: string | null
  preferred_contact: string | null
  safe_to_call: string
  safe_to_text: string
  safe_to_email: string
  safe_to_leave_voicemail: string
  safe_to_write: string
  safe_contact_notes: string | null
  language: string
  interpreter_required: string
  contact_is_proxy: boolean
  force_code: string | null
  victim_person_ref: string | null
  created_at: Date
  updated_at: Date
  merged_into: string | null
  merged_at: Date | null
  merged_by: string | null
}

export const insertVictims = (client: pg.PoolClient, rows: readonly VictimRow[]) =>
  copyRows(client, 'victims', VICTIM_COLUMNS, rows)

/**
 * Newer contact details for victims an accepted referral linked to. A blank field keeps what was known;
 * a safety flag is replaced unless the new record says nothing (U), so an "unsafe" is never forgotten
 * just because a later referral did not ask.
 */
export async function refreshVictimContacts(client: Queryable, rows: readonly VictimRow[]): Promise<void> {
  if (rows.length === 0) return
  const keep = (c: string) => `${c} = COALESCE(n.${c}, v.${c})`
  const flag = (c: string) => `${c} = CASE WHEN n.${c} = 'U' THEN v.${c} ELSE n.${c} END`
  await client.query(
    `UPDATE victims v SET
       ${['title', 'date_of_birth', 'gender', 'address_line1', 'address_line2', 'town', 'postcode']
         .map(keep)
         .join(', ')},
       ${['phone_mobile', 'phone_other', 'email', 'preferred_contact', 'safe_contact_notes'].map(keep).join(', ')},
       ${[
         'safe_to_call',
         'safe_to_text',
         'safe_to_email',
         'safe_to_leave_voicemail',
         'safe_to_write',
         'interpreter_required',
       ]
         .map(flag)
         .join(', ')},
       language = n.language,
       contact_is_proxy = n.contact_is_proxy,
       victim_person_ref = COALESCE(n.victim_person_ref, v.victim_person_ref),
       force_code = COALESCE(n.force_code, v.force_code),
       updated_at = n.updated_at
     FROM json_populate_recordset(NULL::victims, $1::json) n
     WHERE v.id = n.id`,
    [JSON.stringify(rows)],
  )
}

/** Reserves ids for identity snapshots so their blocking keys can be written in the same chunk. */
export async function reserveIdentityIds(client: Queryable, count: number): Promise<number[]> {
  if (count === 0) return []
  const { rows } = await client.query<{ id: number }>(
    "SELECT nextval('victim_identities_id_seq')::int8 AS id FROM generate_series(1, $1)",
    [count],
  )
  return rows.map((r) => Number(r.id))
}

export interface IdentityRow {
  id: number
  victim_id: string
  receipt_id: string | null
  subject: unknown
  created_at: string
}

export const insertIdentities = (client: pg.PoolClient, rows: readonly IdentityRow[]) =>
  copyRows(
    client,
    'victim_identities',
    ['id', 'victim_id', 'receipt_id', 'subject', 'created_at'],
    rows,
    new Set(['subject']),
  )

export interface MatchKeyRow {
  victim_id: string
  identity_id: number
  key: string
}

export const insertMatchKeys = (client: pg.PoolClient, rows: readonly MatchKeyRow[]) =>
  copyRows(client, 'victim_match_keys', ['victim_id', 'identity_id', 'key'], rows)

export interface CandidateIdentity {
  identityId: number
  /** The victim the snapshot now belongs to (after any merges). */
  victimId: string
  subject: unknown
  keys: string[]
}

/**
 * Identity snapshots sharing any of `keys`, with the victim each now belongs to. A key shared by more
 * than `stopKeyCap` snapshots (a switchboard number, a hostel postcode) says nothing about identity
 * and would drag in hundreds of strangers, so it is ignored.
 */
export async function findCandidateIdentities(
  client: Queryable,
  keys: readonly string[],
  stopKeyCap: number,
): Promise<CandidateIdentity[]> {
  if (keys.length === 0) return []
  const { rows } = await client.query<{
    identity_id: string
    victim_id: string
    subject: unknown
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

/** The victim each id now stands for: itself, or the one it was (perhaps in turn) merged into. */
export async function victimRoots(client: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const { rows } = await client.query<{ id: string; root: string }>(
    'SELECT id, victim_root(id) AS root FROM unnest($1::uuid[]) AS id',
    [unique],
  )
  return new Map(rows.map((r) => [r.id, r.root]))
}

export async function findVictim(
  client: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredVictim | undefined> {
  const { rows } = await client.query<StoredVictim>(
    `SELECT * FROM victims WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  )
  return rows[0]
}

/** Ids of victims merged (directly or through others) into `id`, `id` itself excluded. */
export async function victimsMergedInto(client: Queryable, id: string): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `WITH RECURSIVE tree AS (
       SELECT id FROM victims WHERE merged_into = $1
       UNION ALL
       SELECT v.id FROM victims v JOIN tree t ON v.merged_into = t.id
     ) SELECT id FROM tree`,
    [id],
  )
  return rows.map((r) => r.id)
}

export async function markMerged(
  client: Queryable,
  mergeId: string,
  keepId: string,
  byUserId: string | null,
): Promise<void> {
  await client.query(
    'UPDATE victims SET merged_into = $2, merged_at = now(), merged_by = $3, updated_at = now() WHERE id = $1',
    [mergeId, keepId, byUserId],
  )
}

export async function clearMerged(client: Queryable, id: string): Promise<void> {
  await client.query(
    'UPDATE victims SET merged_into = NULL, merged_at = NULL, merged_by = NULL, updated_at = now() WHERE id = $1',
    [id],
  )
}

/**
 * Points every referral and received record whose original victim is one of `originals` at `victimId`.
 * Merge and unmerge both come down to this, so the current victim always follows merged_into.
 */
export async function repointToVictim(
  client: Queryable,
  originals: readonly string[],
  victimId: string,
): Promise<{ referrals: number; receipts: number }> {
  const referrals = await client.query(
    'UPDATE referrals SET victim_id = $2 WHERE original_victim_id = ANY($1::uuid[]) AND victim_id <> $2',
    [originals, victimId],
  )
  const receipts = await client.query(
    'UPDATE referral_receipts SET victim_id = $2 WHERE original_victim_id = ANY($1::uuid[]) AND victim_id <> $2',
    [originals, victimId],
  )
  return { referrals: referrals.rowCount ?? 0, receipts: receipts.rowCount ?? 0 }
}

export interface MatchReviewRow {
  id: string
  receipt_id: string
  incoming_victim_id: string
  candidate_victim_id: string
  score: number
  evidence: string[]
  created_at: string
}

export const insertMatchReviews = (client: Queryable, rows: readonly MatchReviewRow[]) =>
  insertMany(
    client,
    'match_reviews',
    ['id', 'receipt_id', 'incoming_victim_id', 'candidate_victim_id', 'score', 'evidence', 'created_at'],
    rows,
  )

/** Open possible-match tasks between the two victims are settled by the merge. */
export async function closeReviewsBetween(
  client: Queryable,
  a: string,
  b: string,
  userId: string | null,
): Promise<number> {
  const { rowCount } = await client.query(
    `UPDATE match_reviews SET status = 'merged', resolved_by = $3, resolved_at = now(),
       resolution_note = 'victims merged'
     WHERE status = 'open' AND ((incoming_victim_id = $1 AND candidate_victim_id = $2)
       OR (incoming_victim_id = $2 AND candidate_victim_id = $1))`,
    [a, b, userId],
  )
  return rowCount ?? 0
}

export interface StoredMatchReview {
  id: string
  receipt_id: string
  incoming_victim_id: string
  candidate_victim_id: string
  score: number
  evidence: string[]
  status: string
  created_at: Date
}

export async function matchReviewsFor(
  client: Queryable,
  victimIds: readonly string[],
): Promise<StoredMatchReview[]> {
  const { rows } = await client.query<StoredMatchReview>(
    `SELECT id, receipt_id, incoming_victim_id, candidate_victim_id, score, evidence, status, created_at
     FROM match_reviews
     WHERE incoming_victim_id = ANY($1::uuid[]) OR candidate_victim_id = ANY($1::uuid[])
     ORDER BY created_at`,
    [victimIds],
  )
  return rows
}
