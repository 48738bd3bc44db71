// The make-up of the synthetic feed: how often each crime, each kind of record, each flag and each
// free-text note occurs. Change a weight here and every generated feed shifts with it.
import type { CrimeCategory } from '../../domain/referral-feed/fields.ts'
import type { GeneratedKind } from './state.ts'

// Roughly police recorded crime in England and Wales (victim-based offences plus public order),
// shoplifting and business burglary thinned because few of their "victims" are referred.
export const CATEGORY_WEIGHTS: readonly (readonly [CrimeCategory, number])[] = [
  ['violence_with_injury', 11],
  ['violence_without_injury', 14],
  ['stalking_harassment', 11],
  ['homicide', 0.05],
  ['death_by_driving', 0.05],
  ['attempted_murder', 0.05],
  ['gbh_with_intent', 0.6],
  ['kidnap_false_imprisonment', 0.2],
  ['rape', 1.3],
  ['sexual_offence_other', 1.9],
  ['human_trafficking', 0.15],
  ['terrorism', 0.01],
  ['robbery', 1.5],
  ['burglary_residential', 5],
  ['burglary_business', 1.5],
  ['vehicle_crime', 8],
  ['theft_from_person', 2],
  ['bicycle_theft', 1.5],
  ['shoplifting', 4],
  ['other_theft', 9],
  ['arson_endangering_life', 0.05],
  ['criminal_damage_arson', 10],
  ['fraud', 2.5],
  ['computer_misuse', 0.4],
  ['public_order', 6],
  ['other', 2],
]

/** What each record in the feed is: mostly new referrals, then re-sends, duplicates and faults. */
export const KIND_WEIGHTS: readonly (readonly [GeneratedKind, number])[] = [
  ['new', 84],
  ['co_victim', 1.5],
  ['resend', 4],
  ['same_crime', 4],
  ['conflict', 0.5],
  ['bad', 4.5],
  ['consent_refused', 2],
]

/** Share of each category's referrals flagged domestic abuse; any other category 1%. */
export const DA_RATE: Partial<Record<CrimeCategory, number>> = {
  violence_with_injury: 0.4,
  violence_without_injury: 0.38,
  stalking_harassment: 0.45,
  rape: 0.4,
  sexual_offence_other: 0.15,
  kidnap_false_imprisonment: 0.4,
  criminal_damage_arson: 0.12,
  gbh_with_intent: 0.25,
  attempted_murder: 0.3,
  homicide: 0.2,
}
/** Share flagged as hate crime; any other category 0.2%. */
export const HATE_RATE: Partial<Record<CrimeCategory, number>> = {
  violence_without_injury: 0.05,
  violence_with_injury: 0.03,
  public_order: 0.1,
  stalking_harassment: 0.03,
  criminal_damage_arson: 0.02,
}
/** Home Office offence codes and descriptions a force sends with each category. */
export const OFFENCES: Record<CrimeCategory, readonly (readonly [string, string])[]> = {
  homicide: [['1', 'Murder']],
  death_by_driving: [['4.4', 'Causing death by dangerous driving']],
  attempted_murder: [['2', 'Attempted murder']],
  gbh_with_intent: [['5D', 'Assault with intent to cause serious harm']],
  violence_with_injury: [['8N', 'Assault with injury']],
  violence_without_injury: [
    ['105A', 'Assault without injury'],
    ['3B', 'Threats to kill'],
  ],
  stalking_harassment: [
    ['8Q', 'Stalking'],
    ['8L', 'Harassment'],
    ['8R', 'Malicious Communications'],
  ],
  kidnap_false_imprisonment: [['36', 'Kidnapping']],
  rape: [
    ['19C', 'Rape of a female aged 16 and over'],
    ['19F', 'Rape of a male aged 16 and over'],
  ],
  sexual_offence_other: [
    ['20A', 'Sexual assault on a female aged 13 and over'],
    ['17A', 'Sexual assault on a male aged 13 and over'],
    ['88E', 'Exposure and voyeurism'],
  ],
  human_trafficking: [['106', 'Modern slavery']],
  terrorism: [['99', 'Other notifiable offences']],
  robbery: [['34B', 'Robbery of personal property']],
  burglary_residential: [
    ['28E', 'Burglary Residential'],
    ['28F', 'Attempted Burglary Residential'],
  ],
  burglary_business: [['30C', 'Burglary Business and Community']],
  vehicle_crime: [
    ['45', 'Theft from vehicle'],
    ['48', 'Theft or unauthorised taking of motor vehicle'],
  ],
  theft_from_person: [['39', 'Theft from the person']],
  bicycle_theft: [['44', 'Theft or unauthorised taking of a pedal cycle']],
  shoplifting: [['46', 'Shoplifting']],
  other_theft: [
    ['49', 'Other theft'],
    ['49A', 'Making off without payment'],
  ],
  arson_endangering_life: [['56A', 'Arson endangering life']],
  criminal_damage_arson: [
    ['58A', 'Criminal damage to a dwelling'],
    ['58C', 'Criminal damage to a vehicle'],
    ['56B', 'Arson not endangering life'],
  ],
  fraud: [['', 'Fraud by false representation']],
  computer_misuse: [['', 'Unauthorised access to computer material']],
  public_order: [['9A', 'Public fear, alarm or distress']],
  other: [['99', 'Other notifiable offences']],
}
/** Crimes whose victims are often unsafe to contact by one channel or another. */
export const SENSITIVE_CATEGORIES = new Set<CrimeCategory>([
  'rape',
  'sexual_offence_other',
  'stalking_harassment',
  'kidnap_false_imprisonment',
])
/** Crimes against a household, where a partner at the same address can be a second victim. */
export const HOUSEHOLD_CATEGORIES = new Set<CrimeCategory>([
  'burglary_residential',
  'criminal_damage_arson',
  'vehicle_crime',
])
/** Plain crimes, no flag, that the deliberately faulty records start from. */
export const PLAIN_CATEGORIES: readonly CrimeCategory[] = [
  'burglary_residential',
  'vehicle_crime',
  'other_theft',
  'criminal_damage_arson',
  'theft_from_person',
]
export const HATE_STRAND_WEIGHTS = [
  ['race', 6],
  ['religion', 2],
  ['sexual_orientation', 2],
  ['disability', 1.5],
  ['transgender', 0.7],
  ['alternative_subculture', 0.2],
  ['sex', 0.3],
] as const
// Free text as officers write it.
export const SAFE_NOTES = [
  'only call 10:00–14:00 weekdays; say you are from the surgery',
  'Do not leave messages - partner checks phone',
  'Text first before calling',
  'Use email only, not post - shares address with suspect',
  'Call mobile only, never the landline',
]
export const REFERRER_NOTES = [
  'Victim asked for a call back after 5pm',
  'Victim is hard of hearing - text preferred',
  'Victim very shaken, lives alone',
  'Second incident this month',
  'Victim works nights',
]
export const INVESTIGATION = [
  'Suspect identified',
  'CCTV being reviewed',
  'Forensics attended',
  'House-to-house enquiries',
  'No lines of enquiry',
]
export const ENGAGEMENT = [
  'Engaging well',
  'Reluctant to support prosecution',
  'Wants updates by text',
  'Engaging; anxious',
]
