// GOV.UK date inputs send day, month and year separately; these helpers join them into one ISO date
// and say what is wrong in the words the GOV.UK pattern uses.
import { parseDate } from '../../domain/referral-feed/index.ts'

export type DateParts = { day: string; month: string; year: string }

export type DateResult =
  | { ok: true; iso: string | null }
  | { ok: false; message: string; part: 'day' | 'month' | 'year' }

/**
 * `optional`: all three blank is fine (null). `label` starts the error, e.g. "Date of birth".
 * `notAfter` (ISO date) rejects dates later than it, e.g. today for a date of birth.
 */
export function readDateParts(
  parts: DateParts,
  options: { label: string; optional: boolean; notAfter?: string; notBefore?: string },
): DateResult {
  const day = parts.day.trim()
  const month = parts.month.trim()
  const year = parts.year.trim()
  if (!day && !month && !year) {
    return options.optional
      ? { ok: true, iso: null }
      : { ok: false, message: `Enter ${options.label.toLowerCase()}`, part: 'day' }
  }
  const missing = !day ? 'day' : !month ? 'month' : !year ? 'year' : null
  if (missing) return { ok: false, message: `${options.label} must include a ${missing}`, part: missing }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    const part = !/^\d{1,2}$/.test(day) ? 'day' : !/^\d{1,2}$/.test(month) ? 'month' : 'year'
    return { ok: false, message: `${options.label} must be a real date, like 27 3 1985`, part }
  }
  const iso = parseDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`)
  if (!iso) return { ok: false, message: `${options.label} must be a real date, like 27 3 1985`, part: 'day' }
  if (options.notAfter && iso > options.notAfter)
    return { ok: false, message: `${options.label} must be in the past`, part: 'day' }
  if (options.notBefore && iso < options.notBefore)
    return {
      ok: false,
      message: `${options.label} must be after ${options.notBefore.slice(0, 4)}`,
      part: 'year',
    }
  return { ok: true, iso }
}

export const isoToParts = (iso: string | null | undefined): DateParts =>
  iso
    ? { year: iso.slice(0, 4), month: String(Number(iso.slice(5, 7))), day: String(Number(iso.slice(8, 10))) }
    : { day: '', month: '', year: '' }

/** Today's date in Europe/London, `YYYY-MM-DD`. */
export const londonToday = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now)

/** The three parts of a GOV.UK date input named `<prefix>-day` and so on, from a posted form. */
export function readDateInput(body: unknown, prefix: string): DateParts {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const part = (name: string) => {
    const value = raw[`${prefix}-${name}`]
    return typeof value === 'string' ? value.slice(0, 10) : ''
  }
  return { day: part('day'), month: part('month'), year: part('year') }
}

/** An optional date of birth from a `dob` date input: not in the future, and not more than 120 years ago. */
export function readDateOfBirth(body: unknown): { dob: DateParts; read: DateResult } {
  const dob = readDateInput(body, 'dob')
  const today = londonToday()
  const read = readDateParts(dob, {
    label: 'Date of birth',
    optional: true,
    notAfter: today,
    notBefore: `${Number(today.slice(0, 4)) - 120}${today.slice(4)}`,
  })
  return { dob, read }
}
