// One police case event as the "Case events feed" describes it, checked without any I/O: the typed
// event, or every reason it cannot be used. Whether the hub knows the force, already has the event or
// has a referral for the crime needs the database and is decided by decide.ts from what it found.
import { parseDateTime } from '../referral-feed/dates.ts'
import { readTextValue } from '../referral-feed/normalise.ts'

export const CASE_EVENT_TYPES = [
  'suspect_arrested',
  'suspect_interviewed',
  'released_no_further_action',
  'released_on_bail',
  'released_under_investigation',
  'bail_conditions_changed',
  'charged',
  'not_charged',
  'out_of_court_disposal',
  'investigation_closed',
  'first_hearing_set',
  'hearing_outcome',
  'trial_date_set',
  'verdict',
  'sentence',
] as const
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number]

const EVENT_TYPES: ReadonlySet<string> = new Set(CASE_EVENT_TYPES)
export const isCaseEventType = (text: string): text is CaseEventType => EVENT_TYPES.has(text)

export const CASE_EVENT_FIELDS = [
  'event_id',
  'force_code',
  'crime_reference',
  'event_type',
  'occurred_at',
  'sent_at',
  'details',
  'hearing_at',
  'court_name',
] as const
export type CaseEventField = (typeof CASE_EVENT_FIELDS)[number]

/** Longest text kept in one field; a longer one is a sender's fault, not an event. */
export const MAX_FIELD_LENGTH = 2000
/** Slack allowed for a sender's clock running ahead of the hub's. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000

/** A usable case event, every value typed (date-times as ISO 8601 UTC). */
export interface CaseEvent {
  readonly eventId: string
  readonly forceCode: string
  readonly crimeReference: string
  readonly eventType: CaseEventType
  readonly occurredAt: string
  readonly sentAt: string
  readonly details: string | null
  readonly hearingAt: string | null
  readonly courtName: string | null
}

/**
 * Why an event cannot be used. `missing_field:<name>` and `invalid_field:<name>` name the field;
 * `unknown_event_type` is a type the feed does not define; `occurred_in_future` is an event dated later
 * than its arrival; `sent_before_occurred` is a `sent_at` earlier than `occurred_at`.
 */
export type CaseEventReason =
  | `missing_field:${CaseEventField}`
  | `invalid_field:${CaseEventField}`
  | 'unknown_event_type'
  | 'occurred_in_future'
  | 'sent_before_occurred'
  | 'unknown_force'
  | 'unreadable_record'

export type CaseEventCheck =
  | { readonly ok: true; readonly event: CaseEvent }
  | {
      readonly ok: false
      readonly reasons: readonly CaseEventReason[]
      /** What could be read, so a quarantined event can still be found by its id and crime. */
      readonly eventId: string | null
      readonly forceCode: string | null
      readonly crimeReference: string | null
    }

const FORCE_CODE = /^[A-Z0-9_]{2,12}$/
const REQUIRED: readonly CaseEventField[] = [
  'event_id',
  'force_code',
  'crime_reference',
  'event_type',
  'occurred_at',
  'sent_at',
]

/** Checks one event as received (an object of feed fields) against the feed's rules at time `now`. */
export function checkCaseEvent(raw: Record<string, unknown>, now: Date | number): CaseEventCheck {
  const reasons: CaseEventReason[] = []
  const text: Partial<Record<CaseEventField, string>> = {}
  for (const field of CASE_EVENT_FIELDS) {
    const value = readTextValue(raw[field])
    if (value === undefined) reasons.push(`invalid_field:${field}`)
    else if (value === null) {
      if (REQUIRED.includes(field)) reasons.push(`missing_field:${field}`)
    } else if (value.length > MAX_FIELD_LENGTH) reasons.push(`invalid_field:${field}`)
    else text[field] = value
  }
  const nowMs = typeof now === 'number' ? now : now.getTime()

  const forceCode = text.force_code?.toUpperCase()
  if (forceCode !== undefined && !FORCE_CODE.test(forceCode)) reasons.push('invalid_field:force_code')
  const eventType = text.event_type?.toLowerCase()
  if (eventType !== undefined && !isCaseEventType(eventType)) reasons.push('unknown_event_type')

  const dateTime = (field: 'occurred_at' | 'sent_at' | 'hearing_at'): string | null => {
    const value = text[field]
    if (value === undefined) return null
    const parsed = parseDateTime(value)
    if (parsed === null) reasons.push(`invalid_field:${field}`)
    return parsed
  }
  const occurredAt = dateTime('occurred_at')
  const sentAt = dateTime('sent_at')
  const hearingAt = dateTime('hearing_at')
  if (occurredAt !== null && Date.parse(occurredAt) > nowMs + FUTURE_TOLERANCE_MS) {
    reasons.push('occurred_in_future')
  }
  if (occurredAt !== null && sentAt !== null && Date.parse(sentAt) < Date.parse(occurredAt)) {
    reasons.push('sent_before_occurred')
  }

  if (reasons.length > 0) {
    return {
      ok: false,
      reasons,
      eventId: text.event_id ?? null,
      forceCode: forceCode !== undefined && FORCE_CODE.test(forceCode) ? forceCode : null,
      crimeReference: text.crime_reference ?? null,
    }
  }
  return {
    ok: true,
    event: {
      eventId: text.event_id as string,
      forceCode: forceCode as string,
      crimeReference: text.crime_reference as string,
      eventType: eventType as CaseEventType,
      occurredAt: occurredAt as string,
      sentAt: sentAt as string,
      details: text.details ?? null,
      hearingAt,
      courtName: text.court_name ?? null,
    },
  }
}
