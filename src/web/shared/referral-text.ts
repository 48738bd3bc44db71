// Plain-English words for the referral feed's field names and reason codes, so staff and police
// read "The date of birth is after the crime was reported" instead of `implausible_date_of_birth`.

import { MAX_VALUE_DEPTH } from '../../domain/intake/storable.ts'
import {
  crimeCategoryInfo,
  FEED_FIELDS,
  type FeedFieldName,
  isFeedFieldName,
} from '../../domain/referral-feed/index.ts'

export const FIELD_LABELS: Readonly<Record<FeedFieldName, string>> = {
  referral_id: 'Referral ID',
  force_code: 'Force code',
  crime_reference: 'Crime reference',
  reported_at: 'Date reported to police',
  crime_recorded_at: 'Date crime recorded',
  sent_at: 'Date sent',
  crime_category: 'Crime category',
  offence_code: 'Offence code',
  offence_description: 'Offence description',
  domestic_abuse: 'Domestic abuse',
  hate_crime: 'Hate crime',
  hate_strands: 'Hate crime strands',
  cse: 'Child sexual exploitation',
  cyber: 'Cyber crime',
  rural: 'Rural crime',
  victim_person_ref: 'Police person ID',
  victim_type: 'Victim type',
  title: 'Title',
  forename: 'First name',
  surname: 'Last name',
  date_of_birth: 'Date of birth',
  gender: 'Gender',
  address_line1: 'Address line 1',
  address_line2: 'Address line 2',
  town: 'Town',
  postcode: 'Postcode',
  phone_mobile: 'Mobile phone',
  phone_other: 'Other phone',
  email: 'Email address',
  preferred_contact: 'Preferred contact',
  safe_to_call: 'Safe to call',
  safe_to_text: 'Safe to text',
  safe_to_email: 'Safe to email',
  safe_to_leave_voicemail: 'Safe to leave voicemail',
  safe_to_write: 'Safe to write',
  safe_contact_notes: 'Safe contact notes',
  language: 'Language',
  interpreter_required: 'Interpreter needed',
  vulnerable: 'Vulnerable',
  vulnerability_reasons: 'Vulnerability reasons',
  intimidated: 'Intimidated',
  persistently_targeted: 'Persistently targeted',
  consent_to_refer: 'Consent to refer',
  consent_recorded_at: 'Date consent recorded',
  thrive_threat: 'THRIVE threat',
  thrive_harm: 'THRIVE harm',
  thrive_risk: 'THRIVE risk',
  thrive_vulnerability: 'THRIVE vulnerability',
  thrive_investigation: 'THRIVE investigation',
  thrive_engagement: 'THRIVE engagement',
  oic_name: 'Officer in the case',
  oic_collar_number: 'Officer’s collar number',
  oic_email: 'Officer’s email',
  oic_phone: 'Officer’s phone',
  notes: 'Notes',
}

export const fieldLabel = (name: string): string =>
  isFeedFieldName(name) ? FIELD_LABELS[name] : name.replace(/_/g, ' ')

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/** The field a reason code is about, for linking an error to its input; null for record-wide reasons. */
export function reasonField(code: string): FeedFieldName | null {
  const [, field] = code.split(':')
  if (field && isFeedFieldName(field)) return field
  switch (code) {
    case 'unknown_category':
      return 'crime_category'
    case 'implausible_date_of_birth':
      return 'date_of_birth'
    case 'explicit_consent_required':
      return 'consent_to_refer'
    case 'referral_id_conflict':
      return 'referral_id'
    case 'no_contact_route':
    case 'no_safe_channel':
      return 'phone_mobile'
    default:
      return null
  }
}

/** One sentence a data quality officer or a police force can act on, naming the field. */
export function describeReason(code: string): string {
  const [prefix, field] = code.split(':')
  if (field !== undefined) {
    const label = fieldLabel(field)
    switch (prefix) {
      case 'missing_field':
        return `${label} is missing`
      case 'invalid_value':
        return field === 'sent_at'
          ? 'Date sent is earlier than the date reported to police'
          : `${label} is not a value the feed allows`
      case 'invalid_date':
        return `${label} is not a real date in the format YYYY-MM-DD`
      case 'date_in_future':
        return `${label} is in the future`
      case 'unstorable_text':
        return `${label} holds a character no record can keep (the escape \\u0000, or half of a character such as \\ud800); it is shown as �`
      case 'nested_too_deep':
        return `${label} is nested more than ${MAX_VALUE_DEPTH} levels deep, deeper than any feed field`
    }
  }
  switch (code) {
    case 'record_too_large':
      return 'The record is larger than 1 MB, the most one feed record may be; only its first values are kept'
    case 'no_contact_route':
      return 'There is no usable phone number, email address or postal address (address line 1 and postcode)'
    case 'no_safe_channel':
      return 'Every contact detail given is marked as not safe to use'
    case 'explicit_consent_required':
      return 'Consent to refer must be Y for a sexual offence, domestic abuse, a bereaved relative or someone under 18'
    case 'unknown_category':
      return 'Crime category is not one of the categories in the feed specification'
    case 'referral_id_conflict':
      return 'Referral ID was already received with different details'
    case 'implausible_date_of_birth':
      return 'Date of birth is after the crime was reported or more than 120 years before it'
    case 'unreadable_record':
      return 'The line could not be read as a record (not valid JSON or CSV, or the wrong number of columns)'
    default:
      return code
  }
}

/** A short label for filter menus and report columns. */
export function reasonShortLabel(code: string): string {
  const [prefix, field] = code.split(':')
  if (field !== undefined) {
    const label = fieldLabel(field)
    switch (prefix) {
      case 'missing_field':
        return `Missing: ${lowerFirst(label)}`
      case 'invalid_value':
        return `Invalid: ${lowerFirst(label)}`
      case 'invalid_date':
        return `Not a date: ${lowerFirst(label)}`
      case 'date_in_future':
        return `In the future: ${lowerFirst(label)}`
      case 'unstorable_text':
        return `Unstorable text: ${lowerFirst(label)}`
      case 'nested_too_deep':
        return `Nested too deep: ${lowerFirst(label)}`
    }
  }
  const short: Record<string, string> = {
    no_contact_route: 'No way to contact',
    no_safe_channel: 'No safe way to contact',
    explicit_consent_required: 'Explicit consent needed',
    unknown_category: 'Unknown crime category',
    referral_id_conflict: 'Referral ID reused',
    implausible_date_of_birth: 'Implausible date of birth',
    unreadable_record: 'Unreadable line',
    record_too_large: 'Record too large',
  }
  return short[code] ?? code
}

export const categoryLabel = (code: string | null | undefined): string => {
  if (!code) return 'Not given'
  const meaning = crimeCategoryInfo(code)?.meaning
  return meaning ? meaning.charAt(0).toUpperCase() + meaning.slice(1) : code
}

/** Feed fields in specification order, for correction forms. */
export const FIELD_ORDER: readonly FeedFieldName[] = FEED_FIELDS.map((f) => f.name)
