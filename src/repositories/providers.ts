import type { Queryable } from '../db/transaction.ts'
import type { Pathway, Provider } from '../domain/triage/pathways.ts'
import { selectRow, selectRows } from './rows.ts'

export type StoredProvider = Provider & {
  expectedWaitDays: number | null
  teamId: string | null
  teamName: string | null
  updatedAt: Date
  updatedByLabel: string | null
}

/** Inserts the seeded pathways and providers that are not there yet; never overwrites an edit. */
export async function seedDirectory(
  db: Queryable,
  pathways: readonly Pathway[],
  providers: readonly Provider[],
): Promise<void> {
  await db.query(
    `INSERT INTO pathways (id, name, description, default_offer, time_limited, out_of_area_option, restricted)
     SELECT id, name, description, default_offer, time_limited, out_of_area_option, restricted
     FROM jsonb_to_recordset($1::jsonb) AS p(id text, name text, description text, default_offer text,
       time_limited boolean, out_of_area_option boolean, restricted boolean)
     ON CONFLICT (id) DO NOTHING`,
    [
      JSON.stringify(
        pathways.map((p) => ({
          id: p.id,
          name: p.name,
          description: p.description,
          default_offer: p.defaultOffer,
          time_limited: p.timeLimited,
          out_of_area_option: p.outOfAreaOption,
          restricted: p.restricted,
        })),
      ),
    ],
  )
  await db.query(
    `INSERT INTO providers (id, name, pathway_id, monthly_referral_capacity, active_case_capacity, out_of_area,
       updated_by_label)
     SELECT id, name, pathway_id, monthly, active, out_of_area, 'seed'
     FROM jsonb_to_recordset($1::jsonb) AS p(id text, name text, pathway_id text, monthly integer,
       active integer, out_of_area boolean)
     ON CONFLICT (id) DO NOTHING`,
    [
      JSON.stringify(
        providers.map((p) => ({
          id: p.id,
          name: p.name,
          pathway_id: p.pathway,
          monthly: p.monthlyReferralCapacity,
          active: p.activeCaseCapacity,
          out_of_area: p.outOfArea,
        })),
      ),
    ],
  )
}

/**
 * Links in-county providers with no team to the team that works their pathway, when exactly one team
 * does: the demo county has one team per specialist pathway.
 */
export async function linkProvidersToTeams(db: Queryable): Promise<void> {
  await db.query(
    `UPDATE providers p SET team_id = t.id
     FROM (SELECT pathway, min(id::text)::uuid AS id FROM teams WHERE pathway IS NOT NULL
           GROUP BY pathway HAVING count(*) = 1) t
     WHERE p.team_id IS NULL AND NOT p.out_of_area AND t.pathway = p.pathway_id`,
  )
}

export const listPathways = (db: Queryable) =>
  selectRows<Pathway>(
    db,
    `SELECT id, name, description, default_offer, time_limited, out_of_area_option, restricted
     FROM pathways ORDER BY id`,
  )

const SELECT_PROVIDER = `SELECT p.id, p.name, p.pathway_id AS pathway, p.monthly_referral_capacity,
  p.active_case_capacity, p.out_of_area, p.expected_wait_days, p.team_id, t.name AS team_name, p.updated_at,
  p.updated_by_label
  FROM providers p LEFT JOIN teams t ON t.id = p.team_id`

export const listProviders = (db: Queryable) =>
  selectRows<StoredProvider>(
    db,
    `${SELECT_PROVIDER} WHERE p.routable ORDER BY p.pathway_id, p.out_of_area, p.name`,
  )

export const findProvider = (db: Queryable, id: string) =>
  selectRow<StoredProvider>(db, `${SELECT_PROVIDER} WHERE p.id = $1`, [id])

export async function updateProviderCapacity(
  db: Queryable,
  id: string,
  values: { monthlyReferralCapacity: number; activeCaseCapacity: number; expectedWaitDays: number | null },
  byLabel: string,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE providers SET monthly_referral_capacity = $2, active_case_capacity = $3, expected_wait_days = $4,
       updated_at = now(), updated_by_label = $5 WHERE id = $1`,
    [id, values.monthlyReferralCapacity, values.activeCaseCapacity, values.expectedWaitDays, byLabel],
  )
  return (result.rowCount ?? 0) > 0
}

/**
 * Open routed referrals received since an instant, per provider, for the capacity ledger: the
 * received_at of each, in order.
 */
export async function openRoutedSince(
  db: Queryable,
  since: Date,
): Promise<{ referralId: string; providerId: string; receivedMs: number }[]> {
  const { rows } = await db.query<{ referral_id: string; provider_id: string; ms: number }>(
    `SELECT referral_id, provider_id, (extract(epoch FROM received_at) * 1000)::float8 AS ms FROM triage
     WHERE provider_id IS NOT NULL AND closed_at IS NULL AND received_at >= $1 ORDER BY received_at`,
    [since],
  )
  return rows.map((r) => ({ referralId: r.referral_id, providerId: r.provider_id, receivedMs: r.ms }))
}
