// Dates and date-times as the feed writes them, read strictly: calendar dates, ISO 8601 date-times with
// or without a zone, and the usual UK `dd/mm/yyyy hh:mm` in London time. Quick readers for the shapes
// nearly every record uses sit in front of the general ones and are held to them by property tests.
import { IANAZone } from 'luxon'
import { londonDate as calendarLondonDate } from '../calendar/working-days.ts'

export const LONDON = 'Europe/London'

const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/

/** A strict `YYYY-MM-DD` calendar date, or null. */
export function parseDate(text: string): string | null {
  if (text.length !== 10 || text.charCodeAt(4) !== HYPHEN || text.charCodeAt(7) !== HYPHEN) return null
  const year = fourDigits(text, 0)
  const month = twoDigits(text, 5)
  const day = twoDigits(text, 8)
  if (year < 0 || month < 0 || day < 0) return null
  return isCalendarDate(year, month, day) ? text : null
}

/**
 * Whether a proleptic Gregorian year (0–9999), month and day name a real day: what luxon's
 * `DateTime.fromObject(…, { zone: 'utc' }).isValid` answers, at a fraction of the cost (a test pins
 * the two together), since every date of birth asks.
 */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  if (day <= 28) return true
  // setUTCFullYear, not Date.UTC, which would read years 0–99 as 1900–1999; a day past the month's
  // end rolls over into the next month, so it does not survive the round trip.
  return new Date(new Date(0).setUTCFullYear(year, month - 1, day)).getUTCDate() === day
}

const ZERO = 48
const HYPHEN = 0x2d
const COLON = 0x3a

/** The number written by two ASCII digits at `at`, or -1. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO
  const units = text.charCodeAt(at + 1) - ZERO
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1
}

function fourDigits(text: string, at: number): number {
  const high = twoDigits(text, at)
  const low = twoDigits(text, at + 2)
  return high < 0 || low < 0 ? -1 : high * 100 + low
}

const london = IANAZone.create(LONDON)
const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * The instant of a wall-clock time in `zone`. The spec fixes both clock-change cases: a time in
 * the spring gap moves forward an hour; a time in the autumn repeat is the first occurrence.
 */
export function resolveLocalTime(wallAsUtcMs: number, zone: IANAZone = london): number {
  if (zone !== london) return resolveLocalTimeUncached(wallAsUtcMs, zone)
  const dayShift = londonShiftForWallDay(wallAsUtcMs)
  if (dayShift !== null) return wallAsUtcMs - dayShift
  // London changes its clocks only on a wall-clock hour boundary, so the offset applied is the same for
  // every minute of a wall-clock hour: work it out once per hour (imports read many times an hour).
  const hourStart = Math.floor(wallAsUtcMs / HOUR) * HOUR
  let shift = londonShiftByWallHour.get(hourStart)
  if (shift === undefined) {
    shift = hourStart - resolveLocalTimeUncached(hourStart, zone)
    if (londonShiftByWallHour.size > 200_000) londonShiftByWallHour.clear()
    londonShiftByWallHour.set(hourStart, shift)
  }
  return wallAsUtcMs - shift
}

const londonShiftByWallHour = new Map<number, number>()
const londonShiftByWallDay = new Map<number, number | null>()

/**
 * London's offset for every time on a wall-clock day, or null when a clock change is near. London's
 * changes are at least four weeks apart (in Node's time-zone data the closest pair, in 1947, is 28 days), so the same offset two
 * days before and three days after the day means no change in between, and the hour-by-hour rule gives
 * that offset for every hour of the day. Far fewer days than hours occur in a feed.
 */
function londonShiftForWallDay(wallAsUtcMs: number): number | null {
  const dayStart = Math.floor(wallAsUtcMs / DAY) * DAY
  let shift = londonShiftByWallDay.get(dayStart)
  if (shift === undefined) {
    const before = london.offset(dayStart - 2 * DAY)
    shift = before === london.offset(dayStart + 3 * DAY) ? before * 60_000 : null
    if (londonShiftByWallDay.size > 200_000) londonShiftByWallDay.clear()
    londonShiftByWallDay.set(dayStart, shift)
  }
  return shift
}

function resolveLocalTimeUncached(wallAsUtcMs: number, zone: IANAZone): number {
  for (let shift = 0; shift <= 1; shift++) {
    const local = wallAsUtcMs + shift * HOUR
    const offsets = new Set([-1, 0, 1].map((d) => zone.offset(local + d * 24 * HOUR)))
    const candidates = [...offsets]
      .map((o) => local - o * 60_000)
      .filter((utc) => zone.offset(utc) * 60_000 === local - utc)
    if (candidates.length > 0) return Math.min(...candidates)
  }
  // Only reachable for zones with gaps longer than an hour; London has none.
  return wallAsUtcMs - zone.offset(wallAsUtcMs) * 60_000
}

/**
 * A feed date-time: `YYYY-MM-DD`, optionally `T` or a space and `hh:mm[:ss[.fff]]`, optionally `Z`
 * or `±hh[:mm]`. No offset means Europe/London; a date alone means 00:00 Europe/London. Returns
 * ISO 8601 UTC, or null when not a valid date-time.
 */
export function parseDateTime(text: string): string | null {
  return parseUsualDateTime(text) ?? parseDateTimeByPattern(text)
}

// Date.UTC reads years 0–99 as 1900–1999, so the quick reader leaves them to the general one.
const FIRST_YEAR_FOR_DATE_UTC = 100

/**
 * Nearly every date-time in a feed looks like `2026-03-09T10:15:00Z`, `2026-03-09 10:15` or
 * `2026-03-09T10:15:00+01:00`: read those by character rather than by pattern. Undefined for any
 * other text, and for anything the general reader has to think about (days past the 28th, years
 * before 100, unusual offsets), which it then reads. Exported for the tests that hold it to the general
 * reader.
 */
export function parseUsualDateTime(text: string): string | undefined {
  const length = text.length
  if (length < 16 || length > 25) return undefined
  const year = fourDigits(text, 0)
  const month = twoDigits(text, 5)
  const day = twoDigits(text, 8)
  const hour = twoDigits(text, 11)
  const minute = twoDigits(text, 14)
  const separator = text.charCodeAt(10)
  if (
    year < FIRST_YEAR_FOR_DATE_UTC ||
    text.charCodeAt(4) !== HYPHEN ||
    text.charCodeAt(7) !== HYPHEN ||
    (separator !== 0x54 && separator !== 0x74 && separator !== 0x20) ||
    text.charCodeAt(13) !== COLON ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  ) {
    return undefined
  }
  let at = 16
  let second = 0
  if (text.charCodeAt(at) === COLON) {
    second = twoDigits(text, at + 1)
    if (second < 0 || second > 59) return undefined
    at += 3
  }
  const zone = text.charCodeAt(at)
  if ((zone === 0x5a || zone === 0x7a) && at + 1 === length) {
    // Already UTC: the answer is the text itself, rewritten in the one form.
    return `${text.slice(0, 10)}T${text.slice(11, 16)}:${TWO_DIGITS[second]}.000Z`
  }
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second)
  if (at === length) return isoString(resolveLocalTime(wallMs))
  if ((zone !== 0x2b && zone !== HYPHEN) || at + 6 !== length || text.charCodeAt(at + 3) !== COLON) {
    return undefined
  }
  const offsetHours = twoDigits(text, at + 1)
  const offsetMinutes = twoDigits(text, at + 4)
  if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetHours > 14) return undefined
  if (offsetHours === 14 && offsetMinutes > 0) return undefined
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000
  return isoString(zone === HYPHEN ? wallMs + offsetMs : wallMs - offsetMs)
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'))
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'))

/**
 * `new Date(ms).toISOString()`, written out field by field, which takes a fraction of the time for the
 * four-digit years it is used for (a test holds the two together). Exported for that test.
 */
export function isoString(ms: number): string {
  const date = new Date(ms)
  const year = date.getUTCFullYear()
  if (!(year >= 1000 && year <= 9999)) return date.toISOString()
  return `${year}-${TWO_DIGITS[date.getUTCMonth() + 1]}-${TWO_DIGITS[date.getUTCDate()]}T${TWO_DIGITS[date.getUTCHours()]}:${TWO_DIGITS[date.getUTCMinutes()]}:${TWO_DIGITS[date.getUTCSeconds()]}.${THREE_DIGITS[date.getUTCMilliseconds()]}Z`
}

/** `parseDateTime` by the pattern, for any text. Exported for the tests of the quicker reader. */
export function parseDateTimeByPattern(text: string): string | null {
  const m = DATETIME_RE.exec(text)
  if (!m) return null
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', off] = m
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null
  // setUTCFullYear, not Date.UTC, which would read years 0–99 as 1900–1999.
  const dayMs = new Date(0).setUTCFullYear(year, month - 1, day)
  // Date.UTC rolls 31 February over into March; a date that does not survive the round trip is not a date.
  if (new Date(dayMs).getUTCDate() !== day) return null
  const ms = frac === '' ? 0 : Math.floor(Number(`0.${frac}`) * 1000)
  const wallMs = dayMs + ((hour * 60 + minute) * 60 + second) * 1000 + ms
  let utcMs: number
  if (off === undefined) {
    utcMs = resolveLocalTime(wallMs)
  } else if (off === 'Z' || off === 'z') {
    utcMs = wallMs
  } else {
    const digits = off.slice(1).replace(':', '')
    const oh = Number(digits.slice(0, 2))
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0
    // Real offsets run from -12:00 to +14:00; anything wider is a typo, not a place.
    if (om > 59 || oh > 14 || (oh === 14 && om > 0)) return null
    const sign = off[0] === '-' ? -1 : 1
    utcMs = wallMs - sign * (oh * 60 + om) * 60_000
  }
  const out = new Date(utcMs)
  return Number.isNaN(out.getTime()) ? null : out.toISOString()
}

/** The Europe/London calendar date (`YYYY-MM-DD`) of an instant. */
export function londonDate(isoUtc: string): string {
  const timeOfDayMs = isoUtcTimeOfDay(isoUtc)
  if (timeOfDayMs >= 0) {
    const utcDate = isoUtc.slice(0, 10)
    const offsetMs = londonOffsetForUtcDate(utcDate)
    // London is the same calendar day unless its offset carries the time past midnight.
    if (offsetMs !== null && timeOfDayMs + offsetMs >= 0 && timeOfDayMs + offsetMs < DAY) return utcDate
  }
  return calendarLondonDate(isoUtc)
}

/** Whether a text is a real instant written `YYYY-MM-DDThh:mm:ss.sssZ`, the form parseDateTime writes. */
export function isIsoUtcMillis(text: string): boolean {
  return isoUtcTimeOfDay(text) >= 0
}

/** The time of day of a `YYYY-MM-DDThh:mm:ss.sssZ` text (the form parseDateTime writes) in ms, or -1. */
function isoUtcTimeOfDay(text: string): number {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== HYPHEN ||
    text.charCodeAt(7) !== HYPHEN ||
    text.charCodeAt(10) !== 0x54 ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON ||
    text.charCodeAt(19) !== 0x2e ||
    text.charCodeAt(23) !== 0x5a
  ) {
    return -1
  }
  const hour = twoDigits(text, 11)
  const minute = twoDigits(text, 14)
  const second = twoDigits(text, 17)
  const milliHigh = twoDigits(text, 20)
  const milliLow = text.charCodeAt(22) - ZERO
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return -1
  if (milliHigh < 0 || milliLow < 0 || milliLow > 9) return -1
  const year = fourDigits(text, 0)
  if (year < 0 || !isCalendarDate(year, twoDigits(text, 5), twoDigits(text, 8))) return -1
  return ((hour * 60 + minute) * 60 + second) * 1000 + milliHigh * 10 + milliLow
}

const londonOffsetByUtcDate = new Map<string, number | null>()

/**
 * London's offset throughout a UTC calendar day, or null when a clock change is near or the text is
 * not a real day; as for wall-clock days above, the same offset two days before and three days after
 * means no change.
 */
function londonOffsetForUtcDate(utcDate: string): number | null {
  let offsetMs = londonOffsetByUtcDate.get(utcDate)
  if (offsetMs === undefined) {
    const dayStart = Date.parse(`${utcDate}T00:00:00.000Z`)
    offsetMs = null
    if (!Number.isNaN(dayStart)) {
      const before = london.offset(dayStart - 2 * DAY)
      if (before === london.offset(dayStart + 3 * DAY)) offsetMs = before * 60_000
    }
    if (londonOffsetByUtcDate.size > 200_000) londonOffsetByUtcDate.clear()
    londonOffsetByUtcDate.set(utcDate, offsetMs)
  }
  return offsetMs
}
