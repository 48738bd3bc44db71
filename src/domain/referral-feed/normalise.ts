// Turns one raw feed record (a CSV row or a JSON object) into typed values. Nothing here decides
// whether a record is quarantined: it reports per-field problems and validate.ts weighs them.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { DateTime, IANAZone } from 'luxon'
import { londonDate as calendarLondonDate } from '../calendar/working-days.ts'
import {
  type CrimeCategory,
  FEED_FIELDS,
  type FeedFieldName,
  type FieldSpec,
  type Flag,
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

/** Blank (null, absent, empty or only whitespace) → null; otherwise the trimmed text. */
export function readText(value: unknown): { text: string | null; ok: boolean } {
  if (value === null || value === undefined) return { text: null, ok: true }
  if (typeof value === 'string') {
    const t = value.trim()
    return { text: t === '' ? null : t, ok: true }
  }
  if (typeof value === 'number') return Number.isFinite(value) ? { text: String(value), ok: true } : bad
  if (typeof value === 'bigint') return { text: String(value), ok: true }
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', ok: true }
  return bad
}
const bad = { text: null, ok: false } as const

/** `Y`/`N`/`U` case-insensitively, JSON booleans; blank → `U`; anything else → null. */
export function parseFlag(value: unknown): Flag | null {
  if (value === true) return 'Y'
  if (value === false) return 'N'
  const { text, ok } = readText(value)
  if (!ok) return null
  if (text === null) return 'U'
  const up = text.toUpperCase()
  return up === 'Y' || up === 'N' || up === 'U' ? up : null
}

// --- dates ---------------------------------------------------------------------------------------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/

/** A strict `YYYY-MM-DD` calendar date, or null. */
export function parseDate(text: string): string | null {
  const m = DATE_RE.exec(text)
  if (!m) return null
  const d = DateTime.fromObject(
    { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
    { zone: 'utc' },
  )
  return d.isValid ? text : null
}

const london = IANAZone.create(LONDON)
const HOUR = 3_600_000

/**
 * The instant of a wall-clock time in `zone`. The spec fixes both clock-change cases: a time in
 * the spring gap moves forward an hour; a time in the autumn repeat is the first occurrence.
 */
export function resolveLocalTime(wallAsUtcMs: number, zone: IANAZone = london): number {
  if (zone !== london) return resolveLocalTimeUncached(wallAsUtcMs, zone)
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
  return calendarLondonDate(isoUtc)
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
function parseList(value: unknown, codes: readonly string[]): { items: string[]; ok: boolean } {
  let parts: unknown[]
  if (Array.isArray(value)) parts = value
  else {
    const { text, ok } = readText(value)
    if (!ok) return { items: [], ok: false }
    if (text === null) return { items: [], ok: true }
    parts = text.split(';')
  }
  const items: string[] = []
  let ok = true
  for (const part of parts) {
    const r = readText(part)
    if (!r.ok) {
      ok = false
      continue
    }
    if (r.text === null) continue
    const code = r.text.toLowerCase()
    if (!codes.includes(code)) ok = false
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

const SAFETY = new Set<string>(SAFETY_FLAG_NAMES)

/** Normalises one raw record. Never throws, whatever the input. */
export function normaliseRecord(raw: Record<string, unknown>): NormaliseResult {
  const { fields, extras } = splitRaw(raw ?? {})
  const problems: FieldProblem[] = []
  const out: Record<string, unknown> = {}
  const problem = (field: FeedFieldName, kind: FieldProblemKind) => problems.push({ field, kind })

  for (const spec of FEED_FIELDS as readonly FieldSpec[]) {
    const name = spec.name as FeedFieldName
    const value = fields[name]
    if (spec.kind === 'flag') {
      const flag = parseFlag(value)
      const blank = flag === 'U' && readText(value).text === null
      if (spec.required) {
        if (blank) problem(name, 'missing')
        else if (flag === null) problem(name, 'invalid_value')
        out[name] = blank ? null : flag
      } else {
        if (flag === null) problem(name, 'invalid_value')
        // An unreadable safety flag might have been meant as "no": never treat it as permission.
        out[name] = flag ?? (SAFETY.has(name) ? 'N' : 'U')
      }
      continue
    }
    if (spec.kind === 'list') {
      const { items, ok } = parseList(value, spec.codes ?? [])
      if (!ok) problem(name, 'invalid_value')
      out[name] = items
      continue
    }
    const { text, ok } = readText(value)
    if (!ok) {
      problem(name, 'invalid_value')
      out[name] = spec.kind === 'language' ? 'en' : null
      continue
    }
    if (text === null) {
      if (spec.required) problem(name, 'missing')
      out[name] = spec.kind === 'language' ? 'en' : null
      continue
    }
    const parsed = parseValue(spec, text)
    if (parsed === null) {
      problem(name, spec.kind === 'date' || spec.kind === 'datetime' ? 'invalid_date' : 'invalid_value')
      out[name] = spec.kind === 'language' ? 'en' : null
    } else out[name] = parsed
  }
  return { record: out as unknown as NormalisedReferral, problems, extras }
}

function parseValue(spec: FieldSpec, text: string): unknown {
  switch (spec.kind) {
    case 'id':
    case 'text':
      return text
    case 'force_code': {
      const up = text.toUpperCase()
      return /^[A-Z0-9_]{2,12}$/.test(up) ? up : null
    }
    case 'code': {
      const folded = spec.caseFold === 'upper' ? text.toUpperCase() : text.toLowerCase()
      if (!spec.codes) return folded
      return spec.codes.includes(folded) ? folded : null
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
