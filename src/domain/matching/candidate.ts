/**
 * What the matcher compares (`MatchSubject`), its prepared (normalised, phonetic-coded) form, and the
 * blocking keys the database indexes so that candidates are found without scanning every victim.
 */
import { BoundedMemo } from './bounded-memo.ts'
import { canonicalGivenNames, NAME_MEMO_CAPACITY, nameForm, sharedPhoneticCodes } from './names.ts'

/**
 * One identity as the matcher sees it: an incoming referral's victim, or one known snapshot of an
 * existing victim (the repository may hold several per victim: one per referral or address change).
 * Contact fields are expected already normalised by intake; the matcher normalises again defensively.
 */
export interface MatchSubject {
  forename: string
  surname: string
  /** 'YYYY-MM-DD' or null when unknown. */
  dateOfBirth: string | null
  /** E.164, e.g. '+447700900123'. */
  phones: readonly string[]
  /** Lower-case. */
  emails: readonly string[]
  /** Normalised UK postcode, e.g. 'CV34 4AB', or null. */
  postcode: string | null
  addressLine1: string | null
  /** Sending force; scopes `personRef`. */
  forceCode: string | null
  /** Police person id: evidence, never proof (may be missing or reused wrongly). */
  personRef: string | null
  /**
   * True when the phones and emails are someone else's (victim_type parent_guardian: a child's referral
   * carries the parent's contact details). Such contacts are household evidence, not personal.
   */
  proxyContact?: boolean
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i])

/**
 * Two subjects carrying exactly the same identity details. A repeat referral usually repeats its victim's
 * details word for word; storing that snapshot again would add nothing to matching but rows and
 * candidates.
 */
export function sameSubject(a: MatchSubject, b: MatchSubject): boolean {
  return (
    a.forename === b.forename &&
    a.surname === b.surname &&
    a.dateOfBirth === b.dateOfBirth &&
    a.postcode === b.postcode &&
    a.addressLine1 === b.addressLine1 &&
    a.forceCode === b.forceCode &&
    a.personRef === b.personRef &&
    (a.proxyContact ?? false) === (b.proxyContact ?? false) &&
    sameList(a.phones, b.phones) &&
    sameList(a.emails, b.emails)
  )
}

export interface PreparedDate {
  year: number
  month: number
  day: number
  /** 'YYYYMMDD', for digit-level typo comparison. */
  digits: string
  iso: string
}

/**
 * A subject normalised once, so scoring many candidates does not redo the string work. Read-only: the
 * name arrays are shared with every other subject of the same name.
 */
export interface PreparedSubject {
  readonly forenameTokens: readonly string[]
  readonly forenameJoined: string
  /** Phonetic codes per forename token (same index). */
  readonly forenameCodes: readonly (readonly string[])[]
  readonly surnameTokens: readonly string[]
  readonly surnameJoined: string
  readonly surnameCodes: readonly string[]
  /** First forename word and the surname run together ('john smith'): what name counts are kept by. */
  readonly fullName: string | null
  readonly dob: PreparedDate | null
  readonly phones: readonly string[]
  readonly emails: readonly string[]
  readonly postcode: string | null
  /** 'CV34 4': postcode sector, shared by a few thousand addresses. */
  readonly sector: string | null
  readonly address: string | null
  readonly houseNumber: string | null
  /** 'FORCE:REF': a police person id means something only within the force that issued it. */
  readonly personKey: string | null
  /** The force part of `personKey`. */
  readonly personKeyForce: string | null
  readonly proxyContact: boolean
}

/** Dates that systems use as "unknown"; treating them as real would make strangers agree on DOB. */
const PLACEHOLDER_DATES = new Set(['1900-01-01', '1901-01-01', '1970-01-01'])

export function prepareDate(iso: string | null): PreparedDate | null {
  if (!iso) return null
  const trimmed = iso.trim()
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed)
  if (!m) return null
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  if (PLACEHOLDER_DATES.has(trimmed)) return null
  return { year, month, day, digits: `${m[1]}${m[2]}${m[3]}`, iso: trimmed }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Gregorian arithmetic rather than `Date`: this runs for every subject an import prepares. */
function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29
  return DAYS_IN_MONTH[month - 1] as number
}

export function normalisePostcode(raw: string | null): string | null {
  if (!raw) return null
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '')
  if (compact.length < 5 || compact.length > 7) return null
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`
}

/** A Map, not an object literal: a street named "Constructor" must not find Object.prototype's. */
export const ADDRESS_ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    road: 'rd',
    street: 'st',
    avenue: 'ave',
    av: 'ave',
    lane: 'ln',
    drive: 'dr',
    close: 'cl',
    crescent: 'cres',
    court: 'ct',
    place: 'pl',
    gardens: 'gdns',
    terrace: 'ter',
    grove: 'gr',
    square: 'sq',
    way: 'wy',
    apartment: 'flat',
    apt: 'flat',
  }),
)

/** Lower-case, punctuation out, common street words abbreviated, so "12, Warwick Road" = "12 warwick rd". */
export function normaliseAddressLine(raw: string | null): string | null {
  if (!raw) return null
  // One pass over the characters instead of replace/split/filter/map/join: every subject runs this.
  const lower = raw.toLowerCase()
  let normalised = ''
  let wordStart = -1
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      if (wordStart < 0) wordStart = i
      continue
    }
    if (wordStart < 0) continue
    const word = lower.slice(wordStart, i)
    const abbreviated = ADDRESS_ABBREVIATIONS.get(word) ?? word
    normalised = normalised === '' ? abbreviated : `${normalised} ${abbreviated}`
    wordStart = -1
  }
  return normalised === '' ? null : normalised
}

/**
 * Subjects already prepared, by object identity: the incoming subject is scored against every candidate.
 *
 * There is deliberately no cache by content, although candidates arrive from the database as fresh
 * objects for every chunk. Measured on the 20,000-person truth set, building a key of every field and
 * looking it up in a Map cost more (about 1.5–3 µs) than preparing afresh once the name work is memoised
 * (about 2 µs), and the cache would have held memory besides.
 */
const preparedByIdentity = new WeakMap<MatchSubject, PreparedSubject>()

/**
 * Normalise a subject once per object (memoised by identity, invisible to callers, keeps scoring fast).
 * The result shares arrays with other prepared subjects: treat it as read-only.
 */
export function prepare(subject: MatchSubject): PreparedSubject {
  const known = preparedByIdentity.get(subject)
  if (known) return known
  const prepared = prepareUncached(subject)
  preparedByIdentity.set(subject, prepared)
  return prepared
}

/** The normalisation itself, without the identity memo (exported so tests can check it changes nothing). */
export function prepareUncached(subject: MatchSubject): PreparedSubject {
  const forename = nameForm(subject.forename)
  const surname = nameForm(subject.surname)
  const address = normaliseAddressLine(subject.addressLine1)
  const postcode = normalisePostcode(subject.postcode)
  const force = subject.forceCode?.trim().toUpperCase()
  const ref = subject.personRef?.trim().toUpperCase()
  return {
    forenameTokens: forename.tokens,
    forenameJoined: forename.joined,
    forenameCodes: forename.tokenCodes,
    surnameTokens: surname.tokens,
    surnameJoined: surname.joined,
    surnameCodes: surname.joinedCodes,
    fullName: fullNameOfForms(forename.tokens, surname.joined),
    dob: prepareDate(subject.dateOfBirth),
    phones: uniqueNormalisedPhones(subject.phones),
    emails: uniqueNormalisedEmails(subject.emails),
    postcode,
    sector: postcode ? postcode.slice(0, -2) : null,
    address,
    houseNumber: address ? (/\d+[a-z]?/.exec(address)?.[0] ?? null) : null,
    personKey: force && ref ? `${force}:${ref}` : null,
    personKeyForce: force && ref ? forceOfPersonKey(force) : null,
    proxyContact: subject.proxyContact === true,
  }
}

function fullNameOfForms(forenameTokens: readonly string[], surnameJoined: string): string | null {
  const first = forenameTokens[0]
  return first === undefined || surnameJoined === '' ? null : `${first} ${surnameJoined}`
}

/**
 * The name a victim is counted under in the hub's name counts: the first forename word and the whole
 * surname, normalised ('Mr John Paul Smith-Jones' is 'john smithjones'); null without both.
 */
export function fullNameOf(subject: Pick<MatchSubject, 'forename' | 'surname'>): string | null {
  return fullNameOfForms(nameForm(subject.forename).tokens, nameForm(subject.surname).joined)
}

/** Up to the first colon, as the force of a person key has always been read (a force code may hold one). */
function forceOfPersonKey(force: string): string {
  const colon = force.indexOf(':')
  return colon < 0 ? force : force.slice(0, colon)
}

function uniqueNormalisedPhones(phones: readonly string[]): string[] {
  const out: string[] = []
  for (const raw of phones) {
    const phone = raw.replace(/[^+0-9]/g, '')
    if (phone.length >= 8 && !out.includes(phone)) out.push(phone)
  }
  return out
}

function uniqueNormalisedEmails(emails: readonly string[]): string[] {
  const out: string[] = []
  for (const raw of emails) {
    const email = raw.trim().toLowerCase()
    if (email.includes('@') && !out.includes(email)) out.push(email)
  }
  return out
}

/**
 * Forename codes used in name keys: the Double Metaphone primary of the name itself and of the
 * canonical name of each nickname group it belongs to, so Bob, Robert and a misspelt Robret meet.
 */
export function forenameKeyCodes(forename: string): string[] {
  return [...forenameKeyCodesOfToken(nameForm(forename).tokens[0])]
}

/** Key codes by first forename token; the array is shared, so it must not be changed. */
const forenameKeyCodesMemo = new BoundedMemo<string, readonly string[]>(NAME_MEMO_CAPACITY)

function forenameKeyCodesOfToken(first: string | undefined): readonly string[] {
  if (!first) return []
  const hit = forenameKeyCodesMemo.get(first)
  if (hit) return hit
  const codes = new Set<string>()
  const own = sharedPhoneticCodes(first)[0]
  if (own) codes.add(own)
  for (const canonical of canonicalGivenNames(first)) {
    const code = sharedPhoneticCodes(canonical)[0]
    if (code) codes.add(code)
  }
  const result = [...codes]
  forenameKeyCodesMemo.set(first, result)
  return result
}

/** Surname codes used in keys: the whole (joined) surname and, if double-barrelled, each part. */
export function surnameKeyCodes(surname: string): string[] {
  const form = nameForm(surname)
  return surnameKeyCodesOf(form.tokens, form.joinedCodes)
}

function surnameKeyCodesOf(tokens: readonly string[], joinedCodes: readonly string[]): string[] {
  const codes: string[] = []
  const whole = joinedCodes[0]
  if (whole) codes.push(whole)
  if (tokens.length > 1) {
    for (const word of tokens) {
      const code = sharedPhoneticCodes(word)[0]
      if (code && !codes.includes(code)) codes.push(code)
    }
  }
  return codes
}

/**
 * Blocking keys. Store every key of every known identity snapshot in an indexed table
 * (`victim_match_key(victim_id, key text)`, index on `key`); to match, select the victims sharing any of
 * the incoming subject's keys and score only those. Keys are symmetric: the same function serves storing
 * and querying, no query-side expansion. Formats (codes are Double Metaphone primaries):
 *
 * - `dob:YYYY-MM-DD`                 exact date of birth
 * - `dobt:YYYY-LO-HI`                date with day and month sorted (only when the day/month swap is also
 *                                    a valid, different date), so 1990-03-07 and 1990-07-03 meet
 * - `ph:<E.164>`                     each phone
 * - `em:<email>`                     each email
 * - `pr:<FORCE>:<REF>`               police person id scoped by force
 * - `pc:<POSTCODE>:<surname code>`   same postcode, similar surname (DOB missing or mistyped)
 * - `pf:<POSTCODE>:<forename code>`  same postcode, similar forename (married name and no DOB)
 * - `nm:<forename code>:<surname code>:<YYYY>`   name + birth year (month/day mistyped)
 * - `nmd:<forename code>:<surname code>:<MM-DD>` name + birthday (year mistyped)
 *
 * Keys whose bucket grows huge (a switchboard phone, a hostel postcode) should be treated as stop keys
 * by the repository (skip buckets above a cap); the bench reports how often that happens.
 */
export function blockingKeys(subject: MatchSubject): string[] {
  const p = prepare(subject)
  // No set needed: each kind of key has its own prefix, and within a kind the parts (codes, phones,
  // emails) are already distinct.
  const keys: string[] = []
  const fn = forenameKeyCodesOfToken(p.forenameTokens[0])
  const sn = surnameKeyCodesOf(p.surnameTokens, p.surnameCodes)
  if (p.dob) {
    keys.push(`dob:${p.dob.iso}`)
    const { year, month, day } = p.dob
    if (day <= 12 && day !== month) {
      const lo = Math.min(day, month)
      const hi = Math.max(day, month)
      keys.push(`dobt:${year}-${pad(lo)}-${pad(hi)}`)
    }
    const monthDay = `${pad(month)}-${pad(day)}`
    for (const f of fn) {
      for (const s of sn) {
        keys.push(`nm:${f}:${s}:${year}`)
        keys.push(`nmd:${f}:${s}:${monthDay}`)
      }
    }
  }
  for (const phone of p.phones) keys.push(`ph:${phone}`)
  for (const email of p.emails) keys.push(`em:${email}`)
  if (p.personKey) keys.push(`pr:${p.personKey}`)
  if (p.postcode) {
    for (const s of sn) keys.push(`pc:${p.postcode}:${s}`)
    for (const f of fn) keys.push(`pf:${p.postcode}:${f}`)
  }
  return keys
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}
