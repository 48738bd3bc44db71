/** Staff roles. Each route lists the roles that may use it (src/web/access.ts). */
export const ROLES = [
  'administrator',
  'team_manager',
  'hub_caseworker',
  'specialist_worker',
  'data_quality_officer',
  'police_referrer',
  'commissioner',
] as const

export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  team_manager: 'Team manager',
  hub_caseworker: 'Hub caseworker',
  specialist_worker: 'Specialist worker',
  data_quality_officer: 'Data quality officer',
  police_referrer: 'Police referrer',
  commissioner: 'Commissioner',
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value)

/** Administrators hold the keys to everything, so a second factor is not optional for them. */
export const roleRequiresSecondFactor = (role: Role): boolean => role === 'administrator'

/** Caseworking roles: the people who may see a victim's details when their team works the case. */
export const CASEWORK_ROLES: readonly Role[] = ['team_manager', 'hub_caseworker', 'specialist_worker']
