// The one access policy (docs/adr/0025-one-access-policy.md): who may see and change which personal
// record, from the viewer's role and team and the record's sensitivity. Pure. Repositories turn the
// viewer's scope into SQL (repositories/need-to-know.ts), so lists, counts and pages agree with it.
import { CASEWORK_ROLES, type Role } from '../staff/roles.ts'
import { FIRST_CONTACT_PATHWAY, type RestrictedPathway, restrictedPathways } from './restricted.ts'

export const RESTRICTED_PATHWAYS: readonly RestrictedPathway[] = [
  'sexual_violence',
  'child_sexual_exploitation',
  'domestic_abuse',
]

export const PERSONAL_RECORD_KINDS = [
  'victim',
  'referral',
  'triage',
  'assessment',
  'task',
  'quarantined_record',
] as const
export type PersonalRecordKind = (typeof PERSONAL_RECORD_KINDS)[number]

/** Why a record is restricted: the restricted pathways its facts fall under, and a hand-set restriction. */
export interface Sensitivity {
  readonly pathways: readonly RestrictedPathway[]
  /** Set by a manager on one victim (a public figure, a member of staff): first contact only. */
  readonly restrictedByHand: boolean
}

export const UNRESTRICTED: Sensitivity = { pathways: [], restrictedByHand: false }

export const isRestricted = (s: Sensitivity): boolean => s.pathways.length > 0 || s.restrictedByHand

export interface AccessViewer {
  readonly role: Role
  /** The pathway of the viewer's team; null for a team with none, or no team. */
  readonly teamPathway: string | null
}

export interface PersonalRecord {
  readonly kind: PersonalRecordKind
  readonly sensitivity: Sensitivity
  /** A referral's (and its triage's, assessments', tasks') routed pathway; null before triage. */
  readonly routedPathway?: string | null
}

/**
 * What a viewer gets of a record: everything, the record with names and contact details withheld (a
 * data quality officer correcting a restricted quarantined record), or nothing. Nothing is shown as
 * absent (404) or, where the record's existence must be known, as a bare "restricted record".
 */
export type Sight = 'full' | 'withheld' | 'none'

/** The restricted records a viewer's team works. */
export type RestrictedScope =
  | { readonly kind: 'every' }
  | { readonly kind: 'pathways'; readonly pathways: readonly RestrictedPathway[] }
  | { readonly kind: 'none' }

/** A viewer's scope: what the repositories filter by in SQL. */
export interface AccessScope {
  readonly restricted: RestrictedScope
  /** Specialist workers see only referrals routed to their team's pathway; undefined: any pathway. */
  readonly routedTo: string | null | undefined
  /** Works the data quality queue: sees a restricted quarantined record withheld rather than not at all. */
  readonly correctsQuarantine: boolean
}

/** Roles that work the data quality queue (web/staff/data-quality/access.ts says the same to the routes). */
export const QUARANTINE_ROLES: readonly Role[] = ['data_quality_officer', 'team_manager']

const isRestrictedPathway = (p: string | null): p is RestrictedPathway =>
  p !== null && (RESTRICTED_PATHWAYS as readonly string[]).includes(p)

export function scopeOf(viewer: AccessViewer): AccessScope {
  const caseworking = CASEWORK_ROLES.includes(viewer.role)
  const restricted: RestrictedScope =
    !caseworking || viewer.teamPathway === null
      ? { kind: 'none' }
      : viewer.teamPathway === FIRST_CONTACT_PATHWAY
        ? { kind: 'every' }
        : isRestrictedPathway(viewer.teamPathway)
          ? { kind: 'pathways', pathways: [viewer.teamPathway] }
          : { kind: 'none' }
  return {
    restricted,
    routedTo: viewer.role === 'specialist_worker' ? viewer.teamPathway : undefined,
    correctsQuarantine: QUARANTINE_ROLES.includes(viewer.role),
  }
}

/** Whether the scope reaches the record's restriction (true for an unrestricted record). */
export function reachesRestriction(scope: RestrictedScope, s: Sensitivity): boolean {
  if (!isRestricted(s)) return true
  if (scope.kind === 'every') return true
  if (scope.kind === 'none' || s.restrictedByHand) return false
  return s.pathways.some((p) => scope.pathways.includes(p))
}

const REFERRAL_KINDS: readonly PersonalRecordKind[] = ['referral', 'triage', 'assessment', 'task']

export function sightWithin(scope: AccessScope, record: PersonalRecord): Sight {
  const reaches = reachesRestriction(scope.restricted, record.sensitivity)
  if (record.kind === 'quarantined_record') {
    if (!scope.correctsQuarantine) return 'none'
    return reaches ? 'full' : 'withheld'
  }
  if (REFERRAL_KINDS.includes(record.kind) && scope.routedTo !== undefined) {
    if (scope.routedTo === null || record.routedPathway !== scope.routedTo) return 'none'
  }
  return reaches ? 'full' : 'none'
}

/** What the viewer gets of the record. */
export const sight = (viewer: AccessViewer, record: PersonalRecord): Sight =>
  sightWithin(scopeOf(viewer), record)

/** May see the record at all (withheld counts). */
export const maySee = (viewer: AccessViewer, record: PersonalRecord): boolean =>
  sight(viewer, record) !== 'none'

/**
 * May change the record: whoever may see it. A withheld quarantined record may be corrected, since
 * correcting the fields that broke it needs none of the withheld ones.
 */
export const mayChange = (viewer: AccessViewer, record: PersonalRecord): boolean => maySee(viewer, record)

/** The fields of a quarantined record withheld from a viewer whose sight is 'withheld'. */
export const WITHHELD_FIELDS: readonly string[] = [
  'title',
  'forename',
  'surname',
  'email',
  'phone_mobile',
  'phone_other',
  'postcode',
  'address_line1',
  'address_line2',
  'town',
]

/** The sensitivity of a set of referrals (a victim's, or one received record's). */
export function sensitivityOf(facts: {
  categories: readonly string[]
  cse: boolean
  domesticAbuse: boolean
  restrictedByHand?: boolean
}): Sensitivity {
  return {
    pathways: restrictedPathways({
      categories: [...facts.categories],
      cse: facts.cse,
      domesticAbuse: facts.domesticAbuse,
    }),
    restrictedByHand: facts.restrictedByHand ?? false,
  }
}

/** A flag in a received record counts as set unless it clearly says no: an unreadable flag restricts. */
const flagSet = (value: unknown): boolean => {
  if (value === undefined || value === null || value === false) return false
  const text = String(value).trim().toUpperCase()
  return !(text === '' || text === 'N' || text === 'NO' || text === 'FALSE')
}

/**
 * The sensitivity of one received (possibly broken) record, read from what was sent: a quarantined
 * record has no victim yet, so its own fields decide. A domestic abuse or CSE flag that cannot be read
 * (`X`, `U`) restricts it, since a record that may be one must be treated as one.
 */
export function receivedRecordSensitivity(raw: Readonly<Record<string, unknown>>): Sensitivity {
  return sensitivityOf({
    categories: typeof raw.crime_category === 'string' ? [raw.crime_category.trim().toLowerCase()] : [],
    cse: flagSet(raw.cse),
    domesticAbuse: flagSet(raw.domestic_abuse),
  })
}

/** The record without the withheld fields, and without anything sent beside the feed's own fields. */
export function withholdFields(
  raw: Readonly<Record<string, unknown>>,
  known: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw))
    if (known.includes(key) && !WITHHELD_FIELDS.includes(key)) out[key] = value
  return out
}
