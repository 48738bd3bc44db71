// What the pages show: options for radios and the "Check your answers" summary.
import { escapeHtml, formatIsoDate, row, type SummaryRow } from '../../shared/summary-list.ts'
import { CRIME_TYPES, crimeTypeById } from './crime-types.ts'
import { CHANNEL_QUESTIONS, channelsOffered } from './forms.ts'
import { BASE } from './journey.ts'
import type { AccessNeed, AccessNeeds, ContactChannel, SelfReferralAnswers } from './session.ts'

export const crimeTypeItems = (selected: string | undefined) =>
  CRIME_TYPES.flatMap((t) => [
    ...(t.id === 'rather_not_say' ? [{ divider: 'or' }] : []),
    { value: t.id, text: t.text, hint: t.hint ? { text: t.hint } : undefined, checked: t.id === selected },
  ])

const CHANNEL_NAMES: Record<ContactChannel, string> = {
  call: 'Phone call',
  text: 'Text message',
  email: 'Email',
  letter: 'Letter',
}

const yesNo = (v: string | undefined) => (v === 'yes' ? 'Yes' : v === 'no' ? 'No' : 'Not answered')

/** The safety questions for the channels the person's contact details allow. */
export function safetyQuestions(answers: SelfReferralAnswers, values: Record<string, unknown>) {
  const contact = answers.contact
  const detail: Record<ContactChannel, string | undefined> = {
    call: contact?.phone,
    text: contact?.phone,
    email: contact?.email,
    letter: contact ? [contact.addressLine1, contact.postcode].filter(Boolean).join(', ') : undefined,
  }
  return channelsOffered(contact).map((channel) => ({
    channel,
    question: CHANNEL_QUESTIONS[channel],
    detail: detail[channel] ?? '',
    value: values[channel],
  }))
}

export const preferredItems = (answers: SelfReferralAnswers, selected: unknown) => [
  ...channelsOffered(answers.contact).map((c) => ({
    value: c,
    text: CHANNEL_NAMES[c],
    checked: selected === c,
  })),
  { value: '', text: 'No preference', checked: !selected },
]

const TOLD_POLICE: Record<string, string> = { yes: 'Yes', no: 'No', not_sure: 'Not sure' }

/** The access needs in words, one a line: for the summary and the referral's notes. */
export function accessLines(access: AccessNeeds | undefined): string[] {
  if (!access) return []
  const words: Record<AccessNeed, string> = {
    interpreter: `An interpreter: ${access.language}`,
    bsl: 'A British Sign Language (BSL) interpreter',
    easy_read: 'Easy read or large print',
    other: access.other ? `Something else: ${access.other}` : 'Something else',
  }
  return access.needs.map((need) => words[need])
}

export function checkAnswersRows(answers: SelfReferralAnswers): SummaryRow[] {
  const { aboutYou, whatHappened, police, contact, safety } = answers
  const change = (page: string) => ({ href: `${BASE}/${page}` })
  const offered = channelsOffered(contact)
  const safeLines = offered.map((c) => `${CHANNEL_NAMES[c]}: ${yesNo(safety?.[c])}`)
  if (offered.includes('call')) safeLines.push(`Voicemail: ${yesNo(safety?.voicemail)}`)
  return [
    ...(answers.chosenService
      ? [row('Service you asked for', [answers.chosenService.name], { href: '/find-support' })]
      : []),
    row('Name', [[aboutYou?.firstName, aboutYou?.lastName].filter(Boolean).join(' ')], change('about-you')),
    row('Date of birth', [formatIsoDate(aboutYou?.dateOfBirth)], change('about-you')),
    row('Help to talk to us', accessLines(aboutYou?.access), change('about-you'), 'None'),
    row(
      'What happened',
      [crimeTypeById(whatHappened?.crimeType)?.text, whatHappened?.description],
      change('what-happened'),
    ),
    row(
      'Told the police',
      [
        police ? TOLD_POLICE[police.toldPolice] : null,
        police?.crimeReference ? `Crime reference: ${police.crimeReference}` : null,
      ],
      change('police'),
    ),
    row('Phone', [contact?.phone], change('contact')),
    row('Email', [contact?.email], change('contact')),
    row('Address', [contact?.addressLine1, contact?.town, contact?.postcode], change('contact')),
    row('Safe ways to contact you', safeLines, change('safe-contact')),
    row(
      'Preferred way',
      [safety?.preferred ? CHANNEL_NAMES[safety.preferred] : 'No preference'],
      change('safe-contact'),
    ),
    row('Safe times', [safety?.safeTimes], change('safe-contact'), 'Any time'),
    row('What we should say', [safety?.safeWords], change('safe-contact'), 'Nothing given'),
    row('Agreed to be contacted', [answers.consent?.agreed ? 'Yes' : 'No'], change('consent')),
  ]
}

export { escapeHtml }
