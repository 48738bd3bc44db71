// England and Wales bank holidays in the GOV.UK layout (https://www.gov.uk/bank-holidays.json), turned
// into a WorkingDayCalendar. The calendar only claims to know the years the data covers: deadlines
// past the last year are refused rather than guessed (spec: "Working days and deadlines").
import { z } from 'zod'
import defaultData from './data/bank-holidays-england-and-wales.json' with { type: 'json' }

export const DEFAULT_DIVISION = 'england-and-wales'

export interface BankHoliday {
  readonly title: string
  readonly date: string
  readonly notes: string
  readonly bunting: boolean
}

export interface WorkingDayCalendar {
  readonly division: string
  /** first and last calendar year the data covers, inclusive */
  readonly firstYear: number
  readonly lastYear: number
  /** 'YYYY-MM-DD' -> holiday title */
  readonly holidays: ReadonlyMap<string, string>
}

/** Thrown for bank-holiday data that cannot be trusted; the message names the offending field. */
export class BankHolidayDataError extends Error {
  override readonly name = 'BankHolidayDataError'
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`bank holiday data: ${field}: ${detail}`)
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar date written YYYY-MM-DD (rejects 2023-02-30 and friends). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

const eventSchema = z.object({
  title: z.string().trim().min(1, 'must be a non-empty string'),
  date: z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD'),
  // GOV.UK always sends notes and bunting; older copies sometimes omit them, and neither affects
  // working days, so their absence is tolerated.
  notes: z.string().default(''),
  bunting: z.boolean().default(false),
})

const divisionSchema = z.object({
  division: z.string().min(1, 'must be a non-empty string'),
  events: z.array(eventSchema).min(1, 'must list at least one bank holiday'),
})

function fieldPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out === '' ? '(root)' : out
}

/**
 * Validates the GOV.UK JSON and returns the events of one division, sorted by date.
 * Throws BankHolidayDataError naming the bad field (e.g. `england-and-wales.events[3].date`).
 */
export function parseBankHolidays(json: unknown, division: string = DEFAULT_DIVISION): BankHoliday[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new BankHolidayDataError('(root)', 'must be a JSON object keyed by division')
  }
  if (!(division in json)) {
    throw new BankHolidayDataError(division, 'division is missing')
  }
  const parsed = divisionSchema.safeParse((json as Record<string, unknown>)[division])
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new BankHolidayDataError(
      fieldPath([division, ...(issue?.path ?? [])]),
      issue?.message ?? 'invalid value',
    )
  }
  if (parsed.data.division !== division) {
    throw new BankHolidayDataError(
      `${division}.division`,
      `says "${parsed.data.division}", expected "${division}"`,
    )
  }
  const seen = new Map<string, number>()
  parsed.data.events.forEach((event, index) => {
    const earlier = seen.get(event.date)
    if (earlier !== undefined) {
      throw new BankHolidayDataError(
        `${division}.events[${index}].date`,
        `${event.date} is listed twice (also events[${earlier}])`,
      )
    }
    seen.set(event.date, index)
  })
  return [...parsed.data.events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/**
 * Builds the calendar. Coverage is [first year, last year] of the events; every year in between must
 * have at least one holiday, because a missing year would silently turn Christmas into a working day.
 */
export function buildCalendar(
  events: readonly BankHoliday[],
  division: string = DEFAULT_DIVISION,
): WorkingDayCalendar {
  if (events.length === 0) throw new BankHolidayDataError(`${division}.events`, 'no bank holidays')
  const holidays = new Map<string, string>()
  const years = new Set<number>()
  for (const event of events) {
    holidays.set(event.date, event.title)
    years.add(Number(event.date.slice(0, 4)))
  }
  const firstYear = Math.min(...years)
  const lastYear = Math.max(...years)
  for (let year = firstYear; year <= lastYear; year++) {
    if (!years.has(year)) {
      throw new BankHolidayDataError(`${division}.events`, `no bank holidays for ${year}: the data has a gap`)
    }
  }
  return { division, firstYear, lastYear, holidays }
}

/** Parse + build in one step, for data fetched from GOV.UK or supplied by an administrator. */
export function calendarFromGovUkJson(
  json: unknown,
  division: string = DEFAULT_DIVISION,
): WorkingDayCalendar {
  return buildCalendar(parseBankHolidays(json, division), division)
}

let defaultCalendar: WorkingDayCalendar | undefined

/** The calendar shipped with the hub (GOV.UK data copied into ./data), parsed once and cached. */
export function loadDefaultCalendar(): WorkingDayCalendar {
  defaultCalendar ??= calendarFromGovUkJson(defaultData)
  return defaultCalendar
}
