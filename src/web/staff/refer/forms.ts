// One schema per question page of the partner referral. Field rules are the feed's own (phone, email,
// postcode, channels), so a referral that passes here is not quarantined for the same problem later.
import { z } from 'zod'
import {
  assessChannels,
  CRIME_CATEGORY_CODES,
  type Flag,
  normaliseEmail,
  normalisePhone,
  normalisePostcode,
} from '../../../domain/referral-feed/index.ts'
import { type FormError, type ParsedForm, parseForm } from '../../forms.ts'
import { londonToday, readDateInput, readDateOfBirth, readDateParts } from '../../shared/date-input.ts'
import type { PartnerReferralAnswers } from './session.ts'

const text = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`).default('')

const merge = <T>(
  form: ParsedForm<Omit<T, 'dateOfBirth' | 'dob' | 'reportedOn' | 'reported'>>,
  extra: FormError[],
  build: (values: Omit<T, 'dateOfBirth' | 'dob' | 'reportedOn' | 'reported'>) => T,
  raw: Record<string, unknown>,
): ParsedForm<T> => {
  if (form.ok && extra.length === 0) return { ok: true, values: build(form.values) }
  return {
    ok: false,
    values: { ...form.values, ...raw } as Partial<T>,
    errors: [...(form.ok ? [] : form.errors), ...extra],
  }
}

const personSchema = z.object({
  victimType: z.enum(['direct', 'parent_guardian', 'bereaved_relative', 'family_spokesperson'], {
    message: 'Select who the referral is for',
  }),
  forename: text(100, 'First name').pipe(z.string().min(1, 'Enter the victim’s first name')),
  surname: text(100, 'Last name').pipe(z.string().min(1, 'Enter the victim’s last name')),
  gender: z.enum(['', 'female', 'male', 'other', 'unknown']).default(''),
})

export type PersonValues = NonNullable<PartnerReferralAnswers['person']>

export function parsePerson(body: unknown): ParsedForm<PersonValues> {
  const { dob, read } = readDateOfBirth(body)
  return merge<PersonValues>(
    parseForm(personSchema, body),
    read.ok ? [] : [{ text: read.message, href: `#dob-${read.part}` }],
    (v) => ({ ...v, dateOfBirth: read.ok ? read.iso : null, dob }),
    { dob },
  )
}

const flag = z.enum(['Y', 'N', 'U']).default('U')

const contactSchema = z
  .object({
    phoneMobile: text(30, 'Mobile phone'),
    phoneOther: text(30, 'Other phone'),
    email: text(254, 'Email address'),
    addressLine1: text(200, 'Address line 1'),
    addressLine2: text(200, 'Address line 2'),
    town: text(100, 'Town or city'),
    postcode: text(10, 'Postcode'),
    safeToCall: flag,
    safeToText: flag,
    safeToEmail: flag,
    safeToLeaveVoicemail: flag,
    safeToWrite: flag,
    preferredContact: z.enum(['', 'phone', 'sms', 'email', 'letter']).default(''),
    safeContactNotes: text(500, 'Safe contact notes'),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [path] })
    const mobile = v.phoneMobile ? normalisePhone(v.phoneMobile) : null
    const other = v.phoneOther ? normalisePhone(v.phoneOther) : null
    const email = v.email ? normaliseEmail(v.email) : null
    const postcode = v.postcode ? normalisePostcode(v.postcode) : null
    if (v.phoneMobile && !mobile) issue('phoneMobile', 'Enter a UK mobile number, like 07700 900 982')
    if (v.phoneOther && !other) issue('phoneOther', 'Enter a UK phone number, like 01632 960 001')
    if (v.email && !email)
      issue('email', 'Enter an email address in the correct format, like name@example.com')
    if (v.postcode && !postcode) issue('postcode', 'Enter a real postcode, like CV34 4AB')
    const channels = assessChannels({
      phone_mobile: mobile,
      phone_other: other,
      email,
      address_line1: v.addressLine1 || null,
      postcode,
      safe_to_call: v.safeToCall,
      safe_to_text: v.safeToText,
      safe_to_email: v.safeToEmail,
      safe_to_leave_voicemail: v.safeToLeaveVoicemail,
      safe_to_write: v.safeToWrite,
    })
    const anyTyped = v.phoneMobile || v.phoneOther || v.email || v.addressLine1 || v.postcode
    if (!anyTyped)
      issue(
        'phoneMobile',
        'Enter at least one way to contact the victim: a phone number, an email address or an address with a postcode',
      )
    else if (channels.noContactRoute && !v.postcode && v.addressLine1)
      issue('postcode', 'Enter the postcode, so a letter can reach the victim')
    else if (channels.noSafeChannel)
      issue(
        'safeToCall',
        'Every contact detail given is marked not safe. Mark at least one as safe, or give another way',
      )
    const preferred = { phone: 'call', sms: 'text', email: 'email', letter: 'letter' } as const
    if (v.preferredContact && !channels.safe.includes(preferred[v.preferredContact]))
      issue(
        'preferredContact',
        'The preferred way must be one with contact details given that is not marked unsafe',
      )
  })
  .transform((v) => ({ ...v, postcode: v.postcode ? (normalisePostcode(v.postcode) ?? v.postcode) : '' }))
export const parseContact = (body: unknown) => parseForm(contactSchema, body)

export const CRIME_FLAGS = ['domestic_abuse', 'hate_crime', 'cse', 'cyber', 'vulnerable'] as const
const crimeSchema = z.object({
  crimeCategory: z.enum(CRIME_CATEGORY_CODES as [string, ...string[]], {
    message: 'Select the kind of crime, or ‘Anything else’',
  }),
  flags: z
    .union([z.enum(CRIME_FLAGS), z.array(z.enum(CRIME_FLAGS))])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  toldPolice: z.enum(['yes', 'no', 'unknown'], {
    message: 'Select whether the crime was reported to the police',
  }),
  crimeReference: text(40, 'Crime reference'),
  description: text(2000, 'What happened'),
})

export type CrimeValues = NonNullable<PartnerReferralAnswers['crime']>

export function parseCrime(body: unknown): ParsedForm<CrimeValues> {
  const reported = readDateInput(body, 'reported')
  const read = readDateParts(reported, {
    label: 'Date reported to police',
    optional: true,
    notAfter: londonToday(),
  })
  return merge<CrimeValues>(
    parseForm(crimeSchema, body),
    read.ok ? [] : [{ text: read.message, href: `#reported-${read.part}` }],
    (v) => ({
      ...v,
      crimeReference: v.toldPolice === 'yes' ? v.crimeReference : '',
      reportedOn: v.toldPolice === 'yes' && read.ok ? read.iso : null,
      reported,
    }),
    { reported },
  )
}

const consentSchema = z.object({
  consent: z
    .enum(['yes', 'no'], { message: 'Select whether the victim agreed to this referral' })
    .refine((v) => v === 'yes', {
      message:
        'You can only refer someone who has agreed. If they have not, tell them how to refer themselves',
    }),
  notes: text(2000, 'Notes for the hub'),
})
export const parseConsent = (body: unknown) => parseForm(consentSchema, body)

export const flagOf = (value: unknown): Flag => (value === 'Y' || value === 'N' ? value : 'U')
