// Read queries for the staff victim pages, and settling a possible-match review as "not the same
// person". Merging and unmerging belong to intake (repositories/victims.ts).
import type { Queryable } from '../db/transaction.ts'

export interface VictimSummary {
  id: string
  forename: string
  surname: string
  date_of_birth: string | null
  postcode: string | null
  merged_into: string | null
  categories: string[]
  cse: boolean
  domestic_abuse: boolean
}

/** Victims with what their referrals say about restriction (categories, CSE, domestic abuse). */
export async function victimSummaries(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, VictimSummary>> {
  if (ids.length === 0) return new Map()
  const { rows } = await db.query<VictimSummary>(
    `SELECT v.id, v.forename, v.surname, to_char(v.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, v.postcode,
            v.merged_into,
            COALESCE(array_agg(DISTINCT r.crime_category) FILTER (WHERE r.id IS NOT NULL), '{}') AS categories,
            COALESCE(bool_or(r.cse = 'Y'), false) AS cse,
            COALESCE(bool_or(r.domestic_abuse = 'Y'), false) AS domestic_abuse
     FROM victims v LEFT JOIN referrals r ON r.victim_id = victim_root(v.id)
     WHERE v.id = ANY($1::uuid[])
     GROUP BY v.id`,
    [[...new Set(ids)]],
  )
  return new Map(rows.map((r) => [r.id, r]))
}

export interface OpenReview {
  id: string
  incoming_victim_id: string
  candidate_victim_id: string
  score: number
  evidence: string[]
  created_at: Date
}

/** Possible-match tasks still waiting for a person, oldest first. */
export async function openMatchReviews(db: Queryable, limit: number): Promise<OpenReview[]> {
  const { rows } = await db.query<OpenReview>(
    `SELECT id, incoming_victim_id, candidate_victim_id, score::float8 AS score, evidence, created_at
     FROM match_reviews WHERE status = 'open' ORDER BY created_at LIMIT $1`,
    [limit],
  )
  return rows
}

export async function findMatchReview(
  db: Queryable,
  id: string,
): Promise<(OpenReview & { status: string }) | undefined> {
  const { rows } = await db.query<OpenReview & { status: string }>(
    `SELECT id, incoming_victim_id, candidate_victim_id, score::float8 AS score, evidence, created_at, status
     FROM match_reviews WHERE id = $1 FOR UPDATE`,
    [id],
  )
  return rows[0]
}

/** A person decided the two victims are different people; the task closes without a merge. */
export async function markReviewDistinct(
  db: Queryable,
  id: string,
  userId: string | null,
  note: string | null,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE match_reviews SET status = 'distinct', resolved_by = $2, resolved_at = now(), resolution_note = $3
     WHERE id = $1 AND status = 'open'`,
    [id, userId, note],
  )
  return (rowCount ?? 0) > 0
}
