// Turns one raw feed record (a CSV row or a JSON object) into typed values. Nothing here decides
// whether a record is quarantined: it reports per-field problems and validate.ts weighs them.
import { normaliseEmail, normalisePhone, normalisePostcode, type Phone } from './contacts.ts'
import { parseDate, parseDateTime } from './dates.ts'
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
