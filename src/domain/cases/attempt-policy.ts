// The attempt policy: how hard the hub tries to reach a victim before it stops. By default three
// attempts over five working days, across the safe channels and at different times of day, then a
// closing letter only where writing is safe (or nothing). Each next step is a task with a due date.

import { DateTime } from 'luxon'
import type { WorkingDayCalendar } from '../calendar/bank-holidays.ts'
import { addWorkingDays, isCalendarRangeError, LONDON } from '../calendar/working-days.ts'
import type { Channel } from '../safe-contact/channels.ts'

export interface AttemptPolicy {
  /** Attempts to make before stopping. */
  readonly attempts: number
  /** Working days, from the first attempt, that the attempts are spread over. */
  readonly overWorkingDays: number
}

export const DEFAULT_ATTEMPT_POLICY: AttemptPolicy = { attempts: 3, overWorkingDays: 5 }

export type PartOfDay = 'morning' | 'afternoon'

export interface FailedAttempt {
  readonly at: Date
  readonly channel: Channel | null
}

export type NextStep =
  | {
      readonly kind: 'attempt'
      /** Which attempt this is, from 2. */
      readonly number: number
      readonly due: string
      /** A different part of the day from the last attempt. */
      readonly partOfDay: PartOfDay
      /** The safe channels to try, the ones not yet tried first. */
      readonly channels: readonly Channel[]
    }
  | { readonly kind: 'closing_letter'; readonly due: string }
  | { readonly kind: 'close'; readonly due: string }

export const partOfDay = (at: Date): PartOfDay =>
  DateTime.fromJSDate(at, { zone: LONDON }).hour < 12 ? 'morning' : 'afternoon'

/** The working day `n` working days after `from`; the calendar's last year caps it. */
function dueAfter(calendar: WorkingDayCalendar, from: Date, n: number): string {
  const result = addWorkingDays(calendar, from, n)
  if (isCalendarRangeError(result)) return DateTime.fromJSDate(from, { zone: LONDON }).toISODate() ?? ''
  return result.date
}

/**
 * What comes after these failed attempts (oldest first, at least one): another attempt with its due
 * date, or, once the policy's attempts are spent, a closing letter where writing is safe, else closing.
 * Attempt k (1-based) is due ⌈(k-1)·days/(attempts-1)⌉ working days after the first.
 */
export function nextStep(
  policy: AttemptPolicy,
  failed: readonly FailedAttempt[],
  safeChannels: readonly Channel[],
  calendar: WorkingDayCalendar,
): NextStep {
  const first = failed[0]
  const last = failed[failed.length - 1]
  if (!first || !last) throw new RangeError('nextStep needs at least one failed attempt')
  if (failed.length >= policy.attempts) {
    const due = dueAfter(calendar, last.at, 1)
    const letterSent = failed.length > policy.attempts && last.channel === 'letter'
    return safeChannels.includes('letter') && !letterSent
      ? { kind: 'closing_letter', due }
      : { kind: 'close', due }
  }
  const number = failed.length + 1
  const spread = policy.attempts > 1 ? policy.overWorkingDays / (policy.attempts - 1) : 0
  const offset = Math.ceil((number - 1) * spread)
  const tried = new Set(failed.map((f) => f.channel))
  const channels = [...safeChannels.filter((c) => !tried.has(c)), ...safeChannels.filter((c) => tried.has(c))]
  return {
    kind: 'attempt',
    number,
    due: dueAfter(calendar, first.at, offset),
    partOfDay: partOfDay(last.at) === 'morning' ? 'afternoon' : 'morning',
    channels,
  }
}
