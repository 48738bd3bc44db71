// The police referral feed, version 1 (docs: /spec/police-referral-feed.md), as data, so that
// normalising, checking, fingerprinting and generating all read one list and cannot drift apart.

export const FLAG_VALUES = ['Y', 'N', 'U'] as const
export type Flag = (typeof FLAG_VALUES)[number]

export const CRIME_CATEGORIES = [
  {
    code: 'homicide',
    meaning: 'murder, manslaughter (bereaved relative)',
    mostSerious: true,
    victimBased: true,
  },
  {
    code: 'death_by_driving',
    meaning: 'causing death by driving (bereaved relative)',
    mostSerious: true,
    victimBased: true,
  },
  { code: 'attempted_murder', meaning: 'attempted murder', mostSerious: true, victimBased: true },
  {
    code: 'gbh_with_intent',
    meaning: 'wounding or causing GBH with intent',
    mostSerious: true,
    victimBased: true,
  },
  {
    code: 'violence_with_injury',
    meaning: 'other violence with injury',
    mostSerious: false,
    victimBased: true,
  },
  {
    code: 'violence_without_injury',
    meaning: 'violence without injury',
    mostSerious: false,
    victimBased: true,
  },
  { code: 'stalking_harassment', meaning: 'stalking and harassment', mostSerious: false, victimBased: true },
  {
    code: 'kidnap_false_imprisonment',
    meaning: 'kidnap or false imprisonment',
    mostSerious: true,
    victimBased: true,
  },
  { code: 'rape', meaning: 'rape', mostSerious: true, victimBased: true },
  { code: 'sexual_offence_other', meaning: 'other sexual offences', mostSerious: true, victimBased: true },
  {
    code: 'human_trafficking',
    meaning: 'modern slavery and trafficking',
    mostSerious: true,
    victimBased: true,
  },
  { code: 'terrorism', meaning: 'terrorism', mostSerious: true, victimBased: true },
  { code: 'robbery', meaning: 'robbery', mostSerious: false, victimBased: true },
  { code: 'burglary_residential', meaning: 'residential burglary', mostSerious: false, victimBased: true },
  {
    code: 'burglary_business',
    meaning: 'business and community burglary',
    mostSerious: false,
    victimBased: true,
  },
  { code: 'vehicle_crime', meaning: 'vehicle crime', mostSerious: false, victimBased: true },
  { code: 'theft_from_person', meaning: 'theft from the person', mostSerious: false, victimBased: true },
  { code: 'bicycle_theft', meaning: 'bicycle theft', mostSerious: false, victimBased: true },
  { code: 'shoplifting', meaning: 'shoplifting', mostSerious: false, victimBased: true },
  { code: 'other_theft', meaning: 'other theft', mostSerious: false, victimBased: true },
  {
    code: 'arson_endangering_life',
    meaning: 'arson with intent to endanger life',
    mostSerious: true,
    victimBased: true,
  },
  {
    code: 'criminal_damage_arson',
    meaning: 'other criminal damage and arson',
    mostSerious: false,
    victimBased: true,
  },
  { code: 'fraud', meaning: 'fraud', mostSerious: false, victimBased: true },
  { code: 'computer_misuse', meaning: 'computer misuse', mostSerious: false, victimBased: true },
  { code: 'public_order', meaning: 'public order offences', mostSerious: false, victimBased: false },
  { code: 'other', meaning: 'anything else', mostSerious: false, victimBased: false },
] as const

export type CrimeCategory = (typeof CRIME_CATEGORIES)[number]['code']
export interface CrimeCategoryInfo {
  readonly code: CrimeCategory
  readonly meaning: string
  readonly mostSerious: boolean
  readonly victimBased: boolean
}
export const CRIME_CATEGORY_CODES: readonly CrimeCategory[] = CRIME_CATEGORIES.map((c) => c.code)
const categoryByCode = new Map<string, CrimeCategoryInfo>(CRIME_CATEGORIES.map((c) => [c.code, c]))
export function crimeCategoryInfo(code: string): CrimeCategoryInfo | undefined {
  return categoryByCode.get(code)
}

/** Categories where the spec demands `consent_to_refer=Y` whatever else is on the record. */
export const SEXUAL_OFFENCE_CATEGORIES: readonly CrimeCategory[] = ['rape', 'sexual_offence_other']

export const VICTIM_TYPES = [
  'direct',
  'bereaved_relative',
  'parent_guardian',
  'family_spokesperson',
  'business_contact',
] as const
export type VictimType = (typeof VICTIM_TYPES)[number]

export const HATE_STRANDS = [
  'race',
  'religion',
  'sexual_orientation',
  'disability',
  'transgender',
  'alternative_subculture',
  'sex',
] as const
export type HateStrand = (typeof HATE_STRANDS)[number]

export const VULNERABILITY_REASONS = [
  'under_18',
  'mental_disorder',
  'learning_disability',
  'physical_disability',
  'other',
] as const
export type VulnerabilityReason = (typeof VULNERABILITY_REASONS)[number]

export const GENDERS = ['female', 'male', 'other', 'unknown'] as const
export type Gender = (typeof GENDERS)[number]

export const PREFERRED_CONTACTS = ['phone', 'sms', 'email', 'letter'] as const
export type PreferredContact = (typeof PREFERRED_CONTACTS)[number]

export const THRIVE_LEVELS = ['low', 'medium', 'high'] as const
export type ThriveLevel = (typeof THRIVE_LEVELS)[number]

// ISO 639-1 two-letter codes: checking against the real list catches "xx" and typos like "pk".
export const ISO_639_1 = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
    'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik ' +
    'io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml ' +
    'mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd ' +
    'se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi ' +
    'vo wa wo xh yi yo za zh zu'
  ).split(' '),
)

/**
 * How a field's value is read. `code` values are compared case-insensitively; `list` values are
 * `;`-separated codes; `text` is only trimmed.
 */
export type FieldKind =
  | 'id'
  | 'force_code'
  | 'text'
  | 'code'
  | 'list'
  | 'flag'
  | 'date'
  | 'datetime'
  | 'phone'
  | 'email'
  | 'postcode'
  | 'language'

export interface FieldSpec {
  readonly name: string
  readonly required: boolean
  readonly kind: FieldKind
  /** Allowed values for `code` and `list` fields (lower case). */
  readonly codes?: readonly string[]
  /** How a `code` value is case-folded before comparison and storage. */
  readonly caseFold?: 'upper' | 'lower'
}

const f = <N extends string>(
  name: N,
  required: boolean,
  kind: FieldKind,
  extra: Pick<FieldSpec, 'codes' | 'caseFold'> = {},
): FieldSpec & { readonly name: N } => ({ name, required, kind, ...extra })

export const FEED_FIELDS = [
  f('referral_id', true, 'id'),
  f('force_code', true, 'force_code', { caseFold: 'upper' }),
  f('crime_reference', true, 'text'),
  f('reported_at', true, 'datetime'),
  f('crime_recorded_at', false, 'datetime'),
  f('sent_at', true, 'datetime'),
  f('crime_category', true, 'code', { codes: CRIME_CATEGORY_CODES, caseFold: 'lower' }),
  f('offence_code', false, 'code', { caseFold: 'upper' }),
  f('offence_description', false, 'text'),
  f('domestic_abuse', false, 'flag'),
  f('hate_crime', false, 'flag'),
  f('hate_strands', false, 'list', { codes: HATE_STRANDS, caseFold: 'lower' }),
  f('cse', false, 'flag'),
  f('cyber', false, 'flag'),
  f('rural', false, 'flag'),
  f('victim_person_ref', false, 'text'),
  f('victim_type', true, 'code', { codes: VICTIM_TYPES, caseFold: 'lower' }),
  f('title', false, 'text'),
  f('forename', true, 'text'),
  f('surname', true, 'text'),
  f('date_of_birth', false, 'date'),
  f('gender', false, 'code', { codes: GENDERS, caseFold: 'lower' }),
  f('address_line1', false, 'text'),
  f('address_line2', false, 'text'),
  f('town', false, 'text'),
  f('postcode', false, 'postcode'),
  f('phone_mobile', false, 'phone'),
  f('phone_other', false, 'phone'),
  f('email', false, 'email'),
  f('preferred_contact', false, 'code', { codes: PREFERRED_CONTACTS, caseFold: 'lower' }),
  f('safe_to_call', false, 'flag'),
  f('safe_to_text', false, 'flag'),
  f('safe_to_email', false, 'flag'),
  f('safe_to_leave_voicemail', false, 'flag'),
  f('safe_to_write', false, 'flag'),
  f('safe_contact_notes', false, 'text'),
  f('language', false, 'language', { caseFold: 'lower' }),
  f('interpreter_required', false, 'flag'),
  f('vulnerable', false, 'flag'),
  f('vulnerability_reasons', false, 'list', { codes: VULNERABILITY_REASONS, caseFold: 'lower' }),
  f('intimidated', false, 'flag'),
  f('persistently_targeted', false, 'flag'),
  f('consent_to_refer', true, 'flag'),
  f('consent_recorded_at', false, 'datetime'),
  f('thrive_threat', false, 'code', { codes: THRIVE_LEVELS, caseFold: 'lower' }),
  f('thrive_harm', false, 'code', { codes: THRIVE_LEVELS, caseFold: 'lower' }),
  f('thrive_risk', false, 'code', { codes: THRIVE_LEVELS, caseFold: 'lower' }),
  f('thrive_vulnerability', false, 'code', { codes: THRIVE_LEVELS, caseFold: 'lower' }),
  f('thrive_investigation', false, 'text'),
  f('thrive_engagement', false, 'text'),
  f('oic_name', false, 'text'),
  f('oic_collar_number', false, 'text'),
  f('oic_email', false, 'email'),
  f('oic_phone', false, 'phone'),
  f('notes', false, 'text'),
] as const satisfies readonly FieldSpec[]

export type FeedFieldName = (typeof FEED_FIELDS)[number]['name']
export const FEED_FIELD_NAMES: readonly FeedFieldName[] = FEED_FIELDS.map((x) => x.name)
export const REQUIRED_FIELD_NAMES: readonly FeedFieldName[] = FEED_FIELDS.filter((x) => x.required).map(
  (x) => x.name,
)
const fieldByName = new Map<string, FieldSpec>(FEED_FIELDS.map((x) => [x.name, x]))
export function fieldSpec(name: string): FieldSpec | undefined {
  return fieldByName.get(name)
}
export function isFeedFieldName(name: string): name is FeedFieldName {
  return fieldByName.has(name)
}
const indexByName = new Map<string, number>(FEED_FIELDS.map((x, i) => [x.name, i]))
/** Where a spec field sits in `FEED_FIELDS`; undefined for any other name. */
export function feedFieldIndex(name: string): number | undefined {
  return indexByName.get(name)
}

export type SafetyFlagName =
  | 'safe_to_call'
  | 'safe_to_text'
  | 'safe_to_email'
  | 'safe_to_leave_voicemail'
  | 'safe_to_write'
export const SAFETY_FLAG_NAMES: readonly SafetyFlagName[] = [
  'safe_to_call',
  'safe_to_text',
  'safe_to_email',
  'safe_to_leave_voicemail',
  'safe_to_write',
]

/** Every record received ends in exactly one of these. */
export const REFERRAL_STATES = ['accepted', 'duplicate', 'quarantined', 'consent_refused'] as const
export type ReferralState = (typeof REFERRAL_STATES)[number]

export type FieldReasonPrefix = 'missing_field' | 'invalid_value' | 'invalid_date' | 'date_in_future'
export type RecordReasonCode =
  | 'no_contact_route'
  | 'explicit_consent_required'
  | 'no_safe_channel'
  | 'unknown_category'
  | 'referral_id_conflict'
  | 'implausible_date_of_birth'
/** A quarantine reason or warning, e.g. `missing_field:forename` or `no_contact_route`. */
export type ReasonCode = `${FieldReasonPrefix}:${FeedFieldName}` | RecordReasonCode
export const RECORD_REASON_CODES: readonly RecordReasonCode[] = [
  'no_contact_route',
  'explicit_consent_required',
  'no_safe_channel',
  'unknown_category',
  'referral_id_conflict',
  'implausible_date_of_birth',
]
