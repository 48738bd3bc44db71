// Victims' Code deadlines for one accepted referral (spec: "Working days and deadlines").
import type { WorkingDayCalendar } from '../calendar/bank-holidays.ts'
import {
  addWorkingDays,
  type Instant,
  instantMillis,
  type WorkingDayResult,
} from '../calendar/working-days.ts'

export interface DeadlineInput {
  /** when the crime was reported to police; null for a self-referral that was never reported */
  readonly reportedAt: Instant | null
  /** when the police sent the referral; null when it did not come from the police feed */
  readonly sentAt: Instant | null
  /** the hub's clock when the record arrived */
  readonly receivedAt: Instant
  readonly enhanced: boolean
}

export interface DeadlinePolicy {
  /** the hub's own first-contact service standard (configurable, spec defaults 1 and 2) */
  readonly enhancedFirstContactDays: number
  readonly standardFirstContactDays: number
  /** the police duty under the Code: pass details on within 2 working days of the report */
  readonly policeReferralDays?: number
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  enhancedFirstContactDays: 1,
  standardFirstContactDays: 2,
  policeReferralDays: 2,
}

export interface Deadlines {
  /** 'YYYY-MM-DD' or null (not reported to police, or beyond the bank-holiday data) */
  readonly police_referral_due: string | null
  /** the instant that day ends in London, for reminders */
  readonly police_referral_due_at: string | null
  /** sent_at on or before the end of police_referral_due; null when either is unknown */
  readonly police_referral_on_time: boolean | null
  readonly first_contact_due: string | null
  readonly first_contact_due_at: string | null
  /** e.g. 'deadline_beyond_calendar:first_contact_due' */
  readonly warnings: string[]
}

function toMillis(instant: Instant): number {
  return instantMillis(instant)
}

function unpack(
  result: WorkingDayResult,
  name: string,
  warnings: string[],
): { date: string; deadline: string } | null {
  if ('error' in result) {
    // Spec: a deadline past the bank-holiday data is not guessed; it is left empty with a warning.
    warnings.push(
      result.error === 'beyond_calendar'
        ? `deadline_beyond_calendar:${name}`
        : `deadline_before_calendar:${name}`,
    )
    return null
  }
  return result
}

export function computeDeadlines(
  input: DeadlineInput,
  calendar: WorkingDayCalendar,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): Deadlines {
  const warnings: string[] = []
  const police =
    input.reportedAt === null
      ? null
      : unpack(
          addWorkingDays(calendar, input.reportedAt, policy.policeReferralDays ?? 2),
          'police_referral_due',
          warnings,
        )
  // Compared as instants: the due date ends at 23:59:59.999 London time, so a referral sent at
  // 23:30 BST on the due day (22:30Z) is on time and one sent at 00:30 BST next day is not.
  const onTime = police && input.sentAt !== null ? toMillis(input.sentAt) <= toMillis(police.deadline) : null
  const firstContactDays = input.enhanced ? policy.enhancedFirstContactDays : policy.standardFirstContactDays
  const firstContact = unpack(
    addWorkingDays(calendar, input.receivedAt, firstContactDays),
    'first_contact_due',
    warnings,
  )
  return {
    police_referral_due: police?.date ?? null,
    police_referral_due_at: police?.deadline ?? null,
    police_referral_on_time: onTime,
    first_contact_due: firstContact?.date ?? null,
    first_contact_due_at: firstContact?.deadline ?? null,
    warnings,
  }
}
