// Possible matches: a new victim who might be one already known, waiting for a person to say whether
// they are the same (merge) or not (distinct).
import type { Queryable } from '../db/transaction.ts'
import type { MatchReviewDraft } from '../domain/intake/chunk-decision.ts'
import { insertMany } from './bulk.ts'
import { selectRow, selectRows } from './rows.ts'

export interface MatchReview extends MatchReviewDraft {
  status: 'open' | 'merged' | 'distinct'
  createdAt: Date
}

const SELECT_REVIEW = `SELECT id, receipt_id, incoming_victim_id, candidate_victim_id, score::float8 AS score,
  evidence, status, created_at FROM match_reviews`

export const insertMatchReviews = (db: Queryable, reviews: readonly MatchReviewDraft[], at: Date) => {
  const iso = at.toISOString()
  return insertMany(
    db,
    'match_reviews',
    ['id', 'receipt_id', 'incoming_victim_id', 'candidate_victim_id', 'score', 'evidence', 'created_at'],
    reviews.map((r) => ({
      id: r.id,
      receipt_id: r.receiptId,
      incoming_victim_id: r.incomingVictimId,
      candidate_victim_id: r.candidateVictimId,
      score: r.score,
      evidence: r.evidence,
      created_at: iso,
    })),
  )
}

/** Every possible match involving any of these victims, oldest first. */
export const matchReviewsFor = (db: Queryable, victimIds: readonly string[]) =>
  selectRows<MatchReview>(
    db,
    `${SELECT_REVIEW}
     WHERE incoming_victim_id = ANY($1::uuid[]) OR candidate_victim_id = ANY($1::uuid[])
     ORDER BY created_at`,
    [victimIds],
  )

/** Possible matches still waiting for a person, oldest first. */
export const openMatchReviews = (db: Queryable, limit: number) =>
  selectRows<MatchReview>(db, `${SELECT_REVIEW} WHERE status = 'open' ORDER BY created_at LIMIT $1`, [limit])

/** One possible match, locked for the person settling it. */
export const findMatchReview = (db: Queryable, id: string) =>
  selectRow<MatchReview>(db, `${SELECT_REVIEW} WHERE id = $1 FOR UPDATE`, [id])

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

/** Open possible-match tasks between the two victims are settled by the merge. */
export async function closeReviewsBetween(
  db: Queryable,
  a: string,
  b: string,
  userId: string | null,
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE match_reviews SET status = 'merged', resolved_by = $3, resolved_at = now(),
       resolution_note = 'victims merged'
     WHERE status = 'open' AND ((incoming_victim_id = $1 AND candidate_victim_id = $2)
       OR (incoming_victim_id = $2 AND candidate_victim_id = $1))`,
    [a, b, userId],
  )
  return rowCount ?? 0
}
