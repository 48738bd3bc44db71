// Time left to first contact, in the team's working time. first_contact_due is a date: the deadline is
// the end of that London day (spec "Working days and deadlines"). Working hours (rule decided, ADR
// 0010): 09:00 to 17:00 Europe/London on working days, 8 hours a day; the queue counts the hours left
// today and whole working days after today.
import { DateTime } from 'luxon'
import type { WorkingDayCalendar } from '../calendar/bank-holidays.ts'
import {
  endOfLondonDay,
  isCalendarRangeError,
  isWorkingDay,
  LONDON,
  workingDaysBetween,
} from '../calendar/working-days.ts'

export const WORKDAY_START_HOUR = 9
export const WORKDAY_END_HOUR = 17
const HOURS_PER_DAY = WORKDAY_END_HOUR - WORKDAY_START_HOUR

export interface TimeLeft {
  readonly state: 'overdue' | 'due_today' | 'due_later' | 'unknown'
  /** working hours left before the deadline (0 when overdue); null when unknown */
  readonly workingHours: number | null
  /** working days the deadline has passed by (overdue only) */
  readonly overdueWorkingDays: number | null
  readonly label: string
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function hoursLeftToday(calendar: WorkingDayCalendar, now: DateTime): number {
  const today = now.toISODate() as string
  try {
    if (!isWorkingDay(calendar, today)) return 0
  } catch (error) {
    // Today is outside the bank holiday data: no working hours can be counted for it.
    if (error instanceof RangeError) return 0
    throw error
  }
  const start = now.set({ hour: WORKDAY_START_HOUR, minute: 0, second: 0, millisecond: 0 })
  const end = now.set({ hour: WORKDAY_END_HOUR, minute: 0, second: 0, millisecond: 0 })
  const from = now < start ? start : now
  return Math.max(0, end.diff(from, 'minutes').minutes / 60)
}

function formatHours(hours: number): string {
  const minutes = Math.round(hours * 60)
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m} min`
  return m === 0 ? `${h} h` : `${h} h ${m} min`
}

export function timeLeft(calendar: WorkingDayCalendar, now: Date, dueDate: string | null): TimeLeft {
  if (!dueDate) {
    return { state: 'unknown', workingHours: null, overdueWorkingDays: null, label: 'No deadline set' }
  }
  const london = DateTime.fromJSDate(now, { zone: LONDON })
  const today = london.toISODate() as string
  if (now.getTime() > Date.parse(endOfLondonDay(dueDate))) {
    const over = workingDaysBetween(calendar, dueDate, today)
    const days = isCalendarRangeError(over) ? null : Math.max(over, 0)
    return {
      state: 'overdue',
      workingHours: 0,
      overdueWorkingDays: days,
      label: days ? `Overdue by ${plural(days, 'working day')}` : 'Overdue',
    }
  }
  const todayHours = hoursLeftToday(calendar, london)
  if (dueDate === today) {
    return {
      state: 'due_today',
      workingHours: todayHours,
      overdueWorkingDays: null,
      label: todayHours > 0 ? `${formatHours(todayHours)} left today` : 'Due by the end of today',
    }
  }
  const days = workingDaysBetween(calendar, today, dueDate)
  if (isCalendarRangeError(days)) {
    return { state: 'due_later', workingHours: null, overdueWorkingDays: null, label: `Due ${dueDate}` }
  }
  const total = todayHours + days * HOURS_PER_DAY
  const parts = [
    days > 0 ? plural(days, 'working day') : null,
    todayHours > 0 ? formatHours(todayHours) : null,
  ]
  return {
    state: 'due_later',
    workingHours: total,
    overdueWorkingDays: null,
    label: `${parts.filter(Boolean).join(' and ') || 'No working time'} left`,
  }
}
