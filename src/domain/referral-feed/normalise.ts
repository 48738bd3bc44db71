// Turns one raw feed record (a CSV row or a JSON object) into typed values. Nothing here decides
// whether a record is quarantined: it reports per-field problems and validate.ts weighs them.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { IANAZone } from 'luxon'
import { londonDate as calendarLondonDate } from '../calendar/working-days.ts'
import {
  type CrimeCategory,
  FEED_FIELDS,
  type FeedFieldName,
  type FieldKind,
  type FieldSpec,
  type Flag,
  feedFieldIndex,
  type Gender,
  type HateStrand,
  ISO_639_1,
  isFeedFieldName,
  type PreferredContact,
  SAFETY_FLAG_NAMES,
  type ThriveLevel,
  type VictimType,
  type VulnerabilityReason,
} from './fields.ts'

export const LONDON = 'Europe/London'

export interface Phone {
  /** E.164, e.g. `+447700900123`. */
  readonly e164: string
  /** A UK mobile that can receive a text message. */
  readonly mobile: boolean
}

export interface NormalisedReferral {
  referral_id: string | null
  force_code: string | null
  crime_reference: string | null
  /** Date-times are ISO 8601 UTC strings with milliseconds, e.g. `2026-03-29T01:30:00.000Z`. */
  reported_at: string | null
  crime_recorded_at: string | null
  sent_at: string | null
  crime_category: CrimeCategory | null
  offence_code: string | null
  offence_description: string | null
  domestic_abuse: Flag
  hate_crime: Flag
  hate_strands: HateStrand[]
  cse: Flag
  cyber: Flag
  rural: Flag
  victim_person_ref: string | null
  victim_type: VictimType | null
  title: string | null
  forename: string | null
  surname: string | null
  /** `YYYY-MM-DD`. */
  date_of_birth: string | null
  gender: Gender | null
  address_line1: string | null
  address_line2: string | null
  town: string | null
  /** Normalised to `CV34 4AB` form. */
  postcode: string | null
  phone_mobile: Phone | null
  phone_other: Phone | null
  email: string | null
  preferred_contact: PreferredContact | null
  safe_to_call: Flag
  safe_to_text: Flag
  safe_to_email: Flag
  safe_to_leave_voicemail: Flag
  safe_to_write: Flag
  safe_contact_notes: string | null
  /** ISO 639-1, `en` when not given or not valid. */
  language: string
  interpreter_required: Flag
  vulnerable: Flag
  vulnerability_reasons: VulnerabilityReason[]
  intimidated: Flag
  persistently_targeted: Flag
  /** `null` when blank or not a flag: the spec makes this field required. */
  consent_to_refer: Flag | null
  consent_recorded_at: string | null
  thrive_threat: ThriveLevel | null
  thrive_harm: ThriveLevel | null
  thrive_risk: ThriveLevel | null
  thrive_vulnerability: ThriveLevel | null
  thrive_investigation: string | null
  thrive_engagement: string | null
  oic_name: string | null
  oic_collar_number: string | null
  oic_email: string | null
  oic_phone: Phone | null
  notes: string | null
}

export type FieldProblemKind = 'missing' | 'invalid_value' | 'invalid_date'
export interface FieldProblem {
  readonly field: FeedFieldName
  readonly kind: FieldProblemKind
}

export interface NormaliseResult {
  readonly record: NormalisedReferral
  /** In spec field order. `missing` is reported for required fields only. */
  readonly problems: readonly FieldProblem[]
  /** Columns that are not in the spec, kept as received. */
  readonly extras: Record<string, unknown>
}

// A BOM that survived CSV parsing sits on the first header; a stray one must not hide `referral_id`.
const stripBom = (s: string): string => s.replace(/^\uFEFF+/, '')

/**
 * What `readText` reads, without the wrapper object (every field of every record is read): the
 * trimmed text, null when blank, undefined when the value cannot be read as text.
 */
export function readTextValue(value: unknown): string | null | undefined {
  if (typeof value === 'string') {
    const t = value.trim()
    return t === '' ? null : t
  }
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined
  if (typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return undefined
}

/** Blank (null, absent, empty or only whitespace) → null; otherwise the trimmed text. */
export function readText(value: unknown): { text: string | null; ok: boolean } {
  const text = readTextValue(value)
  return text === undefined ? bad : { text, ok: true }
}
const bad = { text: null, ok: false } as const

/** `Y`/`N`/`U` case-insensitively, JSON booleans; blank → `U`; anything else → null. */
export function parseFlag(value: unknown): Flag | null {
  if (value === true) return 'Y'
  if (value === false) return 'N'
  return flagOfText(readTextValue(value))
}

function flagOfText(text: string | null | undefined): Flag | null {
  if (text === undefined) return null
  if (text === null) return 'U'
  const up = text.toUpperCase()
  return up === 'Y' || up === 'N' || up === 'U' ? up : null
}

// --- dates ---------------------------------------------------------------------------------------

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

// --- contact details -----------------------------------------------------------------------------

// Ofcom keeps these ranges for drama and tests. libphonenumber calls them invalid, but synthetic
// and training data uses them, and no real person can be reached on them.
const DRAMA_RANGES: readonly { prefix: string; mobile: boolean }[] = [
  { prefix: '+447700900', mobile: true },
  { prefix: '+441632960', mobile: false },
  { prefix: '+441134960', mobile: false },
  { prefix: '+441144960', mobile: false },
  { prefix: '+441154960', mobile: false },
  { prefix: '+441164960', mobile: false },
  { prefix: '+441174960', mobile: false },
  { prefix: '+441184960', mobile: false },
  { prefix: '+441214960', mobile: false },
  { prefix: '+441314960', mobile: false },
  { prefix: '+441414960', mobile: false },
  { prefix: '+441514960', mobile: false },
  { prefix: '+441614960', mobile: false },
  { prefix: '+441914980', mobile: false },
  { prefix: '+442079460', mobile: false },
  { prefix: '+442890180', mobile: false },
  { prefix: '+442920180', mobile: false },
]

/**
 * A UK phone number (including the Crown Dependencies, which share +44) in E.164, or null.
 * `mobile` is true only for numbers that can take a text: 070 personal numbers and 076 pagers
 * start with 07 but are not mobiles.
 */
// Parsing a number is the costliest check on a record, and the same numbers come again and again (repeat
// victims, resends, a switchboard on many records): remember recent answers.
const phoneCache = new Map<string, Phone | null>()

export function normalisePhone(text: string): Phone | null {
  const cached = phoneCache.get(text)
  if (cached !== undefined) return cached
  const phone = parsePhone(text)
  if (phoneCache.size > 100_000) phoneCache.clear()
  phoneCache.set(text, phone)
  return phone
}

function parsePhone(text: string): Phone | null {
  // "+44 (0) 7700…" is common on letterheads and trips the parser into reading the 0 as a digit.
  const cleaned = text.replace(/\(0\)/g, '')
  return dramaRangePhone(cleaned) ?? parsePhoneWithLibrary(cleaned)
}

// A 0 or +44 and ten digits in space-separated groups: how nearly every number is written, and a shape
// whose E.164 form is +44 and the ten digits (the tests hold this to what libphonenumber reads).
const PLAIN_UK_NUMBER = /^(?:0|\+44 ?)([1-9](?: ?[0-9]){9})$/

/**
 * The answer for a number in an Ofcom drama range written in the plain shape, without libphonenumber
 * (which is the costliest check on a record); null for anything else, which the library then reads.
 * Exported for the tests that hold it to the library's answer.
 */
export function dramaRangePhone(cleaned: string): Phone | null {
  const m = PLAIN_UK_NUMBER.exec(cleaned)
  if (!m) return null
  const e164 = `+44${(m[1] as string).replaceAll(' ', '')}`
  const drama = DRAMA_RANGES.find((r) => e164.startsWith(r.prefix))
  return drama ? { e164, mobile: drama.mobile } : null
}

/** What libphonenumber makes of a number with any `(0)` removed. Exported for the tests of the fast path. */
export function parsePhoneWithLibrary(cleaned: string): Phone | null {
  if (!/^[0-9+()\s.\-/]+(?:\s*(?:ext|x|extension)\.?\s*\d+)?$/i.test(cleaned)) return null
  const p = parsePhoneNumberFromString(cleaned, 'GB')
  if (p?.countryCallingCode !== '44') return null
  const e164 = p.number
  const drama = DRAMA_RANGES.find((r) => e164.startsWith(r.prefix) && e164.length === 13)
  if (drama) return { e164, mobile: drama.mobile }
  if (!p.isValid()) return null
  const type = p.getType()
  return { e164, mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' }
}

// Letters allowed in each position of a UK postcode (Royal Mail's PAF rules).
const POSTCODE_RE =
  /^(?:([A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])([0-9][ABD-HJLNP-UW-Z]{2})|(GIR)(0AA))$/

/** A UK postcode in any spacing or case, returned as `CV34 4AB`; null when not a valid format. */
export function normalisePostcode(text: string): string | null {
  const compact = text.replace(/\s+/g, '').toUpperCase()
  const m = POSTCODE_RE.exec(compact)
  if (!m) return null
  const outward = m[1] ?? m[3]
  const inward = m[2] ?? m[4]
  return `${outward} ${inward}`
}

const EMAIL_LOCAL_RE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const EMAIL_LABEL_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/

/**
 * An email address a mail service would accept (dot-atom local part, a domain with at least two
 * labels and an alphabetic top-level label), with the domain lower-cased; null otherwise.
 */
export function normaliseEmail(text: string): string | null {
  if (text.length > 254) return null
  const at = text.lastIndexOf('@')
  if (at <= 0 || at === text.length - 1) return null
  const local = text.slice(0, at)
  const domain = text.slice(at + 1).toLowerCase()
  if (local.length > 64 || !EMAIL_LOCAL_RE.test(local)) return null
  const labels = domain.split('.')
  if (labels.length < 2 || !labels.every((l) => EMAIL_LABEL_RE.test(l))) return null
  if (!/^[a-z]{2,}$/.test(labels[labels.length - 1] ?? '')) return null
  return `${local}@${domain}`
}

// --- the record ----------------------------------------------------------------------------------

/** `;`-separated codes (or a JSON array), lower-cased, de-duplicated; unknown items are dropped. */
function parseList(value: unknown, codes: ReadonlySet<string>): { items: string[]; ok: boolean } {
  let parts: unknown[]
  if (Array.isArray(value)) parts = value
  else {
    const text = readTextValue(value)
    if (text === undefined) return { items: [], ok: false }
    if (text === null) return { items: [], ok: true }
    parts = text.split(';')
  }
  const items: string[] = []
  let ok = true
  for (const part of parts) {
    const text = readTextValue(part)
    if (text === undefined) {
      ok = false
      continue
    }
    if (text === null) continue
    const code = text.toLowerCase()
    if (!codes.has(code)) ok = false
    else if (!items.includes(code)) items.push(code)
  }
  return { items, ok }
}

/** Splits a raw object into spec fields (BOM-stripped names) and unknown extra columns. */
export function splitRaw(raw: Record<string, unknown>): {
  fields: Partial<Record<FeedFieldName, unknown>>
  extras: Record<string, unknown>
} {
  const fields: Partial<Record<FeedFieldName, unknown>> = {}
  const extras: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) {
    const name = stripBom(key)
    if (isFeedFieldName(name)) {
      // The exact name beats a BOM-prefixed twin.
      if (name === key || !(name in fields)) fields[name] = value
    } else extras[key] = value
  }
  return { fields, extras }
}

/**
 * A raw record split once for all the per-record checks: the spec fields' values in `FEED_FIELDS`
 * order (undefined when absent) and the unknown extra columns, as `splitRaw` splits them.
 */
export interface SplitRecord {
  readonly values: readonly unknown[]
  readonly extras: Record<string, unknown>
}

// Tells "absent" from "present and undefined", which decides whether a BOM-prefixed twin may fill a field.
const NOT_GIVEN = Symbol('not given')
const NOTHING_GIVEN: readonly unknown[] = FEED_FIELDS.map(() => NOT_GIVEN)

/** `splitRaw` into a `SplitRecord`, done once per record for normalising and fingerprinting alike. */
export function splitRecord(raw: Record<string, unknown>): SplitRecord {
  const values = NOTHING_GIVEN.slice()
  const extras: Record<string, unknown> = {}
  // Object.keys, not Object.entries: records arrive with dozens of keys added one by one, which V8 keeps
  // as a dictionary, and entries of one cost several times its keys.
  for (const key of Object.keys(raw)) {
    const value = raw[key]
    const name = key.charCodeAt(0) === 0xfeff ? stripBom(key) : key
    const index = feedFieldIndex(name)
    if (index === undefined) extras[key] = value
    // The exact name beats a BOM-prefixed twin.
    else if (name === key || values[index] === NOT_GIVEN) values[index] = value
  }
  for (let i = 0; i < values.length; i++) if (values[i] === NOT_GIVEN) values[i] = undefined
  return { values, extras }
}

// Everything the record loop asks of a field spec, worked out once rather than for every record.
interface FieldReader {
  readonly spec: FieldSpec
  readonly name: FeedFieldName
  readonly kind: FieldKind
  readonly required: boolean
  readonly codes: ReadonlySet<string> | null
  readonly isSafetyFlag: boolean
  /** What the record holds when the value is blank or unusable. */
  readonly fallback: string | null
  readonly invalidKind: FieldProblemKind
}
const SAFETY = new Set<string>(SAFETY_FLAG_NAMES)
const FIELD_READERS: readonly FieldReader[] = (FEED_FIELDS as readonly FieldSpec[]).map((spec) => ({
  spec,
  name: spec.name as FeedFieldName,
  kind: spec.kind,
  required: spec.required,
  codes: spec.codes ? new Set(spec.codes) : null,
  isSafetyFlag: SAFETY.has(spec.name),
  fallback: spec.kind === 'language' ? 'en' : null,
  invalidKind: spec.kind === 'date' || spec.kind === 'datetime' ? 'invalid_date' : 'invalid_value',
}))
const NO_CODES: ReadonlySet<string> = new Set()

// Copying an object that already has every field, in spec order, is far cheaper than adding 55
// properties one by one to an empty one.
const EMPTY_RECORD: Readonly<Record<string, unknown>> = Object.fromEntries(
  FEED_FIELDS.map((spec) => [spec.name, null]),
)

/** Normalises one raw record. Never throws, whatever the input. */
export function normaliseRecord(raw: Record<string, unknown>): NormaliseResult {
  return normaliseSplitRecord(splitRecord(raw ?? {}))
}

/** `normaliseRecord` for a record already split. */
export function normaliseSplitRecord({ values, extras }: SplitRecord): NormaliseResult {
  const problems: FieldProblem[] = []
  const out: Record<string, unknown> = { ...EMPTY_RECORD }

  for (let i = 0; i < FIELD_READERS.length; i++) {
    const reader = FIELD_READERS[i] as FieldReader
    const name = reader.name
    const value = values[i]
    if (reader.kind === 'flag') {
      const text = value === true || value === false ? value : readTextValue(value)
      const flag = text === true ? 'Y' : text === false ? 'N' : flagOfText(text)
      const blank = text === null
      if (reader.required) {
        if (blank) problems.push({ field: name, kind: 'missing' })
        else if (flag === null) problems.push({ field: name, kind: 'invalid_value' })
        out[name] = blank ? null : flag
      } else {
        if (flag === null) problems.push({ field: name, kind: 'invalid_value' })
        // An unreadable safety flag might have been meant as "no": never treat it as permission.
        out[name] = flag ?? (reader.isSafetyFlag ? 'N' : 'U')
      }
      continue
    }
    if (reader.kind === 'list') {
      const { items, ok } = parseList(value, reader.codes ?? NO_CODES)
      if (!ok) problems.push({ field: name, kind: 'invalid_value' })
      out[name] = items
      continue
    }
    const text = readTextValue(value)
    if (text === undefined) {
      problems.push({ field: name, kind: 'invalid_value' })
      out[name] = reader.fallback
      continue
    }
    if (text === null) {
      if (reader.required) problems.push({ field: name, kind: 'missing' })
      out[name] = reader.fallback
      continue
    }
    const parsed = parseValue(reader, text)
    if (parsed === null) {
      problems.push({ field: name, kind: reader.invalidKind })
      out[name] = reader.fallback
    } else out[name] = parsed
  }
  return { record: out as unknown as NormalisedReferral, problems, extras }
}

function parseValue({ spec, kind, codes }: FieldReader, text: string): unknown {
  switch (kind) {
    case 'id':
    case 'text':
      return text
    case 'force_code': {
      const up = text.toUpperCase()
      return /^[A-Z0-9_]{2,12}$/.test(up) ? up : null
    }
    case 'code': {
      const folded = spec.caseFold === 'upper' ? text.toUpperCase() : text.toLowerCase()
      if (!codes) return folded
      return codes.has(folded) ? folded : null
    }
    case 'language': {
      const lower = text.toLowerCase()
      return ISO_639_1.has(lower) ? lower : null
    }
    case 'date':
      return parseDate(text)
    case 'datetime':
      return parseDateTime(text)
    case 'phone':
      return normalisePhone(text)
    case 'email':
      return normaliseEmail(text)
    case 'postcode':
      return normalisePostcode(text)
    default:
      return null
  }
}
