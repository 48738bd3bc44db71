// What the staff victim pages show of a victim beside another: who they are, and what their referrals
// say about restriction (categories, CSE, domestic abuse).
import type { Queryable } from '../db/transaction.ts'
import { camelRow } from './rows.ts'

export interface VictimSummary {
  id: string
  forename: string
  surname: string
  dateOfBirth: string | null
  postcode: string | null
  mergedInto: string | null
  categories: string[]
  cse: boolean
  domesticAbuse: boolean
  restrictedByHand: boolean
}

export async function victimSummaries(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, VictimSummary>> {
  if (ids.length === 0) return new Map()
  const { rows } = await db.query(
    `SELECT v.id, v.forename, v.surname, to_char(v.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, v.postcode,
            v.merged_into, (SELECT rv.restricted_by_hand FROM victims rv WHERE rv.id = victim_root(v.id)) AS restricted_by_hand,
            COALESCE(array_agg(DISTINCT r.crime_category) FILTER (WHERE r.id IS NOT NULL), '{}') AS categories,
            COALESCE(bool_or(r.cse = 'Y'), false) AS cse,
            COALESCE(bool_or(r.domestic_abuse = 'Y'), false) AS domestic_abuse
     FROM victims v LEFT JOIN referrals r ON r.victim_id = victim_root(v.id)
     WHERE v.id = ANY($1::uuid[])
     GROUP BY v.id`,
    [[...new Set(ids)]],
  )
  return new Map(rows.map((r) => [r.id as string, camelRow<VictimSummary>(r)]))
}
