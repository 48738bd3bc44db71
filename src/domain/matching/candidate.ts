/**
 * What the matcher compares (`MatchSubject`), its prepared (normalised, phonetic-coded) form, and the
 * blocking keys the database indexes so that candidates are found without scanning every victim.
 */
import { canonicalGivenNames, nameTokens, phoneticCodes } from './names.ts'

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

export interface PreparedDate {
  year: number
  month: number
  day: number
  /** 'YYYYMMDD', for digit-level typo comparison. */
  digits: string
  iso: string
}

/** A subject normalised once, so scoring many candidates does not redo the string work. */
export interface PreparedSubject {
  forenameTokens: string[]
  forenameJoined: string
  /** Phonetic codes per forename token (same index). */
  forenameCodes: string[][]
  surnameTokens: string[]
  surnameJoined: string
  surnameCodes: string[]
  dob: PreparedDate | null
  phones: string[]
  emails: string[]
  postcode: string | null
  /** 'CV34 4': postcode sector, shared by a few thousand addresses. */
  sector: string | null
  address: string | null
  houseNumber: string | null
  personKey: string | null
  proxyContact: boolean
}

/** Dates that systems use as "unknown"; treating them as real would make strangers agree on DOB. */
const PLACEHOLDER_DATES = new Set(['1900-01-01', '1901-01-01', '1970-01-01'])

export function prepareDate(iso: string | null): PreparedDate | null {
  if (!iso) return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim())
  if (!m) return null
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  if (year < 1900 || PLACEHOLDER_DATES.has(iso.trim())) return null
  return { year, month, day, digits: `${m[1]}${m[2]}${m[3]}`, iso: iso.trim() }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function normalisePostcode(raw: string | null): string | null {
  if (!raw) return null
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '')
  if (compact.length < 5 || compact.length > 7) return null
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`
}

const ADDRESS_WORDS: Readonly<Record<string, string>> = {
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
}

/** Lower-case, punctuation out, common street words abbreviated, so "12, Warwick Road" = "12 warwick rd". */
export function normaliseAddressLine(raw: string | null): string | null {
  if (!raw) return null
  const words = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => ADDRESS_WORDS[w] ?? w)
  return words.length === 0 ? null : words.join(' ')
}

const cache = new WeakMap<MatchSubject, PreparedSubject>()

/** Normalise a subject once; memoised by object identity (invisible to callers, keeps scoring fast). */
export function prepare(subject: MatchSubject): PreparedSubject {
  const hit = cache.get(subject)
  if (hit) return hit
  const forenameTokens = nameTokens(subject.forename)
  const surnameTokens = nameTokens(subject.surname)
  const surnameJoined = surnameTokens.join('')
  const address = normaliseAddressLine(subject.addressLine1)
  const postcode = normalisePostcode(subject.postcode)
  const force = subject.forceCode?.trim().toUpperCase()
  const ref = subject.personRef?.trim().toUpperCase()
  const prepared: PreparedSubject = {
    forenameTokens,
    forenameJoined: forenameTokens.join(''),
    forenameCodes: forenameTokens.map(phoneticCodes),
    surnameTokens,
    surnameJoined,
    surnameCodes: phoneticCodes(surnameJoined),
    dob: prepareDate(subject.dateOfBirth),
    phones: [...new Set(subject.phones.map((p) => p.replace(/[^+0-9]/g, '')).filter((p) => p.length >= 8))],
    emails: [...new Set(subject.emails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')))],
    postcode,
    sector: postcode ? postcode.slice(0, -2) : null,
    address,
    houseNumber: address ? (/\d+[a-z]?/.exec(address)?.[0] ?? null) : null,
    personKey: force && ref ? `${force}:${ref}` : null,
    proxyContact: subject.proxyContact === true,
  }
  cache.set(subject, prepared)
  return prepared
}

/**
 * Forename codes used in name keys: the Double Metaphone primary of the name itself and of the
 * canonical name of each nickname group it belongs to, so Bob, Robert and a misspelt Robret meet.
 */
export function forenameKeyCodes(forename: string): string[] {
  const first = nameTokens(forename)[0]
  if (!first) return []
  const codes = new Set<string>()
  const own = phoneticCodes(first)[0]
  if (own) codes.add(own)
  for (const canonical of canonicalGivenNames(first)) {
    const code = phoneticCodes(canonical)[0]
    if (code) codes.add(code)
  }
  return [...codes]
}

/** Surname codes used in keys: the whole (joined) surname and, if double-barrelled, each part. */
export function surnameKeyCodes(surname: string): string[] {
  const tokens = nameTokens(surname)
  if (tokens.length === 0) return []
  const codes = new Set<string>()
  for (const word of tokens.length > 1 ? [tokens.join(''), ...tokens] : tokens) {
    const code = phoneticCodes(word)[0]
    if (code) codes.add(code)
  }
  return [...codes]
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
  const keys = new Set<string>()
  const fn = forenameKeyCodes(subject.forename)
  const sn = surnameKeyCodes(subject.surname)
  if (p.dob) {
    keys.add(`dob:${p.dob.iso}`)
    const { year, month, day } = p.dob
    if (day <= 12 && day !== month) {
      const lo = Math.min(day, month)
      const hi = Math.max(day, month)
      keys.add(`dobt:${year}-${pad(lo)}-${pad(hi)}`)
    }
    for (const f of fn) {
      for (const s of sn) {
        keys.add(`nm:${f}:${s}:${year}`)
        keys.add(`nmd:${f}:${s}:${pad(month)}-${pad(day)}`)
      }
    }
  }
  for (const phone of p.phones) keys.add(`ph:${phone}`)
  for (const email of p.emails) keys.add(`em:${email}`)
  if (p.personKey) keys.add(`pr:${p.personKey}`)
  if (p.postcode) {
    for (const s of sn) keys.add(`pc:${p.postcode}:${s}`)
    for (const f of fn) keys.add(`pf:${p.postcode}:${f}`)
  }
  return [...keys]
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}
