// A clean referral for a crime and its victim, passing every record check: the contact details the
// police hold, which channels are safe (less often for sensitive crimes), language, vulnerability,
// consent, the police THRIVE assessment and the officer in charge.
import { londonDate } from '../../domain/referral-feed/dates.ts'
import { isUnder18On } from '../../domain/referral-feed/validate.ts'
import { formatPhone, randomMobile } from '../people/contact.ts'
import { knownAs } from '../people/names.ts'
import { type Address, randomAddress } from '../people/places.ts'
import { ENGAGEMENT, INVESTIGATION, REFERRER_NOTES, SAFE_NOTES, SENSITIVE_CATEGORIES } from './crime-mix.ts'
import { type Crime, type FeedRecord, type FeedState, nextReferralId, type Victim } from './state.ts'
import { blankRecord, formatDateTime, formatFlag, formatPostcode, minute } from './written-forms.ts'

/** `consent: 'auto'` gives explicit consent where the feed requires it and mostly elsewhere. */
export function cleanRecord(
  state: FeedState,
  crime: Crime,
  victim: Victim,
  sentMs: number,
  consent: 'Y' | 'U' | 'N' | 'auto',
): FeedRecord {
  const rng = state.rng
  const r = blankRecord()
  const p = victim.contact
  const onDate = londonDate(new Date(crime.reportedMs).toISOString())
  r.referral_id = nextReferralId(state, crime.force, sentMs)
  r.force_code = crime.force
  r.crime_reference = crime.crimeReference
  r.reported_at = formatDateTime(rng, crime.reportedMs)
  r.crime_recorded_at = crime.recordedMs === null ? '' : formatDateTime(rng, crime.recordedMs)
  r.sent_at = formatDateTime(rng, sentMs)
  r.crime_category = rng.chance(0.03) ? crime.category.toUpperCase() : crime.category
  r.offence_code = crime.offence[0]
  r.offence_description = crime.offence[1]
  r.domestic_abuse = formatFlag(rng, crime.da ? 'Y' : rng.chance(0.7) ? 'N' : 'U')
  r.hate_crime = formatFlag(rng, crime.hate.length > 0 ? 'Y' : rng.chance(0.6) ? 'N' : 'U')
  r.hate_strands = crime.hate.join(';')
  r.cse = formatFlag(rng, crime.cse ? 'Y' : 'U')
  r.cyber = formatFlag(rng, crime.cyber ? 'Y' : 'U')
  r.rural = formatFlag(rng, crime.rural ? 'Y' : 'U')
  r.victim_person_ref = victim.entry.personRef ?? ''
  r.victim_type = victim.victimType
  r.title = p.title
  r.forename = victim.repeat && rng.chance(0.25) ? knownAs(rng, p.forename) : p.forename
  r.surname = p.surname
  r.date_of_birth = victim.repeat && rng.chance(0.1) ? '' : rng.chance(0.04) ? '' : p.dateOfBirth
  r.gender = rng.chance(0.9) ? p.sex : rng.pick(['unknown', '', 'other'])

  // Contact details: what the police hold for whoever the hub should contact.
  let mobile = p.mobile
  if (victim.repeat && rng.chance(0.1)) mobile = randomMobile(rng)
  const address: Address | null = rng.chance(0.04)
    ? null
    : victim.repeat && rng.chance(0.05)
      ? randomAddress(rng)
      : p.address
  const email =
    p.email && (!victim.repeat || rng.chance(0.8))
      ? rng.chance(0.05)
        ? p.email.toUpperCase()
        : p.email
      : null
  if (!mobile && !p.landline && !email && !address) mobile = randomMobile(rng)
  r.phone_mobile = mobile ? formatPhone(rng, mobile) : ''
  r.phone_other = p.landline ? formatPhone(rng, p.landline) : ''
  r.email = email ?? ''
  if (address) {
    r.address_line1 = address.line1
    r.address_line2 = address.line2
    r.town = address.town
    r.postcode = formatPostcode(rng, address.postcode)
  }
  const usable: ('call' | 'text' | 'email' | 'letter')[] = []
  if (mobile || p.landline) usable.push('call')
  if (mobile) usable.push('text')
  if (email) usable.push('email')
  if (address) usable.push('letter')

  const sensitive = crime.da || SENSITIVE_CATEGORIES.has(crime.category)
  const flagFor = (unsafeRate: number): 'Y' | 'N' | 'U' =>
    rng.chance(unsafeRate)
      ? 'N'
      : rng.weighted([
          ['Y', sensitive ? 5 : 6],
          ['U', sensitive ? 2 : 4],
        ] as const)
  const flags = {
    call: flagFor(sensitive ? 0.15 : 0.01),
    text: flagFor(sensitive ? 0.2 : 0.01),
    email: flagFor(sensitive ? 0.25 : 0.01),
    letter: flagFor(sensitive ? 0.45 : 0.02),
  }
  if (!usable.some((c) => flags[c] !== 'N')) flags[usable[0] ?? 'call'] = 'Y'
  r.safe_to_call = formatFlag(rng, flags.call)
  r.safe_to_text = formatFlag(rng, flags.text)
  r.safe_to_email = formatFlag(rng, flags.email)
  r.safe_to_write = formatFlag(rng, flags.letter)
  r.safe_to_leave_voicemail = formatFlag(
    rng,
    flags.call === 'N' || (sensitive && rng.chance(0.5)) ? 'N' : rng.chance(0.5) ? 'Y' : 'U',
  )
  r.safe_contact_notes = sensitive && rng.chance(0.35) ? rng.pick(SAFE_NOTES) : ''
  const preferable = usable.filter((c) => flags[c] !== 'N')
  const pref = preferable.length > 0 && rng.chance(0.6) ? rng.pick(preferable) : null
  r.preferred_contact =
    pref === null ? '' : { call: 'phone', text: 'sms', email: 'email', letter: 'letter' }[pref]

  const lang = rng.weighted([
    ['', 70],
    ['en', 22],
    ['pl', 2],
    ['pa', 1.5],
    ['ur', 1.5],
    ['ro', 1],
    ['cy', 1],
    ['gu', 1],
  ] as const)
  r.language = lang
  r.interpreter_required = formatFlag(
    rng,
    lang !== '' && lang !== 'en' && lang !== 'cy' && rng.chance(0.6) ? 'Y' : rng.chance(0.5) ? 'N' : 'U',
  )

  const under18ByDob = isUnder18On(victim.entry.person.dateOfBirth, onDate)
  const reasons: string[] = []
  if (under18ByDob && rng.chance(0.7)) reasons.push('under_18')
  if (rng.chance(0.06))
    reasons.push(rng.pick(['mental_disorder', 'learning_disability', 'physical_disability', 'other']))
  r.vulnerable = formatFlag(rng, reasons.length > 0 || sensitive ? 'Y' : rng.chance(0.7) ? 'N' : 'U')
  r.vulnerability_reasons = reasons.join(';')
  r.intimidated = formatFlag(rng, sensitive && rng.chance(0.5) ? 'Y' : rng.chance(0.6) ? 'N' : 'U')
  r.persistently_targeted = formatFlag(rng, victim.repeat && rng.chance(0.3) ? 'Y' : 'U')

  const explicit =
    crime.category === 'rape' ||
    crime.category === 'sexual_offence_other' ||
    crime.da ||
    victim.victimType === 'bereaved_relative' ||
    victim.victimType === 'parent_guardian' ||
    under18ByDob ||
    reasons.includes('under_18')
  const consentFlag = consent === 'auto' ? (explicit || rng.chance(0.88) ? 'Y' : 'U') : consent
  r.consent_to_refer = rng.chance(0.05) ? consentFlag.toLowerCase() : consentFlag
  r.consent_recorded_at =
    consentFlag === 'U' || rng.chance(0.2)
      ? ''
      : formatDateTime(rng, minute(Math.min(sentMs, crime.reportedMs + rng.int(0, 180) * 60_000)))

  if (rng.chance(0.75)) {
    const high = sensitive || crime.category === 'gbh_with_intent'
    const level = () =>
      rng.weighted([
        ['low', high ? 1 : 6],
        ['medium', 3],
        ['high', high ? 3 : 0.5],
      ] as const)
    r.thrive_threat = level()
    r.thrive_harm = level()
    r.thrive_risk = level()
    r.thrive_vulnerability = level()
    r.thrive_investigation = rng.pick(INVESTIGATION)
    r.thrive_engagement = rng.pick(ENGAGEMENT)
  }
  const oic = rng.pick(state.officers)
  if (rng.chance(0.9)) {
    r.oic_name = oic.name
    r.oic_collar_number = oic.collar
    r.oic_email = rng.chance(0.8) ? oic.email : ''
    r.oic_phone = rng.chance(0.5) ? oic.phone : ''
  }
  r.notes = rng.chance(0.15) ? rng.pick(REFERRER_NOTES) : ''
  r.source_system = 'demo-generator'
  return r
}
