// Need to know (DESIGN.md): a victim of sexual violence, child sexual exploitation or domestic abuse is
// a restricted record, visible only to the teams working such cases. Which facts make a record
// restricted; who may see it is decided by access-policy.ts.
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

/** Crime categories that make a victim a sexual violence record. */
export const SEXUAL_VIOLENCE_CATEGORIES: readonly string[] = ['rape', 'sexual_offence_other']
const SEXUAL_CATEGORIES = new Set(SEXUAL_VIOLENCE_CATEGORIES)

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
