// Turns a finished self-referral into a referral feed record, so it enters the same intake pipeline
// as police and partner referrals and is checked by the same rules.
import { randomBytes } from 'node:crypto'
import { normalisePhone } from '../../../domain/referral-feed/index.ts'
import type { RawFeedRecord } from '../../../domain/referral-feed/sample.ts'
import { crimeTypeById, RATHER_NOT_SAY } from './crime-types.ts'
import { accessLines } from './presenter.ts'
import type { SelfReferralAnswers, YesNo } from './session.ts'

/**
 * Self-referrals have no sending force. They arrive under this pseudo force code so reports can show
 * them beside each police force and the duplicate rule (force + crime reference + victim) stays exact.
 */
export const SELF_REFERRAL_FORCE_CODE = 'SELF'

// No 0/O or 1/I: a reference read out over the phone must not be misheard.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A reference a person can read out: `SR-` and 8 characters (about 40 bits, so guessing one is useless). */
export function newReference(prefix = 'SR'): string {
  const bytes = randomBytes(8)
  let out = ''
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length]
  return `${prefix}-${out}`
}

const flag = (answer: YesNo | undefined) => (answer === 'yes' ? 'Y' : answer === 'no' ? 'N' : 'U')

const TOLD_POLICE: Record<string, string> = {
  yes: 'They told the police',
  no: 'They have not told the police',
  not_sure: 'They are not sure whether the police know',
}

const PREFERRED = { call: 'phone', text: 'sms', email: 'email', letter: 'letter' } as const

export function toFeedRecord(
  answers: SelfReferralAnswers,
  options: { reference: string; now: Date },
): RawFeedRecord {
  const { aboutYou, whatHappened, police, contact, safety } = answers
  const crimeType = crimeTypeById(whatHappened?.crimeType)
  const now = options.now.toISOString()
  const phone = contact?.phone ? normalisePhone(contact.phone) : null
  const safeNotes = [
    safety?.safeTimes ? `Safe times: ${safety.safeTimes}` : '',
    safety?.safeWords ? `What to say: ${safety.safeWords}` : '',
  ].filter(Boolean)
  const access = accessLines(aboutYou?.access)
  const notes = [
    'Self-referral from the public website.',
    answers.chosenService
      ? `Asked for the service ${answers.chosenService.name} (${answers.chosenService.id}) in find support.`
      : '',
    police ? `${TOLD_POLICE[police.toldPolice]}.` : '',
    whatHappened?.description ? `In their words: ${whatHappened.description}` : '',
    access.length > 0 ? `Help to talk to us: ${access.join('; ')}.` : '',
  ].filter(Boolean)
  return {
    referral_id: options.reference,
    force_code: SELF_REFERRAL_FORCE_CODE,
    // Without a police reference the hub's own reference stands in, so each self-referral is its own crime.
    crime_reference: police?.crimeReference || `NONE-${options.reference}`,
    // Nobody reported to police through this route: the hub's receipt of the referral starts its clocks.
    reported_at: now,
    sent_at: now,
    crime_category: crimeType?.category ?? 'other',
    offence_description:
      crimeType && crimeType.id !== RATHER_NOT_SAY ? `Told us: ${crimeType.text}` : 'Did not say',
    domestic_abuse: crimeType?.flags?.domestic_abuse ?? 'U',
    hate_crime: crimeType?.flags?.hate_crime ?? 'U',
    cyber: crimeType?.flags?.cyber ?? 'U',
    cse: crimeType?.flags?.cse ?? 'U',
    victim_type: crimeType?.victimType ?? 'direct',
    forename: aboutYou?.firstName ?? '',
    surname: aboutYou?.lastName ?? '',
    date_of_birth: aboutYou?.dateOfBirth ?? '',
    address_line1: contact?.addressLine1 ?? '',
    town: contact?.town ?? '',
    postcode: contact?.postcode ?? '',
    phone_mobile: phone?.mobile ? contact?.phone : '',
    phone_other: phone && !phone.mobile ? contact?.phone : '',
    email: contact?.email ?? '',
    preferred_contact: safety?.preferred ? PREFERRED[safety.preferred] : '',
    safe_to_call: flag(safety?.call),
    safe_to_text: flag(safety?.text),
    safe_to_email: flag(safety?.email),
    safe_to_leave_voicemail: flag(safety?.voicemail),
    safe_to_write: flag(safety?.letter),
    safe_contact_notes: safeNotes.join('. '),
    consent_to_refer: answers.consent?.agreed ? 'Y' : 'U',
    consent_recorded_at: answers.consent?.agreed ? now : '',
    interpreter_required: aboutYou?.access?.needs.some((n) => n === 'interpreter' || n === 'bsl') ? 'Y' : 'U',
    notes: notes.join(' '),
  }
}
