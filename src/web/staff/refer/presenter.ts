import { CRIME_CATEGORIES } from '../../../domain/referral-feed/index.ts'
import { categoryLabel } from '../../shared/referral-text.ts'
import { formatIsoDate, row, type SummaryRow } from '../../shared/summary-list.ts'
import type { PartnerReferralAnswers } from './session.ts'

export const BASE = '/staff/refer'
export const PAGES = ['person', 'contact', 'crime', 'consent'] as const
export type PageId = (typeof PAGES)[number]

export const firstIncomplete = (a: PartnerReferralAnswers): PageId | undefined => PAGES.find((p) => !a[p])
export const nextUrl = (a: PartnerReferralAnswers) => {
  const page = firstIncomplete(a)
  return page ? `${BASE}/${page}` : `${BASE}/check-answers`
}
export const backUrl = (page: PageId) => {
  const i = PAGES.indexOf(page)
  return i <= 0 ? BASE : `${BASE}/${PAGES[i - 1]}`
}

export const VICTIM_TYPES = [
  { value: 'direct', text: 'The victim themselves' },
  {
    value: 'parent_guardian',
    text: 'A child victim',
    hint: 'Give the child’s name and date of birth, and a parent’s or carer’s contact details',
  },
  { value: 'bereaved_relative', text: 'A bereaved relative of someone killed by crime' },
  { value: 'family_spokesperson', text: 'A family spokesperson' },
] as const

export const FLAG_ITEMS = [
  { value: 'domestic_abuse', text: 'Domestic abuse' },
  { value: 'hate_crime', text: 'Hate crime' },
  { value: 'cse', text: 'Child sexual exploitation' },
  { value: 'cyber', text: 'Online or cyber crime' },
  {
    value: 'vulnerable',
    text: 'The victim is vulnerable (for example a mental health condition or learning disability)',
  },
] as const

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

export const categoryItems = (selected: unknown) => [
  { value: '', text: 'Choose a kind of crime' },
  ...CRIME_CATEGORIES.map((c) => ({
    value: c.code,
    text: sentence(c.meaning),
    selected: c.code === selected,
  })),
]

export const flagItems = (name: string, value: unknown) => [
  { value: 'Y', text: 'Yes', checked: value === 'Y' },
  { value: 'N', text: 'No', checked: value === 'N' },
  { value: 'U', text: 'Not asked', checked: value !== 'Y' && value !== 'N', id: `${name}-U` },
]

const FLAG_TEXT = { Y: 'Yes', N: 'No', U: 'Not asked' } as const
const PREFERRED = {
  phone: 'Phone call',
  sms: 'Text message',
  email: 'Email',
  letter: 'Letter',
  '': 'No preference',
}

export function checkAnswersRows(a: PartnerReferralAnswers): SummaryRow[] {
  const { person, contact, crime, consent } = a
  const change = (page: PageId) => ({ href: `${BASE}/${page}` })
  const type = VICTIM_TYPES.find((t) => t.value === person?.victimType)?.text
  return [
    row('Referral for', [type], change('person')),
    row('Name', [[person?.forename, person?.surname].filter(Boolean).join(' ')], change('person')),
    row('Date of birth', [formatIsoDate(person?.dateOfBirth)], change('person')),
    row('Phone', [contact?.phoneMobile, contact?.phoneOther], change('contact')),
    row('Email', [contact?.email], change('contact')),
    row(
      'Address',
      [contact?.addressLine1, contact?.addressLine2, contact?.town, contact?.postcode],
      change('contact'),
    ),
    row(
      'Safe to use',
      contact
        ? [
            `Phone calls: ${FLAG_TEXT[contact.safeToCall]}`,
            `Voicemail: ${FLAG_TEXT[contact.safeToLeaveVoicemail]}`,
            `Text messages: ${FLAG_TEXT[contact.safeToText]}`,
            `Email: ${FLAG_TEXT[contact.safeToEmail]}`,
            `Letters: ${FLAG_TEXT[contact.safeToWrite]}`,
          ]
        : [],
      change('contact'),
    ),
    row('Preferred contact', [contact ? PREFERRED[contact.preferredContact] : null], change('contact')),
    row('Safe contact notes', [contact?.safeContactNotes], change('contact'), 'None'),
    row('Kind of crime', [crime ? categoryLabel(crime.crimeCategory) : null], change('crime')),
    row(
      'Also',
      (crime?.flags ?? []).map((f) => FLAG_ITEMS.find((i) => i.value === f)?.text),
      change('crime'),
      'None',
    ),
    row(
      'Reported to police',
      [
        crime ? { yes: 'Yes', no: 'No', unknown: 'Not known' }[crime.toldPolice] : null,
        crime?.crimeReference ? `Crime reference: ${crime.crimeReference}` : null,
        crime?.reportedOn ? `Reported on ${formatIsoDate(crime.reportedOn)}` : null,
      ],
      change('crime'),
    ),
    row('What happened', [crime?.description], change('crime'), 'Not given'),
    row('Victim agreed to referral', [consent ? 'Yes' : 'No'], change('consent')),
    row('Notes for the hub', [consent?.notes], change('consent'), 'None'),
  ]
}

export const OUTCOME_TEXT: Record<string, string> = {
  accepted: 'The hub has the referral and will contact the victim.',
  duplicate: 'The hub already had a referral for this person and crime, so it was added to it.',
  quarantined:
    'The hub needs to check some details before contacting the victim. A data quality officer will look at it and may contact you.',
  consent_refused: 'The referral was recorded, but the victim will not be contacted.',
}
