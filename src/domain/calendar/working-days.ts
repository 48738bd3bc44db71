// Working days for Victims' Code deadlines (spec: "Working days and deadlines"):
// - a working day is Monday to Friday except England and Wales bank holidays;
// - "within N working days of T" ends 23:59:59.999 Europe/London on the Nth working day after the
//   Europe/London calendar date of T; the day of T never counts, whatever time T is;
// - outside the years the bank-holiday data covers we refuse instead of guessing.
import { DateTime } from 'luxon'
import { isIsoDate, type WorkingDayCalendar } from './bank-holidays.ts'

export const LONDON = 'Europe/London'

export type Instant = Date | string

export type WorkingDayResult =
  | { readonly date: string; readonly deadline: string }
  | { readonly error: 'beyond_calendar'; readonly lastYear: number }
  | { readonly error: 'before_calendar'; readonly firstYear: number }

export type CalendarRangeError = Extract<WorkingDayResult, { error: string }>

const DAY_MS = 86_400_000

/**
 * Reads an instant: a Date, an ISO date-time with an offset or Z, an ISO date-time without offset
 * (read as Europe/London, as the feed spec says), or a bare date (00:00 Europe/London that day).
 * Throws RangeError on anything else: callers validate input before it reaches the rules.
 */
export function parseInstant(instant: Instant): DateTime {
  const dt =
    instant instanceof Date
      ? DateTime.fromJSDate(instant, { zone: LONDON })
      : DateTime.fromISO(instant, { zone: LONDON })
  if (!dt.isValid) throw new RangeError(`not a valid instant: ${String(instant)}`)
  return dt
}

const HOUR_MS = 3_600_000
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i

// Triage computes deadlines for hundreds of thousands of referrals, and luxon's zone maths dominates
// that cost. London's offset only changes on an hour boundary (01:00 UTC), so it is cached per UTC hour,
// and each day's deadline per date: both exact, both small.
const londonOffsetByHour = new Map<number, number>()
const endOfDayByDate = new Map<string, string>()

function londonOffsetMs(epochMs: number): number {
  const hour = Math.floor(epochMs / HOUR_MS)
  let offset = londonOffsetByHour.get(hour)
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * HOUR_MS, { zone: LONDON }).offset * 60_000
    if (londonOffsetByHour.size > 200_000) londonOffsetByHour.clear()
    londonOffsetByHour.set(hour, offset)
  }
  return offset
}

/** Milliseconds since the epoch of an instant (see parseInstant), without luxon when it carries an offset. */
export function instantMillis(instant: Instant): number {
  if (instant instanceof Date && !Number.isNaN(instant.getTime())) return instant.getTime()
  if (typeof instant === 'string' && WITH_OFFSET.test(instant)) {
    const ms = Date.parse(instant)
    if (!Number.isNaN(ms)) return ms
  }
  return parseInstant(instant).toMillis()
}

/** The Europe/London calendar date ('YYYY-MM-DD') of an instant (see parseInstant for the forms). */
export function londonDate(instant: Instant): string {
  if (typeof instant === 'string') {
    if (isIsoDate(instant)) return instant
    if (WITH_OFFSET.test(instant)) {
      const ms = Date.parse(instant)
      if (!Number.isNaN(ms)) return new Date(ms + londonOffsetMs(ms)).toISOString().slice(0, 10)
    }
  } else if (instant instanceof Date && !Number.isNaN(instant.getTime())) {
    const ms = instant.getTime()
    return new Date(ms + londonOffsetMs(ms)).toISOString().slice(0, 10)
  }
  return parseInstant(instant).toISODate() as string
}

/** The end of a London calendar day as a UTC ISO instant (23:59:59.999 local, GMT or BST). */
export function endOfLondonDay(date: string): string {
  const cached = endOfDayByDate.get(date)
  if (cached) return cached
  const end = DateTime.fromISO(date, { zone: LONDON }).endOf('day')
  if (!end.isValid || !isIsoDate(date)) throw new RangeError(`not a valid date: ${date}`)
  const iso = end.toUTC().toISO() as string
  if (endOfDayByDate.size > 50_000) endOfDayByDate.clear()
  endOfDayByDate.set(date, iso)
  return iso
}

function toDayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4))
}

function rangeError(calendar: WorkingDayCalendar, date: string): CalendarRangeError | null {
  const year = yearOf(date)
  if (year > calendar.lastYear) return { error: 'beyond_calendar', lastYear: calendar.lastYear }
  if (year < calendar.firstYear) return { error: 'before_calendar', firstYear: calendar.firstYear }
  return null
}

function isWorkingDayUnchecked(calendar: WorkingDayCalendar, date: string): boolean {
  const weekday = new Date(toDayNumber(date) * DAY_MS).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(date)
}

/**
 * Whether a calendar date (or the London date of an instant) is a working day. Throws RangeError for
 * a date outside the calendar's years: whether it is a holiday is unknown, and guessing is what the
 * spec forbids.
 */
export function isWorkingDay(calendar: WorkingDayCalendar, dateOrInstant: Instant): boolean {
  const date = londonDate(dateOrInstant)
  const outside = rangeError(calendar, date)
  if (outside) {
    throw new RangeError(
      `${date} is outside the bank holiday data (${calendar.firstYear}-${calendar.lastYear})`,
    )
  }
  return isWorkingDayUnchecked(calendar, date)
}

/**
 * The Nth working day after the London date of T, and its deadline instant. n = 0 means "the same
 * day" (the date of T itself, working day or not); n must be a non-negative integer.
 */
export function addWorkingDays(calendar: WorkingDayCalendar, instant: Instant, n: number): WorkingDayResult {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0: ${n}`)
  const start = londonDate(instant)
  // A start before the data would need holidays we do not have, even if only its own day is
  // outside: the first counted day could still be in the unknown year.
  const startOutside = rangeError(calendar, start)
  if (startOutside) return startOutside
  let day = toDayNumber(start)
  let remaining = n
  while (remaining > 0) {
    day += 1
    const date = fromDayNumber(day)
    const outside = rangeError(calendar, date)
    if (outside) return outside
    if (isWorkingDayUnchecked(calendar, date)) remaining -= 1
  }
  const date = fromDayNumber(day)
  return { date, deadline: endOfLondonDay(date) }
}

/**
 * Working days in (from, to]: the day of `from` does not count and the day of `to` does, matching
 * addWorkingDays, so workingDaysBetween(T, addWorkingDays(T, n).date) === n. Negative when `to` is
 * before `from`. Returns a range error when any counted day is outside the data.
 */
export function workingDaysBetween(
  calendar: WorkingDayCalendar,
  from: Instant,
  to: Instant,
): number | CalendarRangeError {
  const a = londonDate(from)
  const b = londonDate(to)
  if (a === b) return 0
  const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1]
  const outside = rangeError(calendar, lo) ?? rangeError(calendar, hi)
  if (outside) return outside
  let count = 0
  for (let day = toDayNumber(lo) + 1; day <= toDayNumber(hi); day++) {
    if (isWorkingDayUnchecked(calendar, fromDayNumber(day))) count += 1
  }
  return sign * count
}

export function isCalendarRangeError(value: unknown): value is CalendarRangeError {
  return typeof value === 'object' && value !== null && 'error' in value
}
