// The organisations the hub works with (the commissioner, the hub and specialist providers, police
// forces, partner agencies) and their teams: the one place they are read and written. A name is found
// by the domain's one rule (domain/organisations/names.ts), whoever asks.
import type { Queryable } from '../db/transaction.ts'
import { findByName } from '../domain/organisations/names.ts'
import { selectRows } from './rows.ts'

export type OrganisationKind =
  | 'commissioner'
  | 'hub_provider'
  | 'specialist_provider'
  | 'police'
  | 'partner_agency'

export interface Organisation {
  id: string
  name: string
  kind: OrganisationKind
  /** A police force's code, as its feed records carry it; null for every other kind. */
  forceCode: string | null
}

export interface TeamSummary {
  id: string
  name: string
  organisationName: string
  pathway: string | null
}

/** Every organisation, by name; there are tens, not thousands. */
export const listOrganisations = (db: Queryable): Promise<Organisation[]> =>
  selectRows<Organisation>(db, 'SELECT id, name, kind, force_code FROM organisations ORDER BY name, id')

export async function findOrganisation(db: Queryable, id: string): Promise<Organisation | undefined> {
  const rows = await selectRows<Organisation>(
    db,
    'SELECT id, name, kind, force_code FROM organisations WHERE id = $1',
    [id],
  )
  return rows[0]
}

/** A new organisation; the caller has checked the name and force code are free (the indexes make sure). */
export async function insertOrganisation(
  db: Queryable,
  organisation: { name: string; kind: OrganisationKind; forceCode: string | null },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO organisations (name, kind, force_code) VALUES ($1, $2, $3) RETURNING id',
    [organisation.name, organisation.kind, organisation.forceCode],
  )
  return (rows[0] as { id: string }).id
}

export async function findOrganisationByName(db: Queryable, name: string): Promise<Organisation | undefined> {
  return findByName(await listOrganisations(db), name)
}

export async function upsertOrganisation(
  db: Queryable,
  name: string,
  kind: OrganisationKind,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO organisations (name, kind) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind RETURNING id`,
    [name, kind],
  )
  return (rows[0] as { id: string }).id
}

export async function upsertTeam(
  db: Queryable,
  organisationId: string,
  name: string,
  pathway: string | null,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO teams (organisation_id, name, pathway) VALUES ($1, $2, $3)
     ON CONFLICT (organisation_id, name) DO UPDATE SET pathway = EXCLUDED.pathway RETURNING id`,
    [organisationId, name, pathway],
  )
  return (rows[0] as { id: string }).id
}

export const listTeams = (db: Queryable) =>
  selectRows<TeamSummary>(
    db,
    `SELECT t.id, t.name, o.name AS organisation_name, t.pathway
     FROM teams t JOIN organisations o ON o.id = t.organisation_id
     ORDER BY o.name, t.name`,
  )

export async function findTeamByName(db: Queryable, name: string): Promise<TeamSummary | undefined> {
  return findByName(await listTeams(db), name)
}
