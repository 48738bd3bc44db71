// No victim overloaded: before a contact, warn when another service contacted the victim in the last
// two working days, or when three or more services are working with them at once. A warning, not a
// refusal: the worker decides, knowing.
import type { WorkingDayCalendar } from '../calendar/bank-holidays.ts'
import { isCalendarRangeError, workingDaysBetween } from '../calendar/working-days.ts'

export const RECENT_WORKING_DAYS = 2
export const MANY_SERVICES = 3

export interface OverloadFacts {
  /** Contacts with the victim by services (teams) other than the worker's own. */
  readonly otherContacts: readonly { readonly at: Date; readonly service: string }[]
  /** The services working with the victim now. */
  readonly activeServices: readonly string[]
}

export function overloadWarnings(facts: OverloadFacts, now: Date, calendar: WorkingDayCalendar): string[] {
  const warnings: string[] = []
  const recent = facts.otherContacts.filter((c) => {
    const days = workingDaysBetween(calendar, c.at, now)
    return !isCalendarRangeError(days) && days <= RECENT_WORKING_DAYS && c.at <= now
  })
  const services = [...new Set(recent.map((c) => c.service))]
  if (services.length > 0)
    warnings.push(
      `${services.join(' and ')} contacted this victim in the last ${RECENT_WORKING_DAYS} working days: agree who makes the next contact`,
    )
  const active = [...new Set(facts.activeServices)]
  if (active.length >= MANY_SERVICES)
    warnings.push(
      `${active.length} services are working with this victim (${active.join(', ')}): make sure they are not overwhelmed`,
    )
  return warnings
}
