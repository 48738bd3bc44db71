// Contact details as the feed writes them, normalised: UK phone numbers (E.164, and whether a text can
// reach them), postcodes and email addresses. Null means the text is not a valid one.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

export interface Phone {
  /** E.164, e.g. `+447700900123`. */
  readonly e164: string
  /** A UK mobile that can receive a text message. */
  readonly mobile: boolean
}

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
