// Decides, without any I/O, what the spec's "Edge rules" say about one record on its own:
// consent refused, or the full list of quarantine reasons plus warnings. Resends and duplicates
// need the database and are decided by the intake service (with fingerprint.ts).
import { assessChannels, type ChannelAssessment } from './channels.ts'
import { isIsoUtcMillis, isoString, londonDate } from './dates.ts'
import {
  type FeedFieldName,
  feedFieldIndex,
  fieldSpec,
  type ReasonCode,
  SEXUAL_OFFENCE_CATEGORIES,
} from './fields.ts'
import { fingerprintSplitRecord } from './fingerprint.ts'
import {
  type NormalisedReferral,
  type NormaliseResult,
  normaliseSplitRecord,
  readText,
  splitRecord,
} from './normalise.ts'

/** Slack allowed for a sender's clock running ahead of the hub's. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000
export const MAX_AGE_YEARS = 120
export const ADULT_AGE_YEARS = 18

export interface AssessOptions {
  /** The hub's clock when the record arrived. */
  readonly now: Date | number | string
}

export type Under18Basis = 'date_of_birth' | 'vulnerability_reasons' | 'parent_guardian'
export type ExplicitConsentBasis = 'sexual_offence' | 'domestic_abuse' | 'bereaved_relative' | 'under_18'

export interface RecordFacts {
  /** Europe/London calendar date of `reported_at`, when it is a usable date-time. */
  readonly reportedDate: string | null
  readonly under18: boolean
  readonly under18Because: readonly Under18Basis[]
  readonly explicitConsentRequired: boolean
  readonly explicitConsentBecause: readonly ExplicitConsentBasis[]
  readonly channels: ChannelAssessment
}

interface AssessmentBase {
  /** Typed values; values that drew a warning or were in the future are null (not used). */
  readonly record: NormalisedReferral
  readonly extras: Record<string, unknown>
  /** Problems that do not stop the record, counted by the data quality report. */
  readonly warnings: readonly ReasonCode[]
  /** Quarantine reasons: every one that applies when quarantined, otherwise empty. */
  readonly reasons: readonly ReasonCode[]
  readonly facts: RecordFacts
}
export interface ConsentRefused extends AssessmentBase {
  readonly outcome: 'consent_refused'
}
export interface Quarantined extends AssessmentBase {
  readonly outcome: 'quarantined'
}
export interface Passed extends AssessmentBase {
  /** Passed the record checks: accepted unless the database shows a resend or duplicate. */
  readonly outcome: 'passed'
}
export type Assessment = ConsentRefused | Quarantined | Passed
export type AssessmentOutcome = Assessment['outcome']

function toMillis(now: Date | number | string): number {
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now)
  if (!Number.isFinite(ms)) throw new TypeError('assessRecord: `now` is not a valid time')
  return ms
}

const addYears = (isoDate: string, years: number): string =>
  `${String(Number(isoDate.slice(0, 4)) + years).padStart(4, '0')}${isoDate.slice(4)}`

/**
 * Under 18 on `onDate`. Dates compare as text, so a 29 February birthday turns 18 on 1 March in a
 * common year: the cautious reading, since being under 18 adds protection.
 */
export function isUnder18On(dateOfBirth: string, onDate: string): boolean {
  return onDate < addYears(dateOfBirth, ADULT_AGE_YEARS)
}

/** After the reference date, or more than 120 years before it. */
export function isImplausibleDateOfBirth(dateOfBirth: string, onDate: string): boolean {
  return dateOfBirth > onDate || dateOfBirth < addYears(onDate, -MAX_AGE_YEARS)
}

/** Assess one raw record (CSV row or JSON object). Never throws for any record content. */
export function assessRecord(raw: Record<string, unknown>, options: AssessOptions): Assessment {
  const nowMs = toMillis(options.now)
  return assessNormalised(normaliseSplitRecord(splitRecord(raw ?? {})), nowMs)
}

/** What intake needs from one raw record, reading it once. */
export interface IntakeAssessment {
  /** As `assessRecord` gives it. */
  readonly assessment: Assessment
  /** As `fingerprint` gives it. */
  readonly fingerprint: string
  /** The trimmed `referral_id` as received, null when blank or unreadable (even if the record is quarantined). */
  readonly referralId: string | null
}

const REFERRAL_ID_INDEX = feedFieldIndex('referral_id') as number

/**
 * `assessRecord`, `fingerprint` and the received referral_id of one raw record, splitting it into
 * fields once rather than three times. Throws only for an invalid `now`, as `assessRecord` does.
 */
export function assessForIntake(raw: Record<string, unknown>, options: AssessOptions): IntakeAssessment {
  const nowMs = toMillis(options.now)
  const split = splitRecord(raw ?? {})
  return {
    assessment: assessNormalised(normaliseSplitRecord(split), nowMs),
    fingerprint: fingerprintSplitRecord(split),
    referralId: readText(split.values[REFERRAL_ID_INDEX]).text,
  }
}

// Normalised date-times of four-digit years sort as text in time order, so each is compared with the
// latest allowed instant as text rather than parsed back; that limit is the same for a whole chunk.
let latestAllowedMs = Number.NaN
let latestAllowedIso: string | null = null
/** The furthest a Date reaches either side of 1970. */
const LATEST_DATE_MS = 8.64e15

function isInFuture(iso: string | null, nowMs: number): boolean {
  if (iso === null) return false
  const limitMs = nowMs + FUTURE_TOLERANCE_MS
  if (limitMs !== latestAllowedMs) {
    latestAllowedMs = limitMs
    const limitIso =
      Number.isInteger(limitMs) && Math.abs(limitMs) <= LATEST_DATE_MS ? isoString(limitMs) : ''
    latestAllowedIso = isIsoUtcMillis(limitIso) ? limitIso : null
  }
  if (latestAllowedIso !== null && isIsoUtcMillis(iso)) return iso > latestAllowedIso
  return Date.parse(iso) > limitMs
}

// `normalised` is the caller's own fresh result, so its record is changed in place.
function assessNormalised(normalised: NormaliseResult, nowMs: number): Assessment {
  const { record, problems, extras } = normalised
  const reasons: ReasonCode[] = []
  const warnings: ReasonCode[] = []

  for (const p of problems) {
    const required = fieldSpec(p.field)?.required === true
    if (p.kind === 'missing') reasons.push(`missing_field:${p.field}`)
    else if (p.field === 'crime_category') reasons.push('unknown_category')
    else if (required || p.field === 'date_of_birth') reasons.push(`${p.kind}:${p.field}`)
    // The spec names optional failures `invalid_value:<name>`, dates included.
    else warnings.push(`invalid_value:${p.field}`)
  }

  for (const name of ['reported_at', 'sent_at'] as const) {
    if (isInFuture(record[name], nowMs)) reasons.push(`date_in_future:${name}`)
  }
  for (const name of ['crime_recorded_at', 'consent_recorded_at'] as const satisfies FeedFieldName[]) {
    if (isInFuture(record[name], nowMs)) {
      warnings.push(`date_in_future:${name}`)
      record[name] = null
    }
  }
  if (record.sent_at !== null && record.reported_at !== null && record.sent_at < record.reported_at) {
    reasons.push('invalid_value:sent_at')
  }

  const reportedDate = record.reported_at === null ? null : londonDate(record.reported_at)
  // Without a usable reported_at the record is quarantined anyway; today's date still lets the
  // date of birth be judged so the officer sees every problem at once.
  const onDate = reportedDate ?? londonDate(new Date(nowMs).toISOString())
  if (record.date_of_birth !== null && isImplausibleDateOfBirth(record.date_of_birth, onDate)) {
    reasons.push('implausible_date_of_birth')
    record.date_of_birth = null
  }

  const under18Because: Under18Basis[] = []
  if (record.date_of_birth !== null && isUnder18On(record.date_of_birth, onDate)) {
    under18Because.push('date_of_birth')
  }
  if (record.vulnerability_reasons.includes('under_18')) under18Because.push('vulnerability_reasons')
  if (record.victim_type === 'parent_guardian') under18Because.push('parent_guardian')
  const under18 = under18Because.length > 0

  const explicitConsentBecause: ExplicitConsentBasis[] = []
  if (record.crime_category !== null && SEXUAL_OFFENCE_CATEGORIES.includes(record.crime_category)) {
    explicitConsentBecause.push('sexual_offence')
  }
  if (record.domestic_abuse === 'Y') explicitConsentBecause.push('domestic_abuse')
  if (record.victim_type === 'bereaved_relative') explicitConsentBecause.push('bereaved_relative')
  if (under18) explicitConsentBecause.push('under_18')
  const explicitConsentRequired = explicitConsentBecause.length > 0

  const channels = assessChannels(record)
  const facts: RecordFacts = {
    reportedDate,
    under18,
    under18Because,
    explicitConsentRequired,
    explicitConsentBecause,
    channels,
  }

  // The victim said no: that outranks every other finding, however broken the record is.
  if (record.consent_to_refer === 'N') {
    return { outcome: 'consent_refused', record, extras, reasons: [], warnings, facts }
  }

  if (channels.noContactRoute) reasons.push('no_contact_route')
  if (channels.noSafeChannel) reasons.push('no_safe_channel')
  if (explicitConsentRequired && record.consent_to_refer !== 'Y') reasons.push('explicit_consent_required')

  if (reasons.length > 0) return { outcome: 'quarantined', record, extras, reasons, warnings, facts }
  return { outcome: 'passed', record, extras, reasons: [], warnings, facts }
}

/** The fields that would let the hub reach the victim: what a refusal of consent keeps out of storage. */
export const CONTACT_FIELD_NAMES = [
  'address_line1',
  'address_line2',
  'town',
  'postcode',
  'phone_mobile',
  'phone_other',
  'email',
  'preferred_contact',
  'safe_contact_notes',
] as const satisfies readonly FeedFieldName[]

/**
 * The record with every contact detail removed, for storing a consent-refused referral: the spec
 * records it "without contact details being used".
 */
export function redactContactDetails(record: NormalisedReferral): NormalisedReferral {
  const redacted: Record<string, unknown> = { ...record }
  for (const name of CONTACT_FIELD_NAMES) redacted[name] = null
  return redacted as unknown as NormalisedReferral
}
