// The access policy's scope as SQL (domain/victims/access-policy.ts, docs/adr/0025): one predicate every
// repository that reads personal records adds to its WHERE, so lists, counts and pages agree with the policy.
import type { AccessScope, RestrictedScope } from '../domain/victims/access-policy.ts'
import type { RestrictedPathway } from '../domain/victims/restricted.ts'
import { SEXUAL_VIOLENCE_CATEGORIES } from '../domain/victims/restricted.ts'

const literal = (values: readonly string[]) => {
  for (const v of values) if (!/^[a-z_]+$/.test(v)) throw new Error(`Not a category code: ${v}`)
  return `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[]`
}

/** What makes one referral (alias nk) fall under each restricted pathway, as in restrictedPathways. */
const CONDITION: Record<RestrictedPathway, string> = {
  sexual_violence: `nk.crime_category = ANY(${literal(SEXUAL_VIOLENCE_CATEGORIES)})`,
  child_sexual_exploitation: `nk.cse = 'Y'`,
  domestic_abuse: `nk.domestic_abuse = 'Y'`,
}

const anyReferral = (victimId: string, pathways: readonly RestrictedPathway[]) =>
  `EXISTS (SELECT 1 FROM referrals nk WHERE nk.victim_id = ${victimId} AND (${pathways.map((p) => CONDITION[p]).join(' OR ')}))`

const byHand = (victimId: string) =>
  `coalesce((SELECT nv.restricted_by_hand FROM victims nv WHERE nv.id = ${victimId}), false)`

const ALL = Object.keys(CONDITION) as RestrictedPathway[]

/** Whether the victim `victimId` (an SQL expression for a root victim's id) is a restricted record. */
export const victimRestrictedSql = (victimId: string): string =>
  `(${byHand(victimId)} OR ${anyReferral(victimId, ALL)})`

/** The restricted pathways the victim's referrals fall under, as a text[]. */
export const victimPathwaysSql = (victimId: string): string =>
  `ARRAY(SELECT p FROM unnest(ARRAY[${ALL.map((p) => `CASE WHEN ${anyReferral(victimId, [p])} THEN '${p}' END`).join(', ')}]) p WHERE p IS NOT NULL)`

/** Whether the restricted scope reaches the victim: true for an unrestricted victim (reachesRestriction). */
export function reachesVictimSql(scope: RestrictedScope, victimId: string): string {
  if (scope.kind === 'every') return 'true'
  if (scope.kind === 'none') return `NOT ${victimRestrictedSql(victimId)}`
  // One probe of the victim's referrals: among its restricted ones (if any), is one on our pathways?
  const ours = scope.pathways.map((p) => CONDITION[p]).join(' OR ')
  const any = ALL.map((p) => CONDITION[p]).join(' OR ')
  return `(NOT ${byHand(victimId)} AND coalesce((SELECT bool_or(${ours}) FROM referrals nk WHERE nk.victim_id = ${victimId} AND (${any})), true))`
}

/**
 * Whether the scope reaches a referral (and its triage, assessments and tasks): its victim's restriction,
 * and for a specialist worker the referral's routed pathway (`routedPathway`, an SQL expression).
 * `params` is the statement's parameter list; the predicate may add to it.
 */
export function referralVisibleSql(
  scope: AccessScope,
  victimId: string,
  routedPathway: string,
  params: unknown[],
): string {
  const parts = [reachesVictimSql(scope.restricted, victimId)]
  if (scope.routedTo !== undefined) {
    if (scope.routedTo === null) return 'false'
    params.push(scope.routedTo)
    parts.push(`${routedPathway} = $${params.length}`)
  }
  return parts.join(' AND ')
}
