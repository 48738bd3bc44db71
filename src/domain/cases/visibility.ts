// Need to know on cases: a case carries the restricted pathways of the victim's referrals, and only
// the teams working those pathways see it (the rule of domain/victims/restricted.ts). The repository
// filters by the list this returns, so the database never hands a restricted case to anyone else.
import { mayViewRestricted, type RestrictedPathway, type Viewer } from '../victims/restricted.ts'

export const RESTRICTED_PATHWAYS: readonly RestrictedPathway[] = [
  'sexual_violence',
  'child_sexual_exploitation',
  'domestic_abuse',
]

/** The restricted pathways whose cases this viewer may see; a case with none is visible to all. */
export function restrictedPathwaysVisibleTo(viewer: Viewer): RestrictedPathway[] {
  return RESTRICTED_PATHWAYS.filter((p) => mayViewRestricted(viewer, [p]))
}

/** Whether a case with these restricted pathways is visible to the viewer (the same rule, in memory). */
export function mayViewCase(viewer: Viewer, restricted: readonly string[]): boolean {
  if (restricted.length === 0) return true
  const visible = restrictedPathwaysVisibleTo(viewer) as readonly string[]
  return restricted.some((p) => visible.includes(p))
}
