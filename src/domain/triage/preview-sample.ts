// The routing preview's sample when the hub has too few referrals of its own (a new hub): 53 typical
// victims, in roughly the shares a county's police feed sends them, and between them every fact the
// default rule set routes a police referral on (domestic abuse, sexual offences, child sexual
// exploitation, hate crime, road deaths, children, older victims, fraud, cyber and rural crime, business
// victims, the vulnerable and the intimidated). They are written as feed records, so they are read and
// checked against the Victims' Code exactly as a real referral is before routing. Dates count back from
// the day of the preview, so a child in the sample is always a child.
import { DateTime } from 'luxon'
import type { CrimeCategory } from '../referral-feed/fields.ts'
import { type RawFeedRecord, sampleReferral } from '../referral-feed/sample.ts'

interface SampleVictim {
  /** What the crime was, as an administrator reads it in the list of referrals a change would move. */
  readonly what: string
  readonly crime: CrimeCategory
  /** The age of the person the referral is about (a bereaved relative's own age). */
  readonly age: number
  readonly town: string
  /** Feed fields that differ from a plain referral of an adult direct victim. */
  readonly fields?: RawFeedRecord
}

const partner: RawFeedRecord = { domestic_abuse: 'Y' }
const child: RawFeedRecord = { victim_type: 'parent_guardian' }
const business: RawFeedRecord = { victim_type: 'business_contact' }
const bereaved: RawFeedRecord = { victim_type: 'bereaved_relative' }
const hate = (strand: string): RawFeedRecord => ({ hate_crime: 'Y', hate_strands: strand })

const SAMPLE_VICTIMS: readonly SampleVictim[] = [
  { what: 'Assault without injury', crime: 'violence_without_injury', age: 34, town: 'Nuneaton' },
  { what: 'Assault without injury', crime: 'violence_without_injury', age: 52, town: 'Rugby' },
  { what: 'Assault without injury', crime: 'violence_without_injury', age: 22, town: 'Leamington Spa' },
  {
    what: 'Threats to kill',
    crime: 'violence_without_injury',
    age: 41,
    town: 'Warwick',
    fields: { intimidated: 'Y' },
  },
  {
    what: 'Assault by a partner',
    crime: 'violence_without_injury',
    age: 29,
    town: 'Bedworth',
    fields: partner,
  },
  {
    what: 'Assault at school',
    crime: 'violence_without_injury',
    age: 13,
    town: 'Bedworth',
    fields: child,
  },
  { what: 'Assault, older victim', crime: 'violence_without_injury', age: 76, town: 'Atherstone' },
  { what: 'Assault with injury', crime: 'violence_with_injury', age: 23, town: 'Leamington Spa' },
  { what: 'Assault with injury', crime: 'violence_with_injury', age: 46, town: 'Stratford-upon-Avon' },
  { what: 'Assault with injury', crime: 'violence_with_injury', age: 38, town: 'Coventry' },
  {
    what: 'Assault with injury by a partner',
    crime: 'violence_with_injury',
    age: 31,
    town: 'Nuneaton',
    fields: partner,
  },
  { what: 'Assault with injury', crime: 'violence_with_injury', age: 15, town: 'Rugby', fields: child },
  { what: 'Serious assault with intent', crime: 'gbh_with_intent', age: 27, town: 'Nuneaton' },
  { what: 'Harassment by a neighbour', crime: 'stalking_harassment', age: 63, town: 'Kenilworth' },
  {
    what: 'Stalking by an ex-partner',
    crime: 'stalking_harassment',
    age: 36,
    town: 'Warwick',
    fields: partner,
  },
  {
    what: 'Malicious messages online',
    crime: 'stalking_harassment',
    age: 19,
    town: 'Leamington Spa',
    fields: { cyber: 'Y' },
  },
  {
    what: 'Harassment, targeted again and again',
    crime: 'stalking_harassment',
    age: 44,
    town: 'Atherstone',
    fields: { persistently_targeted: 'Y' },
  },
  { what: 'Rape', crime: 'rape', age: 24, town: 'Leamington Spa' },
  { what: 'Rape by a partner', crime: 'rape', age: 33, town: 'Nuneaton', fields: partner },
  { what: 'Sexual assault', crime: 'sexual_offence_other', age: 38, town: 'Rugby' },
  {
    what: 'Child sexual exploitation',
    crime: 'sexual_offence_other',
    age: 14,
    town: 'Nuneaton',
    fields: { ...child, cse: 'Y' },
  },
  { what: 'Modern slavery', crime: 'human_trafficking', age: 27, town: 'Coventry' },
  { what: 'Murder, bereaved mother', crime: 'homicide', age: 58, town: 'Nuneaton', fields: bereaved },
  {
    what: 'Killed by a dangerous driver, bereaved son',
    crime: 'death_by_driving',
    age: 45,
    town: 'Warwick',
    fields: bereaved,
  },
  { what: 'Phone taken at knifepoint', crime: 'robbery', age: 19, town: 'Nuneaton' },
  { what: 'Robbery on the way home from school', crime: 'robbery', age: 15, town: 'Rugby', fields: child },
  { what: 'Residential burglary', crime: 'burglary_residential', age: 47, town: 'Warwick' },
  { what: 'Residential burglary', crime: 'burglary_residential', age: 39, town: 'Rugby' },
  { what: 'Residential burglary', crime: 'burglary_residential', age: 55, town: 'Bedworth' },
  { what: 'Residential burglary, older victim', crime: 'burglary_residential', age: 81, town: 'Kenilworth' },
  {
    what: 'Business burglary, corner shop',
    crime: 'burglary_business',
    age: 55,
    town: 'Bedworth',
    fields: business,
  },
  {
    what: 'Business burglary, village hall',
    crime: 'burglary_business',
    age: 61,
    town: 'Southam',
    fields: business,
  },
  { what: 'Car broken into', crime: 'vehicle_crime', age: 42, town: 'Leamington Spa' },
  { what: 'Car stolen', crime: 'vehicle_crime', age: 29, town: 'Nuneaton' },
  { what: 'Van broken into', crime: 'vehicle_crime', age: 51, town: 'Stratford-upon-Avon' },
  { what: 'Bag taken in a café', crime: 'theft_from_person', age: 72, town: 'Warwick' },
  { what: 'Bicycle stolen', crime: 'bicycle_theft', age: 16, town: 'Rugby' },
  { what: 'Shoplifting, shop manager', crime: 'shoplifting', age: 45, town: 'Rugby', fields: business },
  { what: 'Parcels stolen from a doorstep', crime: 'other_theft', age: 35, town: 'Bedworth' },
  { what: 'Theft from a garden shed', crime: 'other_theft', age: 67, town: 'Alcester' },
  {
    what: 'Theft from a vulnerable adult',
    crime: 'other_theft',
    age: 39,
    town: 'Warwick',
    fields: { vulnerable: 'Y', vulnerability_reasons: 'learning_disability' },
  },
  {
    what: 'Farm machinery stolen',
    crime: 'other_theft',
    age: 58,
    town: 'Shipston-on-Stour',
    fields: { rural: 'Y' },
  },
  { what: 'Car windows smashed', crime: 'criminal_damage_arson', age: 50, town: 'Nuneaton' },
  { what: 'Front door damaged', crime: 'criminal_damage_arson', age: 37, town: 'Rugby' },
  {
    what: 'Damage by an ex-partner',
    crime: 'criminal_damage_arson',
    age: 30,
    town: 'Leamington Spa',
    fields: partner,
  },
  {
    what: 'Disability hate, damage to a home',
    crime: 'criminal_damage_arson',
    age: 53,
    town: 'Nuneaton',
    fields: hate('disability'),
  },
  {
    what: 'Racist abuse in the street',
    crime: 'public_order',
    age: 28,
    town: 'Coventry',
    fields: hate('race'),
  },
  {
    what: 'Homophobic assault',
    crime: 'violence_without_injury',
    age: 26,
    town: 'Leamington Spa',
    fields: hate('sexual_orientation'),
  },
  { what: 'Threatening behaviour at work', crime: 'public_order', age: 40, town: 'Warwick' },
  { what: 'Courier fraud, older victim', crime: 'fraud', age: 84, town: 'Stratford-upon-Avon' },
  { what: 'Online shopping fraud', crime: 'fraud', age: 31, town: 'Rugby', fields: { cyber: 'Y' } },
  {
    what: 'Email account hacked',
    crime: 'computer_misuse',
    age: 45,
    town: 'Kenilworth',
    fields: { cyber: 'Y' },
  },
  {
    what: 'Sheep worried by dogs',
    crime: 'other',
    age: 49,
    town: 'Southam',
    fields: { rural: 'Y' },
  },
]

export interface PreviewSampleReferral {
  readonly label: string
  readonly record: RawFeedRecord
}

const UTC_SECONDS = "yyyy-LL-dd'T'HH:mm:ss'Z'"

/**
 * The sample as feed records reported two days before `now` and sent the day before; each person is
 * their stated age on the day of the report (born that many years and a hundred days before it).
 */
export function routingPreviewSample(now: Date): PreviewSampleReferral[] {
  const reported = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day').minus({ days: 2 }).set({
    hour: 10,
    minute: 15,
  })
  return SAMPLE_VICTIMS.map((victim, index) => {
    const number = String(index + 1).padStart(2, '0')
    return {
      label: `Sample ${number}: ${victim.what}, aged ${victim.age}, ${victim.town}`,
      record: sampleReferral({
        referral_id: `SAMPLE-${number}`,
        crime_reference: `SAMPLE/${number}`,
        reported_at: reported.toFormat(UTC_SECONDS),
        crime_recorded_at: reported.plus({ minutes: 45 }).toFormat(UTC_SECONDS),
        consent_recorded_at: reported.plus({ minutes: 15 }).toFormat(UTC_SECONDS),
        sent_at: reported.plus({ days: 1 }).set({ hour: 9, minute: 0 }).toFormat(UTC_SECONDS),
        crime_category: victim.crime,
        offence_code: '',
        offence_description: victim.what,
        victim_person_ref: '',
        date_of_birth: reported.minus({ years: victim.age, days: 100 }).toISODate(),
        title: victim.age < 18 ? '' : 'Ms',
        town: victim.town,
        ...victim.fields,
      }),
    }
  })
}
