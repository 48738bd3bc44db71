// One schema per question page. Messages follow the GOV.UK pattern: say what to do, name the field.
import { z } from 'zod'
import { normaliseEmail, normalisePhone, normalisePostcode } from '../../../domain/referral-feed/index.ts'
import { type ParsedForm, parseForm } from '../../forms.ts'
import { readDateOfBirth } from '../../shared/date-input.ts'
import { CRIME_TYPES } from './crime-types.ts'
import type { AccessNeed, ContactChannel, SelfReferralAnswers } from './session.ts'

const text = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`).default('')

/** The hidden field people never see; anything typed in it came from a bot. */
export const HONEYPOT_FIELD = 'website'
export const isBot = (body: unknown): boolean => {
  const value = (body as Record<string, unknown> | null)?.[HONEYPOT_FIELD]
  return typeof value === 'string' && value.trim() !== ''
}

const namesSchema = z.object({
  firstName: text(100, 'First name').pipe(z.string().min(1, 'Enter your first name')),
  lastName: text(100, 'Last name').pipe(z.string().min(1, 'Enter your last name')),
})

export type AboutYouValues = NonNullable<SelfReferralAnswers['aboutYou']>

/** Names and an optional date of birth; every problem on the page is reported at once. */
export const ACCESS_NEEDS: readonly AccessNeed[] = ['interpreter', 'bsl', 'easy_read', 'other']

const accessSchema = z
  .object({
    needs: z
      .union([z.string(), z.array(z.string())])
      .default([])
      .transform((v) =>
        (Array.isArray(v) ? v : [v]).filter((n): n is AccessNeed => ACCESS_NEEDS.includes(n as AccessNeed)),
      ),
    language: text(60, 'The language you would like'),
    other: text(300, 'What would help'),
  })
  .superRefine((v, ctx) => {
    if (v.needs.includes('interpreter') && !v.language)
      ctx.addIssue({
        code: 'custom',
        path: ['language'],
        message: 'Enter the language you would like to speak',
      })
  })
  .transform((v) => ({
    ...v,
    language: v.needs.includes('interpreter') ? v.language : '',
    other: v.needs.includes('other') ? v.other : '',
  }))

/** Names, an optional date of birth and optional access needs; every problem on the page is reported at once. */
export function parseAboutYou(body: unknown): ParsedForm<AboutYouValues> {
  const names = parseForm(namesSchema, body)
  const access = parseForm(accessSchema, body)
  const { dob, read } = readDateOfBirth(body)
  if (names.ok && read.ok && access.ok)
    return { ok: true, values: { ...names.values, dateOfBirth: read.iso, dob, access: access.values } }
  const errors = [
    ...(names.ok ? [] : names.errors),
    ...(read.ok ? [] : [{ text: read.message, href: `#dob-${read.part}` }]),
    ...(access.ok ? [] : access.errors),
  ]
  return { ok: false, values: { ...names.values, ...access.values, dob }, errors }
}

const crimeTypeIds = CRIME_TYPES.map((t) => t.id) as [string, ...string[]]
const whatHappenedSchema = z.object({
  crimeType: z.enum(crimeTypeIds, { message: 'Select what happened, or ‘I’d rather not say’' }),
  description: text(1200, 'What happened'),
})
export const parseWhatHappened = (body: unknown) => parseForm(whatHappenedSchema, body)

const policeSchema = z
  .object({
    toldPolice: z.enum(['yes', 'no', 'not_sure'], { message: 'Select whether you told the police' }),
    crimeReference: text(40, 'Crime reference number'),
  })
  .transform((v) => ({ ...v, crimeReference: v.toldPolice === 'yes' ? v.crimeReference : '' }))
export const parsePolice = (body: unknown) => parseForm(policeSchema, body)

const contactSchema = z
  .object({
    phone: text(30, 'Phone number'),
    email: text(254, 'Email address'),
    addressLine1: text(200, 'Address'),
    town: text(100, 'Town or city'),
    postcode: text(10, 'Postcode'),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [path] })
    if (!v.phone && !v.email && !v.addressLine1 && !v.postcode) {
      issue(
        'phone',
        'Give us at least one way to contact you: a phone number, an email address or an address',
      )
      return
    }
    if (v.phone && !normalisePhone(v.phone)) issue('phone', 'Enter a UK phone number, like 07700 900 982')
    if (v.email && !normaliseEmail(v.email))
      issue('email', 'Enter an email address in the correct format, like name@example.com')
    if (v.addressLine1 && !v.postcode) issue('postcode', 'Enter your postcode, so a letter can reach you')
    if (v.postcode && !normalisePostcode(v.postcode))
      issue('postcode', 'Enter a real postcode, like CV34 4AB')
    if (v.postcode && !v.addressLine1) issue('addressLine1', 'Enter the first line of your address')
  })
  .transform((v) => ({
    ...v,
    postcode: v.postcode ? (normalisePostcode(v.postcode) ?? v.postcode) : '',
  }))
export const parseContact = (body: unknown) => parseForm(contactSchema, body)

/** The ways of contacting a person that their contact details make possible, in the order we ask. */
export function channelsOffered(contact: SelfReferralAnswers['contact']): ContactChannel[] {
  if (!contact) return []
  const phone = contact.phone ? normalisePhone(contact.phone) : null
  const out: ContactChannel[] = []
  if (phone) out.push('call')
  if (phone?.mobile) out.push('text')
  if (contact.email) out.push('email')
  if (contact.addressLine1 && contact.postcode) out.push('letter')
  return out
}

export const CHANNEL_QUESTIONS: Record<ContactChannel, string> = {
  call: 'Is it safe for us to phone you?',
  text: 'Is it safe for us to send you text messages?',
  email: 'Is it safe for us to email you?',
  letter: 'Is it safe for us to send you letters?',
}
const NO_ANSWER: Record<ContactChannel, string> = {
  call: 'Select yes if it is safe for us to phone you',
  text: 'Select yes if it is safe for us to text you',
  email: 'Select yes if it is safe for us to email you',
  letter: 'Select yes if it is safe for us to send you letters',
}

export type SafetyValues = NonNullable<SelfReferralAnswers['safety']>

/** The safety page asks only about the channels the person gave details for. */
export function parseSafety(body: unknown, offered: readonly ContactChannel[]): ParsedForm<SafetyValues> {
  const yesNo = z.enum(['yes', 'no']).optional()
  const schema = z
    .object({
      call: yesNo,
      text: yesNo,
      voicemail: yesNo,
      email: yesNo,
      letter: yesNo,
      preferred: z.enum(['call', 'text', 'email', 'letter', '']).default(''),
      safeTimes: text(300, 'Safe times'),
      safeWords: text(300, 'What we should say'),
    })
    .superRefine((v, ctx) => {
      for (const c of offered) {
        if (!v[c]) ctx.addIssue({ code: 'custom', message: NO_ANSWER[c], path: [c] })
      }
      if (offered.includes('call') && v.call === 'yes' && !v.voicemail)
        ctx.addIssue({
          code: 'custom',
          message: 'Select yes if we may leave you a voicemail',
          path: ['voicemail'],
        })
      const answered = offered.filter((c) => v[c])
      if (answered.length === offered.length && answered.every((c) => v[c] === 'no'))
        ctx.addIssue({
          code: 'custom',
          message:
            'We need at least one safe way to reach you. Choose one that is safe, or go back and give us another way',
          path: [offered[0] ?? 'call'],
        })
      if (v.preferred && (!offered.includes(v.preferred) || v[v.preferred] !== 'yes'))
        ctx.addIssue({
          code: 'custom',
          message: 'The way you would prefer must be one you said is safe',
          path: ['preferred'],
        })
    })
    .transform((v) => {
      // Answers about channels the person no longer gave details for are dropped, not kept silently.
      const out: SafetyValues = { preferred: v.preferred, safeTimes: v.safeTimes, safeWords: v.safeWords }
      for (const c of offered) out[c] = v[c]
      if (offered.includes('call')) out.voicemail = v.call === 'yes' ? v.voicemail : 'no'
      return out
    })
  return parseForm(schema, body)
}

const consentSchema = z.object({
  consent: z.literal('yes', {
    message: 'Tick the box to agree to us keeping your details and contacting you, so we can offer support',
  }),
})
export const parseConsent = (body: unknown) => parseForm(consentSchema, body)
