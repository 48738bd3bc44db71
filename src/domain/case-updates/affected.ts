// Who a police case event must reach, and by when (Victims' Code: an update within 1 working day for
// enhanced victims, 5 for others). Pure: the referrals on the event's crime and the calendar are
// passed in. The relay that sends each update comes later; this says what it owes.
import type { WorkingDayCalendar } from '../calendar/bank-holidays.ts'
import { addWorkingDays, type Instant, instantMillis } from '../calendar/working-days.ts'

export const ENHANCED_UPDATE_DAYS = 1
export const STANDARD_UPDATE_DAYS = 5

/** An accepted referral on the event's crime, as the rule needs it. */
export interface CrimeReferral {
  readonly referralId: string
  /** The victim as now linked (after any merge). */
  readonly victimId: string
  readonly enhanced: boolean
  /** The referral's contact details are a parent's or guardian's (`victim_type = parent_guardian`). */
  readonly contactIsProxy: boolean
  readonly receivedAt: Instant
}

/** The event as stored: when it happened and when it reached the hub. */
export interface EventTiming {
  readonly occurredAt: Instant
  readonly receivedAt: Instant
}

export type Recipient = 'victim' | 'parent_guardian'

export interface AffectedVictim {
  readonly victimId: string
  /** The referral the update is recorded against: the victim's enhanced one, else their earliest. */
  readonly referralId: string
  readonly enhanced: boolean
  /** Whose contact details the update goes to. */
  readonly recipient: Recipient
  /** The instant the working days count from. */
  readonly clockFrom: string
  /** `YYYY-MM-DD` (London): the last day the update is on time; null past the bank-holiday data. */
  readonly due: string | null
  /** The event (or the victim's referral) reached the hub after the due day had ended: on time is impossible. */
  readonly lateOnArrival: boolean
}

/**
 * The clock runs from `occurred_at`. When the victim's referral reached the hub after the event did
 * (an event held until its crime's referral arrived, or a victim of the crime referred later) it runs
 * from the referral's arrival instead: before then the hub could not know whom to tell.
 */
export function updateClockStart(timing: EventTiming, referralReceivedAt: Instant): string {
  const occurred = instantMillis(timing.occurredAt)
  const received = instantMillis(timing.receivedAt)
  const referred = instantMillis(referralReceivedAt)
  return new Date(referred > received ? Math.max(referred, occurred) : occurred).toISOString()
}

/** The update's due date for one victim, or null when it falls beyond the bank-holiday data. */
export function updateDue(calendar: WorkingDayCalendar, clockFrom: Instant, enhanced: boolean) {
  const result = addWorkingDays(calendar, clockFrom, enhanced ? ENHANCED_UPDATE_DAYS : STANDARD_UPDATE_DAYS)
  return 'error' in result ? null : result
}

/**
 * Every victim the event affects, once each, in the order of their first referral: each victim with an
 * accepted referral on the crime (several victims of one crime each get their own update; one victim
 * referred twice, or two referrals merged into one victim, gets one, enhanced if any referral is).
 * Referrals that were refused consent or are still quarantined are not accepted referrals, so they are
 * not passed in and get nothing until released.
 */
export function affectedVictims(
  calendar: WorkingDayCalendar,
  timing: EventTiming,
  referrals: readonly CrimeReferral[],
): AffectedVictim[] {
  const byVictim = new Map<string, CrimeReferral[]>()
  const ordered = [...referrals].sort(
    (a, b) =>
      instantMillis(a.receivedAt) - instantMillis(b.receivedAt) || a.referralId.localeCompare(b.referralId),
  )
  for (const r of ordered) {
    const list = byVictim.get(r.victimId)
    if (list) list.push(r)
    else byVictim.set(r.victimId, [r])
  }
  return [...byVictim.entries()].map(([victimId, list]) => {
    const chosen = list.find((r) => r.enhanced) ?? (list[0] as CrimeReferral)
    // The victim's first referral on the crime is when the hub could first tell them.
    const first = list[0] as CrimeReferral
    const clockFrom = updateClockStart(timing, first.receivedAt)
    const arrived = Math.max(instantMillis(timing.receivedAt), instantMillis(first.receivedAt))
    const due = updateDue(calendar, clockFrom, chosen.enhanced)
    return {
      victimId,
      referralId: chosen.referralId,
      enhanced: chosen.enhanced,
      recipient: chosen.contactIsProxy ? 'parent_guardian' : 'victim',
      clockFrom,
      due: due?.date ?? null,
      lateOnArrival: due !== null && arrived > Date.parse(due.deadline),
    }
  })
}
