// What becomes of each case event of a chunk, given what the hub already holds: the one state each
// ends in (every event accounted for), decided without I/O so the rules can be tested on their own.
import { type CaseEvent, type CaseEventReason, checkCaseEvent } from './event.ts'

export type CaseEventState = 'accepted' | 'duplicate' | 'held' | 'quarantined'
export const CASE_EVENT_STATES: readonly CaseEventState[] = ['accepted', 'duplicate', 'held', 'quarantined']

/** What the database says about the events of one chunk. */
export interface CaseEventKnowledge {
  /** Force codes the hub has received referrals from. */
  readonly knownForces: ReadonlySet<string>
  /** `force_code|crime_reference` of crimes with at least one referral. */
  readonly crimesWithReferral: ReadonlySet<string>
  /** Event ids already stored, with the id of the stored event. */
  readonly storedEventIds: ReadonlyMap<string, string>
}

export const crimeKey = (forceCode: string, crimeReference: string) => `${forceCode}|${crimeReference}`

/** An item of a chunk: the event as received, or a line that could not be read as one. */
export type CaseEventInput =
  | { readonly recordNumber: number; readonly raw: Record<string, unknown> }
  | { readonly recordNumber: number; readonly unreadable: string; readonly problem: string }

export interface CaseEventDecision {
  readonly recordNumber: number
  readonly state: CaseEventState
  readonly reasons: readonly CaseEventReason[]
  readonly eventId: string | null
  readonly forceCode: string | null
  readonly crimeReference: string | null
  /** The event to store (accepted or held); null otherwise. */
  readonly event: CaseEvent | null
  /** The stored event a duplicate repeats, or the earlier record of this chunk it repeats. */
  readonly duplicateOf: { readonly storedEventId: string } | { readonly recordNumber: number } | null
}

/**
 * Decides every event of a chunk in order: an unreadable or invalid event is quarantined with all its
 * reasons; one naming a force the hub has never had a referral from is quarantined (`unknown_force`);
 * an event id already stored, or seen earlier in the chunk, is a duplicate and changes nothing; an
 * event for a crime with a referral is accepted (matched), otherwise it is held until one arrives.
 */
export function decideCaseEvents(
  items: readonly CaseEventInput[],
  knowledge: CaseEventKnowledge,
  now: Date | number,
): CaseEventDecision[] {
  const seen = new Map<string, number>()
  return items.map((item): CaseEventDecision => {
    const base = { recordNumber: item.recordNumber, event: null, duplicateOf: null }
    if (!('raw' in item)) {
      return {
        ...base,
        state: 'quarantined',
        reasons: ['unreadable_record'],
        eventId: null,
        forceCode: null,
        crimeReference: null,
      }
    }
    const check = checkCaseEvent(item.raw, now)
    if (!check.ok) {
      return {
        ...base,
        state: 'quarantined',
        reasons: check.reasons,
        eventId: check.eventId,
        forceCode: check.forceCode,
        crimeReference: check.crimeReference,
      }
    }
    const { event } = check
    const found = { eventId: event.eventId, forceCode: event.forceCode, crimeReference: event.crimeReference }
    const stored = knowledge.storedEventIds.get(event.eventId)
    if (stored !== undefined) {
      return { ...base, ...found, state: 'duplicate', reasons: [], duplicateOf: { storedEventId: stored } }
    }
    const earlier = seen.get(event.eventId)
    if (earlier !== undefined) {
      return { ...base, ...found, state: 'duplicate', reasons: [], duplicateOf: { recordNumber: earlier } }
    }
    if (!knowledge.knownForces.has(event.forceCode)) {
      return { ...base, ...found, state: 'quarantined', reasons: ['unknown_force'] }
    }
    seen.set(event.eventId, item.recordNumber)
    const matched = knowledge.crimesWithReferral.has(crimeKey(event.forceCode, event.crimeReference))
    return { ...base, ...found, event, state: matched ? 'accepted' : 'held', reasons: [] }
  })
}

export type CaseEventCounts = { received: number } & Record<CaseEventState, number>

export function countCaseEventStates(states: Iterable<CaseEventState>): CaseEventCounts {
  const counts: CaseEventCounts = { received: 0, accepted: 0, duplicate: 0, held: 0, quarantined: 0 }
  for (const state of states) {
    counts[state]++
    counts.received++
  }
  return counts
}
