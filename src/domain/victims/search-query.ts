// What a person typed in the victim search box, read as the one kind of detail it can be. One box rather
// than a field per detail: staff search with whatever is in front of them (a caller's number, a police
// email quoting a crime reference), and every kind has a shape the others do not share.
import { normaliseEmail, normalisePhone, parseDate } from '../referral-feed/index.ts'

export type SearchKind = 'name' | 'date_of_birth' | 'phone' | 'email' | 'reference' | 'record_id'

/** One way a name may split into forename and surname; each part is a lower-case prefix. */
export type NameReading = { forenamePrefix?: string; surnamePrefix?: string }

export type VictimSearchQuery =
  | { kind: 'name'; readings: NameReading[]; shown: string }
  | { kind: 'date_of_birth'; isoDate: string; shown: string }
  | { kind: 'phone'; e164: string; shown: string }
  | { kind: 'email'; email: string; shown: string }
  | { kind: 'reference'; references: string[]; shown: string }
  | { kind: 'record_id'; id: string; shown: string }

export type ParsedSearch = { ok: true; query: VictimSearchQuery } | { ok: false; message: string }

export const MIN_SEARCH_LENGTH = 2
export const MAX_SEARCH_LENGTH = 100

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DAY_MONTH_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
// A number as people write one: a leading 0 or + (so a numeric referral ID is not taken for a phone) and
// at least ten digits among spaces, brackets, dots and dashes.
const PHONE_SHAPE = /^[+0(][0-9\s().-]*$/

const fail = (message: string): ParsedSearch => ({ ok: false, message })

/** Reads the search text; the message on failure is the one the page shows against the field. */
export function parseVictimSearch(input: string): ParsedSearch {
  const text = input.trim().replace(/\s+/g, ' ')
  if (text === '')
    return fail('Enter a name, date of birth, phone number, email address, crime reference or referral ID')
  if (text.length < MIN_SEARCH_LENGTH) return fail(`Search must be ${MIN_SEARCH_LENGTH} characters or more`)
  if (text.length > MAX_SEARCH_LENGTH) return fail(`Search must be ${MAX_SEARCH_LENGTH} characters or fewer`)

  if (UUID.test(text)) return { ok: true, query: { kind: 'record_id', id: text.toLowerCase(), shown: text } }

  if (text.includes('@')) {
    const email = normaliseEmail(text)
    if (!email) return fail('Enter an email address in the correct format, like name@example.com')
    return { ok: true, query: { kind: 'email', email, shown: email } }
  }

  const isoDate = readDate(text)
  if (isoDate === null) return fail('Date of birth must be a real date, like 27/3/1985 or 1985-03-27')
  if (isoDate) return { ok: true, query: { kind: 'date_of_birth', isoDate, shown: isoDate } }

  // A phone-shaped text that is no UK number may still be a force's all-digit crime reference.
  const phone = PHONE_SHAPE.test(text) && text.replace(/\D/g, '').length >= 10 ? normalisePhone(text) : null
  if (phone) return { ok: true, query: { kind: 'phone', e164: phone.e164, shown: text } }

  // Names have no digits; crime references and referral IDs almost always do.
  if (/\d/.test(text)) {
    const references = [...new Set([text, text.toUpperCase()])]
    return { ok: true, query: { kind: 'reference', references, shown: text } }
  }

  return { ok: true, query: { kind: 'name', readings: nameReadings(text), shown: text } }
}

/** The ISO date, `null` for a date-shaped text that is not a real date, `undefined` for anything else. */
function readDate(text: string): string | null | undefined {
  const dmy = DAY_MONTH_YEAR.exec(text)
  if (dmy) {
    const [, day, month, year] = dmy as unknown as [string, string, string, string]
    return parseDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`)
  }
  if (ISO_DATE.test(text)) return parseDate(text)
  return undefined
}

/**
 * The ways a typed name may be meant, each tried. "Pritchard, Bethan" is surname first (as police systems
 * write it). One word starts a forename or a surname. Several words: the last starts the surname and the
 * rest the forename ("Mary Jane Smith"), or the first is the forename and the rest the surname ("Maria de
 * la Cruz"), or all of it starts the surname ("de la Cruz").
 */
export function nameReadings(text: string): NameReading[] {
  const lower = text.toLowerCase()
  const comma = lower.indexOf(',')
  if (comma >= 0) {
    const surname = lower.slice(0, comma).trim()
    const forename = lower
      .slice(comma + 1)
      .replaceAll(',', ' ')
      .trim()
    if (!surname) return [{ forenamePrefix: forename }]
    return [forename ? { surnamePrefix: surname, forenamePrefix: forename } : { surnamePrefix: surname }]
  }
  const words = lower.split(' ')
  if (words.length === 1) return [{ surnamePrefix: lower }, { forenamePrefix: lower }]
  const readings: NameReading[] = [
    { forenamePrefix: words.slice(0, -1).join(' '), surnamePrefix: words.at(-1) as string },
  ]
  if (words.length > 2)
    readings.push({ forenamePrefix: words[0] as string, surnamePrefix: words.slice(1).join(' ') })
  readings.push({ surnamePrefix: lower })
  return readings
}
