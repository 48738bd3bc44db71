// Need to know (DESIGN.md): a victim of sexual violence, child sexual exploitation or domestic abuse is
// a restricted record, visible only to the teams working such cases. Pure rules; the web layer asks
// them before showing details and audits every view of a restricted record.
import type { Role } from '../staff/roles.ts'
import type { PathwayId } from '../triage/pathways.ts'

export type RestrictedPathway = Extract<
  PathwayId,
  'sexual_violence' | 'child_sexual_exploitation' | 'domestic_abuse'
>

/** What the victim's accepted referrals say, summed over all of them. */
export interface RestrictionFacts {
  readonly categories: readonly string[]
  /** Any referral with `cse=Y`. */
  readonly cse: boolean
  /** Any referral with `domestic_abuse=Y`. */
  readonly domesticAbuse: boolean
}

const SEXUAL_CATEGORIES = new Set(['rape', 'sexual_offence_other'])

/** The restricted pathways a victim's referrals fall under; empty means the record is not restricted. */
export function restrictedPathways(facts: RestrictionFacts): RestrictedPathway[] {
  const out: RestrictedPathway[] = []
  if (facts.categories.some((c) => SEXUAL_CATEGORIES.has(c))) out.push('sexual_violence')
  if (facts.cse) out.push('child_sexual_exploitation')
  if (facts.domesticAbuse) out.push('domestic_abuse')
  return out
}

/**
 * The first-contact team assesses every victim before anyone else, so it works every pathway; its
 * teams are marked with the general support pathway.
 */
export const FIRST_CONTACT_PATHWAY: PathwayId = 'general_support'

const CASEWORKING: readonly Role[] = ['team_manager', 'hub_caseworker', 'specialist_worker']

export interface Viewer {
  readonly role: Role
  readonly teamPathway: string | null
}

/**
 * Whether a viewer may see a restricted victim's details: a caseworking role in the first-contact team,
 * or in a specialist team whose pathway is one of the victim's. Everyone else (data quality officers,
 * police, commissioners, administrators) sees that the record exists, not who it is.
 */
export function mayViewRestricted(viewer: Viewer, pathways: readonly RestrictedPathway[]): boolean {
  if (pathways.length === 0) return true
  if (!CASEWORKING.includes(viewer.role) || viewer.teamPathway === null) return false
  if (viewer.teamPathway === FIRST_CONTACT_PATHWAY) return true
  return pathways.some((p) => p === viewer.teamPathway)
}
