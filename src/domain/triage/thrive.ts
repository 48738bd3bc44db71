// THRIVE (Threat, Harm, Risk, Investigation, Vulnerability, Engagement) as police send it in the
// referral feed. Four elements are graded low/medium/high; Investigation and Engagement are free text
// and do not grade.
//
// Overall priority rule (the sources give none; forces grade calls, not victims): the highest grade
// of the four graded elements. Any high -> high, else any medium -> medium, else low. An element not
// given does not lower the priority; if none is given the priority is unknown (null) and the hub's own
// needs assessment has to decide. Taking the maximum rather than an average means one serious element
// is never diluted by others, matching the "other factors may increase risk but not reduce it" stance
// in domestic abuse risk practice.
import { GRADES, type Grade } from './levels.ts'

export const THRIVE_GRADED_ELEMENTS = ['threat', 'harm', 'risk', 'vulnerability'] as const
export type ThriveGradedElement = (typeof THRIVE_GRADED_ELEMENTS)[number]

export interface ThriveAssessment {
  readonly threat?: Grade | null
  readonly harm?: Grade | null
  readonly risk?: Grade | null
  readonly vulnerability?: Grade | null
  readonly investigation?: string | null
  readonly engagement?: string | null
}

export interface ThrivePriority {
  readonly priority: Grade | null
  /** the elements graded at the priority level, to explain it */
  readonly drivenBy: ThriveGradedElement[]
  /** graded elements the referral left blank */
  readonly missing: ThriveGradedElement[]
}

/** Reads a feed value: low/medium/high in any case, blank as not given. Throws on anything else. */
export function parseGrade(value: string | null | undefined): Grade | null {
  if (value == null || value.trim() === '') return null
  const grade = value.trim().toLowerCase()
  if ((GRADES as readonly string[]).includes(grade)) return grade as Grade
  throw new RangeError(`not a THRIVE grade (low, medium, high): ${value}`)
}

export function thrivePriority(assessment: ThriveAssessment): ThrivePriority {
  const graded = THRIVE_GRADED_ELEMENTS.flatMap((element) => {
    const grade = assessment[element]
    return grade ? [{ element, grade }] : []
  })
  const missing = THRIVE_GRADED_ELEMENTS.filter((element) => !assessment[element])
  if (graded.length === 0) return { priority: null, drivenBy: [], missing }
  const rank = (grade: Grade) => GRADES.indexOf(grade)
  const priority = graded.reduce<Grade>((best, { grade }) => (rank(grade) > rank(best) ? grade : best), 'low')
  return {
    priority,
    drivenBy: graded.filter(({ grade }) => grade === priority).map(({ element }) => element),
    missing,
  }
}
