// From a stored referral (or a generated feed record, in the benchmark) to the facts the pure triage
// rules take. Kept apart from the database so the benchmark and the service triage alike.
import { londonDate } from '../calendar/working-days.ts'
import { ageOn } from '../entitlements/age.ts'
import type { CrimeCategory, Flag } from '../entitlements/codes.ts'
import type { NeedsSectionId } from './assessment-forms.ts'
import type { Grade, NeedLevel } from './levels.ts'
import type { PathwayId } from './pathways.ts'
import type { RoutingFacts } from './routing.ts'
import { type ThriveAssessment, thrivePriority } from './thrive.ts'

export interface TriageInput {
  readonly crimeCategory: CrimeCategory
  readonly domesticAbuse: Flag
  readonly hateCrime: Flag
  readonly cse: Flag
  readonly cyber: Flag
  readonly rural: Flag
  readonly enhanced: boolean
  /** accepted referrals for this victim in the 12 months to this one, this one included (intake's repeat_count) */
  readonly repeatCount: number
  readonly dateOfBirth: string | null
  readonly under18: boolean
  /** ISO instant */
  readonly reportedAt: string
  readonly town: string | null
  readonly policeThrive: ThriveAssessment
  readonly hubThrive?: ThriveAssessment | null
  readonly victimChoice?: { readonly pathway: PathwayId | null; readonly outOfArea: boolean } | null
  readonly needs?: Readonly<Partial<Record<NeedsSectionId, NeedLevel>>> | null
  readonly riskLevel?: 'standard' | 'medium' | 'high' | null
  readonly needsLevel?: NeedLevel | null
}

/**
 * Age for routing. With no date of birth but another sign the victim is a child (vulnerability reason
 * under_18, or a parent or guardian acting for them) the age is taken as 17: under 18, exact age
 * unknown, so the young victims' route still applies (rule decided, ADR 0010).
 */
export function routingAge(
  input: Pick<TriageInput, 'dateOfBirth' | 'under18' | 'reportedAt'>,
): number | null {
  if (input.dateOfBirth) return ageOn(input.dateOfBirth, londonDate(input.reportedAt))
  return input.under18 ? 17 : null
}

export function routingFacts(input: TriageInput): RoutingFacts {
  return {
    crimeCategory: input.crimeCategory,
    flags: {
      domesticAbuse: input.domesticAbuse === 'Y',
      hateCrime: input.hateCrime === 'Y',
      cse: input.cse === 'Y',
      cyber: input.cyber === 'Y',
      rural: input.rural === 'Y',
      enhanced: input.enhanced,
      // Victimised at least twice in 12 months, the needs assessment's repeat-victim measure.
      repeatVictim: input.repeatCount >= 2,
    },
    age: routingAge(input),
    needs: input.needs ?? undefined,
    // Area: the victim's town until the hub has a postcode-to-district lookup (ADR 0010).
    district: input.town,
    victimChoice: input.victimChoice ?? undefined,
  }
}

const UTC_ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}):\d{2}:\d{2}(?:\.\d+)?Z$/

/**
 * The London date of an ISO instant. London is UTC or UTC+1, so before 23:00 UTC the London date is the
 * UTC date; only the last hour needs the time-zone rules. Saves a time-zone conversion per referral.
 */
export function fastLondonDate(iso: string): string {
  const m = UTC_ISO.exec(iso)
  if (m && Number(m[2]) < 23) return m[1] as string
  return londonDate(iso)
}

const RANK: Readonly<Record<string, number>> = { none: 0, standard: 0, low: 1, medium: 2, high: 3 }

/**
 * The queue's risk order (rule decided, ADR 0010): the highest of THRIVE priority (the hub's re-grade
 * if there is one, else the police grading), the domestic abuse checklist level and the needs
 * assessment's overall level. 3 high, 2 medium, 1 low, 0 unknown.
 */
export function priorityOf(input: TriageInput): { thrive: Grade | null; rank: number } {
  const thrive = thrivePriority(input.hubThrive ?? input.policeThrive).priority
  const rank = Math.max(
    thrive ? (RANK[thrive] ?? 0) : 0,
    input.riskLevel ? (RANK[input.riskLevel] ?? 0) : 0,
    input.needsLevel ? (RANK[input.needsLevel] ?? 0) : 0,
  )
  return { thrive, rank }
}
