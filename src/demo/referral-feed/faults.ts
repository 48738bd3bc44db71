// Records with one deliberate fault each (a missing or invalid field, a bad date, no way or no safe way
// to make contact, consent the crime requires left unrecorded…), labelled with the reason intake should
// quarantine them for.
import { DateTime } from 'luxon'
import { LONDON, londonDate } from '../../domain/referral-feed/dates.ts'
import type { ReasonCode } from '../../domain/referral-feed/fields.ts'
import { emailFor, randomMobile } from '../people/contact.ts'
import { generatePerson } from '../people/person.ts'
import { cleanRecord } from './clean-record.ts'
import { PLAIN_CATEGORIES } from './crime-mix.ts'
import { newCrime, newPersonEntry } from './crimes-and-victims.ts'
import { type FeedState, HOUR, pushReferral } from './state.ts'

/** A plain adult direct victim of a non-sensitive crime, then one deliberate fault. */
export function addFaultyRecord(state: FeedState, sentMs: number): void {
  const rng = state.rng
  const crime = { ...newCrime(state, sentMs, rng.pick(PLAIN_CATEGORIES)), da: false, hate: [] }
  const onDate = londonDate(new Date(crime.reportedMs).toISOString())
  const person = generatePerson(rng, { age: rng.int(20, 75), onDate })
  person.mobile = randomMobile(rng)
  person.email = emailFor(rng, person.forename, person.surname)
  const entry = newPersonEntry(state, person, crime.force, crime.reportedMs)
  const r = cleanRecord(
    state,
    crime,
    { entry, victimType: 'direct', contact: person, repeat: false },
    sentMs,
    'Y',
  )
  r.date_of_birth = person.dateOfBirth
  r.vulnerability_reasons = ''
  const fault = rng.weighted([
    ['missing', 30],
    ['invalid_value', 18],
    ['invalid_date', 15],
    ['date_in_future', 6],
    ['no_contact_route', 10],
    ['explicit_consent_required', 9],
    ['no_safe_channel', 5],
    ['unknown_category', 4],
    ['implausible_date_of_birth', 3],
  ] as const)
  let reason: ReasonCode
  switch (fault) {
    case 'missing': {
      const name = rng.pick([
        'forename',
        'surname',
        'crime_reference',
        'reported_at',
        'victim_type',
        'crime_category',
        'consent_to_refer',
        'force_code',
        'referral_id',
        'sent_at',
      ] as const)
      r[name] = rng.pick(['', ' '])
      reason = `missing_field:${name}`
      break
    }
    case 'invalid_value': {
      const which = rng.pick(['force_code', 'victim_type', 'consent_to_refer', 'sent_at'] as const)
      if (which === 'force_code') r.force_code = 'WARKS POLICE'
      if (which === 'victim_type') r.victim_type = rng.pick(['witness', 'victim', 'injured_party'])
      if (which === 'consent_to_refer') r.consent_to_refer = rng.pick(['Yes', 'verbal', '1'])
      if (which === 'sent_at') {
        r.reported_at = DateTime.fromMillis(crime.reportedMs, { zone: 'utc' }).toFormat(
          "yyyy-LL-dd'T'HH:mm:ss'Z'",
        )
        r.sent_at = DateTime.fromMillis(crime.reportedMs - rng.int(1, 72) * HOUR, { zone: 'utc' }).toFormat(
          "yyyy-LL-dd'T'HH:mm:ss'Z'",
        )
        r.crime_recorded_at = ''
        r.consent_recorded_at = ''
      }
      reason = `invalid_value:${which}`
      break
    }
    case 'invalid_date': {
      const which = rng.pick(['reported_at', 'sent_at', 'date_of_birth'] as const)
      if (which === 'date_of_birth')
        r.date_of_birth = DateTime.fromISO(person.dateOfBirth).toFormat('dd/LL/yyyy')
      else
        r[which] = DateTime.fromMillis(which === 'sent_at' ? sentMs : crime.reportedMs, {
          zone: LONDON,
        }).toFormat('dd/LL/yyyy HH:mm')
      reason = `invalid_date:${which}`
      break
    }
    case 'date_in_future': {
      // A year typo (2025 → 2052) rather than a clock drift: stays in the future for decades.
      r.sent_at = DateTime.fromMillis(sentMs, { zone: 'utc' })
        .plus({ years: 27 })
        .toFormat("yyyy-LL-dd'T'HH:mm:ss'Z'")
      reason = 'date_in_future:sent_at'
      break
    }
    case 'no_contact_route':
      for (const f of [
        'phone_mobile',
        'phone_other',
        'email',
        'address_line1',
        'address_line2',
        'postcode',
        'preferred_contact',
      ] as const)
        r[f] = ''
      if (rng.chance(0.3)) r.town = 'No fixed abode'
      reason = 'no_contact_route'
      break
    case 'explicit_consent_required':
      if (rng.chance(0.5)) r.domestic_abuse = 'Y'
      else {
        r.crime_category = 'sexual_offence_other'
        r.offence_code = '20A'
        r.offence_description = 'Sexual assault on a female aged 13 and over'
      }
      r.consent_to_refer = 'U'
      r.consent_recorded_at = ''
      reason = 'explicit_consent_required'
      break
    case 'no_safe_channel':
      for (const f of ['safe_to_call', 'safe_to_text', 'safe_to_email', 'safe_to_write'] as const) r[f] = 'N'
      r.preferred_contact = ''
      reason = 'no_safe_channel'
      break
    case 'unknown_category':
      r.crime_category = rng.pick(['assault', 'ASB', 'theft', 'domestic'])
      reason = 'unknown_category'
      break
    case 'implausible_date_of_birth':
      r.date_of_birth = rng.chance(0.5)
        ? (DateTime.fromISO(onDate)
            .plus({ days: rng.int(1, 400) })
            .toISODate() as string)
        : `18${rng.int(50, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`
      reason = 'implausible_date_of_birth'
      break
  }
  pushReferral(
    state,
    r,
    'bad',
    { state: 'quarantined', reasons: [reason] },
    { crime, entry, sentMs, clean: false },
    null,
  )
}
