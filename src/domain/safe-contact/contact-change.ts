// Changing a victim's contact details and safe-contact rules. A changed number, email or address is
// the commonest way a victim is put in danger (a letter to the old, shared address; a text to a phone
// the person who harmed them now has), so every value a change replaces is retired: never used again,
// by any channel. Pure rules: reading the form, what a change retires, what differs between versions.
import { normaliseEmail, normalisePhone, normalisePostcode } from '../referral-feed/contacts.ts'
import { FLAG_VALUES, type Flag } from '../referral-feed/fields.ts'

export interface ContactRecord {
  readonly phoneMobile: string | null
  readonly phoneOther: string | null
  readonly email: string | null
  readonly addressLine1: string | null
  readonly addressLine2: string | null
  readonly town: string | null
  readonly postcode: string | null
  readonly safeToCall: Flag
  readonly safeToText: Flag
  readonly safeToEmail: Flag
  readonly safeToLeaveVoicemail: Flag
  readonly safeToWrite: Flag
  readonly safeDays: readonly number[]
  readonly safeFrom: string | null
  readonly safeTo: string | null
  readonly someoneElseAnswers: string | null
  readonly safeContactNotes: string | null
}

export const CONTACT_FIELD_LABELS: Readonly<Record<keyof ContactRecord, string>> = {
  phoneMobile: 'Mobile phone',
  phoneOther: 'Other phone',
  email: 'Email',
  addressLine1: 'Address line 1',
  addressLine2: 'Address line 2',
  town: 'Town',
  postcode: 'Postcode',
  safeToCall: 'Phone calls safe',
  safeToText: 'Text messages safe',
  safeToEmail: 'Email safe',
  safeToLeaveVoicemail: 'Voicemail safe',
  safeToWrite: 'Letters safe',
  safeDays: 'Safe days',
  safeFrom: 'Safe from',
  safeTo: 'Safe until',
  someoneElseAnswers: 'If someone else answers',
  safeContactNotes: 'Notes on safe contact',
}

export type FieldError = { readonly field: string; readonly message: string }

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')
const orNull = (v: string) => (v === '' ? null : v)

/** Reads the posted form into a contact record, or the errors by field (nothing is changed then). */
export function readContactForm(
  raw: Readonly<Record<string, unknown>>,
): { ok: true; record: ContactRecord } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  const phone = (field: string, label: string) => {
    const value = text(raw[field])
    if (value === '') return null
    const parsed = normalisePhone(value)
    if (!parsed) errors.push({ field, message: `Enter a UK ${label} number, like 07700 900123` })
    return parsed?.e164 ?? null
  }
  const flag = (field: string, label: string): Flag => {
    const value = text(raw[field])
    if ((FLAG_VALUES as readonly string[]).includes(value)) return value as Flag
    errors.push({ field, message: `Say whether ${label} are safe` })
    return 'U'
  }
  const time = (field: string, label: string) => {
    const value = text(raw[field])
    if (value === '') return null
    if (!TIME.test(value)) errors.push({ field, message: `Enter ${label} as a 24-hour time, like 09:30` })
    return TIME.test(value) ? value : null
  }
  const emailText = text(raw.email)
  const email = emailText === '' ? null : normaliseEmail(emailText)
  if (emailText !== '' && email === null)
    errors.push({ field: 'email', message: 'Enter an email address, like name@example.com' })
  const postcodeText = text(raw.postcode)
  const postcode = postcodeText === '' ? null : normalisePostcode(postcodeText)
  if (postcodeText !== '' && postcode === null)
    errors.push({ field: 'postcode', message: 'Enter a postcode, like CV34 4AB' })
  const daysRaw = raw.safeDays
  const days = (Array.isArray(daysRaw) ? daysRaw : daysRaw === undefined ? [] : [daysRaw])
    .map((d) => Number(d))
    .filter((d) => Number.isInteger(d) && d >= 1 && d <= 7)
  const record: ContactRecord = {
    phoneMobile: phone('phoneMobile', 'mobile'),
    phoneOther: phone('phoneOther', 'phone'),
    email,
    addressLine1: orNull(text(raw.addressLine1)),
    addressLine2: orNull(text(raw.addressLine2)),
    town: orNull(text(raw.town)),
    postcode,
    safeToCall: flag('safeToCall', 'phone calls'),
    safeToText: flag('safeToText', 'text messages'),
    safeToEmail: flag('safeToEmail', 'emails'),
    safeToLeaveVoicemail: flag('safeToLeaveVoicemail', 'voicemails'),
    safeToWrite: flag('safeToWrite', 'letters'),
    safeDays: [...new Set(days)].sort(),
    safeFrom: time('safeFrom', 'the start of the safe time'),
    safeTo: time('safeTo', 'the end of the safe time'),
    someoneElseAnswers: orNull(text(raw.someoneElseAnswers)),
    safeContactNotes: orNull(text(raw.safeContactNotes)),
  }
  if (record.safeFrom && record.safeTo && record.safeFrom >= record.safeTo)
    errors.push({ field: 'safeTo', message: 'The end of the safe time must be after its start' })
  // In the order the form asks, so the error summary reads down the page.
  const order = Object.keys(CONTACT_FIELD_LABELS)
  errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
  return errors.length ? { ok: false, errors } : { ok: true, record }
}

export type RetiredKind = 'phone' | 'email' | 'address'
export interface RetiredContact {
  readonly kind: RetiredKind
  readonly value: string
}

/** The address as the retired list keys it: line 1 and postcode. */
export const addressKey = (line1: string | null, postcode: string | null) =>
  line1 && postcode ? `${line1.trim().toLowerCase()}|${postcode.replace(/\s/g, '').toUpperCase()}` : null

const addressOf = (r: ContactRecord) => addressKey(r.addressLine1, r.postcode)

/** Which of a record's details were retired before: they may not be used, or entered again. */
export function retiredIn(record: ContactRecord, retired: readonly RetiredContact[]): RetiredContact[] {
  const address = addressOf(record)
  return retired.filter(
    (r) =>
      (r.kind === 'phone' && (r.value === record.phoneMobile || r.value === record.phoneOther)) ||
      (r.kind === 'email' && r.value === record.email) ||
      (r.kind === 'address' && r.value === address),
  )
}

/** The old numbers, email and address a change replaces: each becomes unsafe at once, for good. */
export function retiredBy(before: ContactRecord, after: ContactRecord): RetiredContact[] {
  const out: RetiredContact[] = []
  const keptPhones = new Set([after.phoneMobile, after.phoneOther])
  for (const p of [before.phoneMobile, before.phoneOther])
    if (p !== null && !keptPhones.has(p)) out.push({ kind: 'phone', value: p })
  if (before.email !== null && before.email !== after.email) out.push({ kind: 'email', value: before.email })
  const oldAddress = addressOf(before)
  if (oldAddress !== null && oldAddress !== addressOf(after)) out.push({ kind: 'address', value: oldAddress })
  return out
}

/** Whether a change touches the contact details themselves (not only the rules). */
export const detailsChanged = (before: ContactRecord, after: ContactRecord) =>
  retiredBy(before, after).length > 0 ||
  (['phoneMobile', 'phoneOther', 'email', 'addressLine1', 'postcode'] as const).some(
    (k) => before[k] !== after[k],
  )

/** The fields whose values differ, for "this changed since you opened it". */
export function differences(a: ContactRecord, b: ContactRecord): (keyof ContactRecord)[] {
  return (Object.keys(CONTACT_FIELD_LABELS) as (keyof ContactRecord)[]).filter(
    (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  )
}
