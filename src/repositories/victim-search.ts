// Finding victims by what staff know about them (docs/adr/0012-victim-search.md). Each kind of search
// reaches its rows through an index; a victim found through a record merged into another is the one kept.
import type { Queryable } from '../db/transaction.ts'
import type { RestrictedScope } from '../domain/victims/access-policy.ts'
import { reachesVictimSql } from './need-to-know.ts'
import { camelRows } from './rows.ts'

export type VictimCriteria =
  /** Any reading may match; within one, each part given starts the name (case-insensitive). */
  | { by: 'name'; readings: readonly { forenamePrefix?: string; surnamePrefix?: string }[] }
  /** A blocking key of any identity snapshot (victim_match_keys), e.g. `ph:+447700900123`. */
  | { by: 'match_key'; key: string }
  /** A crime reference, or a sender's referral ID, exactly as any of these spellings. */
  | { by: 'reference'; references: readonly string[] }
  /** A victim's id, or the id of a referral or received record linked to the victim. */
  | { by: 'record_id'; id: string }

export interface VictimSearchRow {
  id: string
  forename: string
  surname: string
  dateOfBirth: string | null
  /** The outward code only ('CV34'): enough to tell two namesakes apart without giving an address. */
  postcodeDistrict: string | null
  referralCount: number
  latestReferralAt: Date | null
  categories: string[]
  cse: boolean
  domesticAbuse: boolean
  restrictedByHand: boolean
  /** The viewer's scope reaches the victim; when false, the name is empty and nothing else says who. */
  visible: boolean
}

type Matching = { sql: string; params: unknown[] }

/** LIKE treats `%`, `_` and `\` as special; typed text is matched literally, then any ending. */
const startsWithPattern = (prefix: string) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`

// Each returns the victims (id, merged_into) a criterion finds, before merges are followed.
function matching(criteria: VictimCriteria): Matching {
  switch (criteria.by) {
    case 'name': {
      // lower(…) LIKE 'prefix%' uses the text_pattern_ops indexes of migration 0104; the OR of readings
      // becomes a bitmap OR of index scans.
      const params: string[] = []
      const condition = (column: string, prefix: string) => {
        params.push(startsWithPattern(prefix))
        return `lower(${column}) LIKE $${params.length}`
      }
      const readings = criteria.readings
        .map((reading) => {
          const parts: string[] = []
          if (reading.surnamePrefix) parts.push(condition('surname', reading.surnamePrefix))
          if (reading.forenamePrefix) parts.push(condition('forename', reading.forenamePrefix))
          return parts.length > 0 ? `(${parts.join(' AND ')})` : null
        })
        .filter((r): r is string => r !== null)
      if (readings.length === 0) return { sql: 'SELECT id, merged_into FROM victims WHERE false', params }
      return { sql: `SELECT id, merged_into FROM victims WHERE ${readings.join(' OR ')}`, params }
    }
    case 'match_key':
      return {
        sql: `SELECT v.id, v.merged_into
              FROM victim_match_keys k JOIN victims v ON v.id = k.victim_id
              WHERE k.key = $1`,
        params: [criteria.key],
      }
    case 'reference':
      // The indexes that hold these lead with the sender: referrals (force_code, crime_reference, …) and
      // referral_receipts (organisation_id, referral_id). There are only a few dozen forces and senders,
      // so rather than index every imported referral again, the recursive parts step through the distinct
      // leading values (one index probe each) and the lookups then give the index both columns.
      return {
        sql: `WITH RECURSIVE forces(code) AS (
                (SELECT force_code FROM referrals ORDER BY force_code LIMIT 1)
                UNION ALL
                SELECT (SELECT r.force_code FROM referrals r WHERE r.force_code > f.code
                        ORDER BY r.force_code LIMIT 1)
                FROM forces f WHERE f.code IS NOT NULL
              ), senders(organisation_id) AS (
                (SELECT organisation_id FROM referral_receipts
                 WHERE referral_id IS NOT NULL AND organisation_id IS NOT NULL
                 ORDER BY organisation_id LIMIT 1)
                UNION ALL
                SELECT (SELECT rr.organisation_id FROM referral_receipts rr
                        WHERE rr.referral_id IS NOT NULL AND rr.organisation_id > s.organisation_id
                        ORDER BY rr.organisation_id LIMIT 1)
                FROM senders s WHERE s.organisation_id IS NOT NULL
              )
              SELECT v.id, v.merged_into FROM referrals r JOIN victims v ON v.id = r.victim_id
              WHERE r.force_code = ANY (ARRAY(SELECT code FROM forces WHERE code IS NOT NULL))
                AND r.crime_reference = ANY ($1::text[])
              UNION ALL
              SELECT v.id, v.merged_into FROM referral_receipts rr JOIN victims v ON v.id = rr.victim_id
              WHERE rr.organisation_id = ANY (ARRAY(SELECT organisation_id FROM senders
                                                    WHERE organisation_id IS NOT NULL))
                AND rr.referral_id = ANY ($1::text[])
              UNION ALL
              SELECT v.id, v.merged_into FROM referral_receipts rr JOIN victims v ON v.id = rr.victim_id
              WHERE rr.organisation_id IS NULL AND rr.referral_id = ANY ($1::text[])`,
        params: [criteria.references],
      }
    case 'record_id':
      return {
        sql: `SELECT id, merged_into FROM victims WHERE id = $1
              UNION ALL
              SELECT v.id, v.merged_into FROM referrals r JOIN victims v ON v.id = r.victim_id WHERE r.id = $1
              UNION ALL
              SELECT v.id, v.merged_into FROM referral_receipts rr JOIN victims v ON v.id = rr.victim_id
              WHERE rr.id = $1`,
        params: [criteria.id],
      }
  }
}

/**
 * The first `limit` victims the criteria find, by surname, forename and date of birth, each with what
 * the results list shows and what its referrals say about restriction. Merged records count as the
 * victim they were merged into, once.
 */
export async function findVictims(
  db: Queryable,
  criteria: VictimCriteria,
  limit: number,
  scope: RestrictedScope,
): Promise<VictimSearchRow[]> {
  const found = matching(criteria)
  const limitParam = `$${found.params.length + 1}`
  const { rows } = await db.query(
    `WITH found AS (
       SELECT DISTINCT CASE WHEN m.merged_into IS NULL THEN m.id ELSE victim_root(m.id) END AS id
       FROM (${found.sql}) m
     ), first_found AS (
       -- Limited before the referrals are read, so a broad search reads referrals for one page only.
       SELECT v.id, v.forename, v.surname, v.date_of_birth, v.postcode, v.restricted_by_hand
       FROM found JOIN victims v ON v.id = found.id
       ORDER BY lower(v.surname), lower(v.forename), v.date_of_birth NULLS LAST, v.id
       LIMIT ${limitParam}
     )
     SELECT f.id, CASE WHEN s.visible THEN f.forename ELSE '' END AS forename,
            CASE WHEN s.visible THEN f.surname ELSE '' END AS surname,
            CASE WHEN s.visible THEN to_char(f.date_of_birth, 'YYYY-MM-DD') END AS date_of_birth,
            CASE WHEN s.visible AND length(replace(f.postcode, ' ', '')) BETWEEN 5 AND 7
                 THEN left(upper(replace(f.postcode, ' ', '')), -3) END AS postcode_district,
            r.referral_count, r.latest_referral_at, r.categories, r.cse, r.domestic_abuse,
            f.restricted_by_hand, s.visible
     FROM first_found f
     -- Need to know (docs/adr/0025): a victim the viewer's scope does not reach leaves without who it is.
     CROSS JOIN LATERAL (SELECT ${reachesVictimSql(scope, 'f.id')} AS visible) s
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS referral_count, max(received_at) AS latest_referral_at,
              COALESCE(array_agg(DISTINCT crime_category), '{}') AS categories,
              COALESCE(bool_or(cse = 'Y'), false) AS cse,
              COALESCE(bool_or(domestic_abuse = 'Y'), false) AS domestic_abuse
       FROM referrals WHERE victim_id = f.id
     ) r
     ORDER BY lower(f.surname), lower(f.forename), f.date_of_birth NULLS LAST, f.id`,
    [...found.params, limit],
  )
  return camelRows<VictimSearchRow>(rows)
}
