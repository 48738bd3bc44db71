// The fake Notify's checks of recipients and templates, with GOV.UK Notify's own error messages.
// Sources: the "Send a text message" / "Send an email" / "Send a letter" error tables of
// docs.notifications.service.gov.uk (phone_number Not a UK mobile number, Too many digits, Not enough
// digits, Must not contain letters or symbols, Not a valid country prefix; email_address Not a valid
// email address; personalisation address_line_1 is a required property; Must be a real UK postcode),
// notifications-utils recipients.py (how numbers are normalised before those checks) and
// notifications-api (check_placeholders: "Missing personalisation: a, b").
import { getCountries, getCountryCallingCode } from 'libphonenumber-js'

export class InvalidRecipient extends Error {}

// Characters Notify strips from a number before reading it (spaces, brackets, dashes, a plus, and
// invisible spaces people paste in).
const STRIPPED = /[\s()\-+\u180E\u00A0\uFEFF]|\u200B|\u200C|\u200D|\u2060/g

function normalisePhone(number: string): string {
  const stripped = number.replace(STRIPPED, '')
  if (!/^\d*$/.test(stripped)) throw new InvalidRecipient('Must not contain letters or symbols')
  // Leading zeros go: 07… and 0044… read the same as 7… and 44….
  return stripped.replace(/^0+/, '')
}

function isUkNumber(number: string): boolean {
  const trimmed = number.trim()
  if (trimmed.startsWith('0') && !trimmed.startsWith('00')) return true
  const digits = normalisePhone(number)
  return digits.startsWith('44') || (digits.startsWith('7') && digits.length < 11)
}

const CALLING_CODES = new Set(getCountries().map((country) => getCountryCallingCode(country)))

/** A UK mobile as Notify formats it (447…) or an international number; throws InvalidRecipient. */
export function validatePhoneNumber(number: string): { formatted: string; international: boolean } {
  if (isUkNumber(number)) {
    let digits = normalisePhone(number)
    if (digits.startsWith('44')) digits = digits.slice(2)
    digits = digits.replace(/^0+/, '')
    if (!digits.startsWith('7')) throw new InvalidRecipient('Not a UK mobile number')
    if (digits.length > 10) throw new InvalidRecipient('Too many digits')
    if (digits.length < 10) throw new InvalidRecipient('Not enough digits')
    return { formatted: `44${digits}`, international: false }
  }
  const digits = normalisePhone(number)
  if (digits.length < 8) throw new InvalidRecipient('Not enough digits')
  if (digits.length > 15) throw new InvalidRecipient('Too many digits')
  const prefixed = [1, 2, 3].some((n) => CALLING_CODES.has(digits.slice(0, n) as never))
  if (!prefixed) throw new InvalidRecipient('Not a valid country prefix')
  return { formatted: digits, international: true }
}

// notifications-utils validate_email_address: a local part of the allowed characters, a hostname of
// at least two labels of letters, digits and dashes, no label over 63 characters, a top-level
// domain that is not all digits.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@([^.@][^@\s]+)$/
const HOST_LABEL = /^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$/i

export function validateEmailAddress(address: string): string {
  const trimmed = address.trim()
  const match = EMAIL.exec(trimmed)
  if (!match || trimmed.length > 320 || trimmed.includes('..')) {
    throw new InvalidRecipient('Not a valid email address')
  }
  const labels = (match[1] as string).split('.')
  if (labels.length < 2 || labels.some((label) => label.length > 63 || !HOST_LABEL.test(label))) {
    throw new InvalidRecipient('Not a valid email address')
  }
  if (/^\d+$/.test(labels[labels.length - 1] as string))
    throw new InvalidRecipient('Not a valid email address')
  return trimmed
}

const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i
const COUNTRIES = new Set(['france', 'germany', 'ireland', 'spain', 'italy', 'netherlands', 'poland', 'usa'])

/** The address lines of a letter's personalisation (address_line_1 to 7); throws with Notify's message. */
export function validateLetterAddress(personalisation: Record<string, unknown>): string[] {
  const value = (n: number) => String(personalisation[`address_line_${n}`] ?? '').trim()
  if (value(1) === '') throw new InvalidRecipient('personalisation address_line_1 is a required property')
  const lines = [1, 2, 3, 4, 5, 6, 7].map(value).filter((line) => line !== '')
  if (lines.length < 3) throw new InvalidRecipient('Address must be at least 3 lines')
  const last = lines[lines.length - 1] as string
  if (!UK_POSTCODE.test(last) && !COUNTRIES.has(last.toLowerCase())) {
    throw new InvalidRecipient('Last line of address must be a real UK postcode or another country')
  }
  return lines
}

// Template placeholders: ((name)), and ((name??text)) shown when name is "yes". Notify matches keys
// ignoring case, spaces, dashes and underscores.
const PLACEHOLDER = /\(\(([^()]+?)\)\)/g
const key = (name: string) => name.replace(/[\s_-]/g, '').toLowerCase()

/** Fills a template's text; throws with Notify's "Missing personalisation: …" for names with no value. */
export function fillTemplate(texts: readonly string[], personalisation: Record<string, unknown>): string[] {
  const values = new Map(Object.entries(personalisation).map(([k, v]) => [key(k), v]))
  const missing: string[] = []
  for (const text of texts) {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const name = ((match[1] as string).split('??')[0] as string).trim()
      if (!values.has(key(name)) && !missing.includes(name)) missing.push(name)
    }
  }
  if (missing.length > 0) throw new InvalidRecipient(`Missing personalisation: ${missing.join(', ')}`)
  return texts.map((text) =>
    text.replace(PLACEHOLDER, (_, inner: string) => {
      const [name, conditional] = inner.split('??') as [string, string | undefined]
      const value = values.get(key(name.trim()))
      if (conditional !== undefined)
        return ['yes', 'true'].includes(String(value).toLowerCase()) ? conditional : ''
      return Array.isArray(value) ? value.map((item) => `* ${item}`).join('\n') : String(value)
    }),
  )
}
