// A finished partner referral as a referral feed record: it enters the same intake pipeline, checked by
// the same rules, as police referrals.
import type { RawFeedRecord } from '../../../domain/referral-feed/sample.ts'
import type { PartnerReferralAnswers } from './session.ts'

/**
 * Partner agencies are not police forces. Their referrals carry this pseudo force code, with the
 * police crime reference when there is one, so the duplicate rule (force + crime reference + victim)
 * never mistakes a partner's referral for the police's own and vice versa.
 */
export const PARTNER_FORCE_CODE = 'PARTNER'

const yesIf = (on: boolean) => (on ? 'Y' : 'U')

export function toFeedRecord(
  answers: PartnerReferralAnswers,
  options: {
    reference: string
    now: Date
    referrer: { name: string; email: string; organisation: string | null }
  },
): RawFeedRecord {
  const { person, contact, crime, consent } = answers
  const now = options.now.toISOString()
  const flags = new Set(crime?.flags ?? [])
  const referrer = `${options.referrer.name} (${options.referrer.email}${
    options.referrer.organisation ? `, ${options.referrer.organisation}` : ''
  })`
  return {
    referral_id: options.reference,
    force_code: PARTNER_FORCE_CODE,
    crime_reference: crime?.crimeReference || `NONE-${options.reference}`,
    // When the police were told and the date is known it starts the clocks; otherwise the referral does.
    reported_at: crime?.reportedOn ?? now,
    sent_at: now,
    crime_category: crime?.crimeCategory ?? '',
    offence_description: crime?.description ?? '',
    domestic_abuse: yesIf(flags.has('domestic_abuse')),
    hate_crime: yesIf(flags.has('hate_crime')),
    cse: yesIf(flags.has('cse')),
    cyber: yesIf(flags.has('cyber')),
    vulnerable: yesIf(flags.has('vulnerable')),
    victim_type: person?.victimType ?? '',
    forename: person?.forename ?? '',
    surname: person?.surname ?? '',
    date_of_birth: person?.dateOfBirth ?? '',
    gender: person?.gender ?? '',
    address_line1: contact?.addressLine1 ?? '',
    address_line2: contact?.addressLine2 ?? '',
    town: contact?.town ?? '',
    postcode: contact?.postcode ?? '',
    phone_mobile: contact?.phoneMobile ?? '',
    phone_other: contact?.phoneOther ?? '',
    email: contact?.email ?? '',
    preferred_contact: contact?.preferredContact ?? '',
    safe_to_call: contact?.safeToCall ?? 'U',
    safe_to_text: contact?.safeToText ?? 'U',
    safe_to_email: contact?.safeToEmail ?? 'U',
    safe_to_leave_voicemail: contact?.safeToLeaveVoicemail ?? 'U',
    safe_to_write: contact?.safeToWrite ?? 'U',
    safe_contact_notes: contact?.safeContactNotes ?? '',
    consent_to_refer: consent ? 'Y' : 'U',
    consent_recorded_at: consent ? now : '',
    notes: [
      `Referred by ${referrer}.`,
      crime?.toldPolice === 'no' ? 'Not reported to the police.' : '',
      crime?.toldPolice === 'unknown' ? 'Not known whether reported to the police.' : '',
      consent?.notes ?? '',
    ]
      .filter(Boolean)
      .join(' '),
  }
}
