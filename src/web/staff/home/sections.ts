import type { Role } from '../../../domain/staff/roles.ts'
import { type Access, allows } from '../../access.ts'

export type Section = { title: string; description: string; href: string; roles: readonly Role[] }

/**
 * The one list of what the staff home page offers, and who it is for. A section is shown only when a
 * page answers at its address and that page's own `config.access` lets the person's role in: a section
 * whose journey is not built yet (My cases, Referrals to my service, Performance) is declared here and
 * appears by itself on the day its routes are registered, and nothing on the home page links to a page
 * that answers 404 or 403 (ADR 0048).
 */
export const SECTIONS: readonly Section[] = [
  {
    title: 'First contact queue',
    description: 'New referrals ordered by deadline and risk, with time left to first contact.',
    href: '/staff/queue',
    roles: ['team_manager', 'hub_caseworker'],
  },
  {
    title: 'Caseloads',
    description: 'Each worker’s victims and referrals awaiting contact, to share the work out.',
    href: '/staff/queue/caseloads',
    roles: ['team_manager'],
  },
  {
    title: 'My cases',
    description: 'Victims you are the lead worker for: contacts, support plans, referrals on.',
    href: '/staff/cases',
    roles: ['team_manager', 'hub_caseworker', 'specialist_worker'],
  },
  {
    title: 'Referrals to my service',
    description: 'Referrals from the hub for your service to accept or decline.',
    href: '/staff/service-referrals',
    roles: ['team_manager', 'specialist_worker'],
  },
  {
    title: 'Data quality queue',
    description: 'Quarantined police and partner referrals to correct, release or reject.',
    href: '/staff/data-quality',
    roles: ['data_quality_officer', 'team_manager'],
  },
  {
    title: 'Find a victim',
    description: 'Search by name, date of birth, phone number, email, crime reference or referral ID.',
    href: '/staff/victims/search',
    roles: ['team_manager', 'hub_caseworker', 'data_quality_officer'],
  },
  {
    title: 'Victims and possible matches',
    description: 'Referrals that may be someone the hub already knows: merge or keep separate.',
    href: '/staff/victims',
    roles: ['team_manager', 'hub_caseworker', 'data_quality_officer'],
  },
  {
    title: 'Refer a victim',
    description: 'Send a referral to the hub for someone you work with.',
    href: '/staff/refer',
    roles: ['police_referrer', 'hub_caseworker', 'team_manager'],
  },
  {
    title: 'Needs assessment',
    description: 'Crime, victims and demand for support from police data, with forecasts and scenarios.',
    href: '/staff/needs-assessment',
    roles: ['commissioner', 'administrator', 'team_manager'],
  },
  {
    title: 'Performance and Victims’ Code compliance',
    description: 'Deadlines met, outcomes, demand and capacity, without names.',
    href: '/staff/performance',
    roles: ['commissioner', 'team_manager', 'administrator'],
  },
  {
    title: 'Routing rules and services',
    description: 'Which pathway each referral takes, and each service’s capacity.',
    href: '/staff/routing',
    roles: ['administrator'],
  },
  {
    title: 'Users and teams',
    description: 'Staff accounts, roles and teams.',
    href: '/staff/users',
    roles: ['administrator'],
  },
  {
    title: 'Organisations',
    description: 'Police forces (with their force codes) and partner agencies that send referrals.',
    href: '/staff/organisations',
    roles: ['administrator'],
  },
  {
    title: 'Audit log',
    description: 'Who did what and when, and whether the log is intact.',
    href: '/staff/audit',
    roles: ['administrator'],
  },
]

/** The sections a role is offered: declared for it, with a page that exists and lets it in. */
export const sectionsFor = (role: Role, pages: ReadonlyMap<string, Access>) =>
  SECTIONS.filter((s) => {
    const access = pages.get(s.href)
    return s.roles.includes(role) && access !== undefined && allows(access, role)
  })
