import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import type { Role } from '../domain/staff/roles.ts'
import { type OrganisationKind, upsertOrganisation, upsertTeam } from '../repositories/organisations.ts'
import { countUsers } from '../repositories/staff.ts'
import type { AccountsService } from '../services/accounts.ts'
import { SYSTEM_ACTOR } from '../services/audit.ts'

type DemoOrganisation = {
  name: string
  kind: OrganisationKind
  teams: { name: string; pathway: string | null }[]
}

/** The demo county's services, after the local services in the county's needs assessment. */
export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    name: 'Office of the Police and Crime Commissioner',
    kind: 'commissioner',
    teams: [{ name: 'Commissioning', pathway: null }],
  },
  {
    name: 'Victim Hub Services',
    kind: 'hub_provider',
    teams: [
      { name: 'First contact', pathway: 'general_support' },
      { name: 'Data quality', pathway: null },
      { name: 'Hub administration', pathway: null },
    ],
  },
  {
    name: 'Sexual Violence Support Service',
    kind: 'specialist_provider',
    teams: [{ name: 'ISVA team', pathway: 'sexual_violence' }],
  },
  {
    name: 'Child Exploitation Service',
    kind: 'specialist_provider',
    teams: [{ name: 'CSE team', pathway: 'child_sexual_exploitation' }],
  },
  {
    name: 'Domestic Abuse Service',
    kind: 'specialist_provider',
    teams: [{ name: 'IDVA team', pathway: 'domestic_abuse' }],
  },
  {
    name: 'Hate Crime Support',
    kind: 'specialist_provider',
    teams: [{ name: 'Hate crime caseworkers', pathway: 'hate_crime' }],
  },
  {
    name: 'Road Trauma Support',
    kind: 'specialist_provider',
    teams: [{ name: 'Road trauma team', pathway: 'road_trauma' }],
  },
  {
    name: 'County Cyber Crime Team',
    kind: 'specialist_provider',
    teams: [{ name: 'Cyber advisers', pathway: 'cyber_crime' }],
  },
  { name: 'County Police', kind: 'police', teams: [{ name: 'Victim and witness unit', pathway: null }] },
  { name: 'County NHS Trust', kind: 'partner_agency', teams: [{ name: 'Safeguarding', pathway: null }] },
]

const DEMO_USERS: readonly { role: Role; name: string; email: string; team: string }[] = [
  { role: 'administrator', name: 'Alex Admin', email: 'admin@hub.example', team: 'Hub administration' },
  { role: 'team_manager', name: 'Morgan Manager', email: 'manager@hub.example', team: 'First contact' },
  {
    role: 'hub_caseworker',
    name: 'Casey Caseworker',
    email: 'caseworker@hub.example',
    team: 'First contact',
  },
  { role: 'specialist_worker', name: 'Sam Specialist', email: 'isva@hub.example', team: 'ISVA team' },
  {
    role: 'data_quality_officer',
    name: 'Dana Quality',
    email: 'dataquality@hub.example',
    team: 'Data quality',
  },
  {
    role: 'police_referrer',
    name: 'PC Pat Referrer',
    email: 'police@hub.example',
    team: 'Victim and witness unit',
  },
  {
    role: 'commissioner',
    name: 'Chris Commissioner',
    email: 'commissioner@hub.example',
    team: 'Commissioning',
  },
]

export type DemoCredential = { role: Role; email: string; password: string }

/** Passwords are made fresh for each demo county and shown once; none is written in the code. */
const newPassword = () => randomBytes(12).toString('base64url')

export async function createDemoOrganisations(pool: pg.Pool): Promise<void> {
  for (const organisation of DEMO_ORGANISATIONS) {
    const organisationId = await upsertOrganisation(pool, organisation.name, organisation.kind)
    for (const team of organisation.teams) await upsertTeam(pool, organisationId, team.name, team.pathway)
  }
}

/** Creates the demo county's organisations, teams and one user per role; only into an empty database. */
export async function createDemoCounty(
  pool: pg.Pool,
  accounts: AccountsService,
): Promise<DemoCredential[] | undefined> {
  if ((await countUsers(pool)) > 0) return undefined
  await createDemoOrganisations(pool)
  const credentials: DemoCredential[] = []
  for (const user of DEMO_USERS) {
    const password = newPassword()
    await accounts.createUser(
      { email: user.email, displayName: user.name, role: user.role, teamName: user.team, password },
      SYSTEM_ACTOR,
    )
    credentials.push({ role: user.role, email: user.email, password })
  }
  return credentials
}
