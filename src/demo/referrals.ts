// Seeded synthetic police referral feed: a realistic mix of clean referrals, repeat victims,
// resends, duplicates, bad records and refusals over a period, each labelled with the state the
// hub should reach, so demos look real and intake tests can check every record is accounted for.
import { DateTime } from 'luxon'
import { LONDON, londonDate, parseDateTime } from '../domain/referral-feed/dates.ts'
import {
  type CrimeCategory,
  FEED_FIELD_NAMES,
  FEED_FIELDS,
  type FeedFieldName,
  type ReasonCode,
  type ReferralState,
} from '../domain/referral-feed/fields.ts'
import { isUnder18On } from '../domain/referral-feed/validate.ts'
import {
  type Address,
  emailFor,
  FEMALE_FORENAMES,
  formatPhone,
  generatePerson,
  knownAs,
  MALE_FORENAMES,
  type Person,
  randomAddress,
  randomLandline,
  randomMobile,
  SURNAMES,
} from './people.ts'
import { createRng, type Rng } from './random.ts'

/** One feed record as it would appear in a CSV row: every spec field, blank as `''`. */
export type FeedRecord = Record<FeedFieldName, string> & Record<string, string>

export interface GenerateOptions {
  seed: number
  count: number
  /** Period over which records are sent. Keep `to` at or before the hub's clock, or they are future-dated. */
  from: Date | string
  to: Date | string
}

export type GeneratedKind =
  | 'new'
  | 'repeat_victim'
  | 'co_victim'
  | 'resend'
  | 'same_crime'
  | 'conflict'
  | 'bad'
  | 'consent_refused'

export interface LabelledReferral {
  record: FeedRecord
  kind: GeneratedKind
  /** What the hub should decide; for `bad` the reasons are the ones deliberately introduced. */
  expected: { state: ReferralState; reasons: ReasonCode[] }
  /** Same number = same real person (whatever the record calls them). */
  personId: number
  crimeId: number
  /** Index (in the returned list) of the record this one re-sends, duplicates or conflicts with. */
  sourceIndex: number | null
}

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

const KIND_WEIGHTS: readonly (readonly [GeneratedKind, number])[] = [
  ['new', 84],
  ['co_victim', 1.5],
  ['resend', 4],
  ['same_crime', 4],
  ['conflict', 0.5],
  ['bad', 4.5],
  ['consent_refused', 2],
]

const DA_RATE: Partial<Record<CrimeCategory, number>> = {
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
const HATE_RATE: Partial<Record<CrimeCategory, number>> = {
  violence_without_injury: 0.05,
  violence_with_injury: 0.03,
  public_order: 0.1,
  stalking_harassment: 0.03,
  criminal_damage_arson: 0.02,
}
const OFFENCES: Record<CrimeCategory, readonly (readonly [string, string])[]> = {
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
const SENSITIVE = new Set<CrimeCategory>([
  'rape',
  'sexual_offence_other',
  'stalking_harassment',
  'kidnap_false_imprisonment',
])
const HOUSEHOLD = new Set<CrimeCategory>(['burglary_residential', 'criminal_damage_arson', 'vehicle_crime'])
const PLAIN_CATEGORIES: readonly CrimeCategory[] = [
  'burglary_residential',
  'vehicle_crime',
  'other_theft',
  'criminal_damage_arson',
  'theft_from_person',
]
const HATE_STRAND_WEIGHTS = [
  ['race', 6],
  ['religion', 2],
  ['sexual_orientation', 2],
  ['disability', 1.5],
  ['transgender', 0.7],
  ['alternative_subculture', 0.2],
  ['sex', 0.3],
] as const
const SAFE_NOTES = [
  'only call 10:00–14:00 weekdays; say you are from the surgery',
  'Do not leave messages - partner checks phone',
  'Text first before calling',
  'Use email only, not post - shares address with suspect',
  'Call mobile only, never the landline',
]
const REFERRER_NOTES = [
  'Victim asked for a call back after 5pm',
  'Victim is hard of hearing - text preferred',
  'Victim very shaken, lives alone',
  'Second incident this month',
  'Victim works nights',
]
const INVESTIGATION = [
  'Suspect identified',
  'CCTV being reviewed',
  'Forensics attended',
  'House-to-house enquiries',
  'No lines of enquiry',
]
const ENGAGEMENT = [
  'Engaging well',
  'Reluctant to support prosecution',
  'Wants updates by text',
  'Engaging; anxious',
]

const HOUR = 3_600_000
const DAY = 24 * HOUR

interface Crime {
  id: number
  force: string
  crimeReference: string
  category: CrimeCategory
  offence: readonly [string, string]
  reportedMs: number
  recordedMs: number | null
  da: boolean
  hate: string[]
  cse: boolean
  cyber: boolean
  rural: boolean
}

interface PersonEntry {
  id: number
  person: Person
  force: string
  personRef: string | null
  lastReportedMs: number
}

interface Meta {
  crime: Crime
  entry: PersonEntry
  sentMs: number
  clean: boolean
}

const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000

/** Date-times in the forms forces really send: Z, an offset, or London wall time. */
function formatDateTime(rng: Rng, ms: number): string {
  const utc = DateTime.fromMillis(ms, { zone: 'utc' })
  const local = DateTime.fromMillis(ms, { zone: LONDON })
  const style = rng.weighted([
    ['z', 12],
    ['offset', 4],
    ['local', 3],
    ['localT', 1],
  ] as const)
  const z = utc.toFormat("yyyy-LL-dd'T'HH:mm:ss'Z'")
  if (style === 'z') return z
  if (style === 'offset') return local.toFormat("yyyy-LL-dd'T'HH:mm:ssZZ")
  const wall =
    style === 'local' ? local.toFormat('yyyy-LL-dd HH:mm:ss') : local.toFormat("yyyy-LL-dd'T'HH:mm")
  // A wall time in the autumn repeat hour reads back as the BST one; keep such instants exact.
  return parseDateTime(wall) === utc.toISO() ? wall : z
}

function formatFlag(rng: Rng, flag: 'Y' | 'N' | 'U'): string {
  if (flag === 'U') return rng.chance(0.6) ? '' : 'U'
  return rng.chance(0.05) ? flag.toLowerCase() : flag
}

function formatPostcode(rng: Rng, postcode: string): string {
  const style = rng.weighted([
    ['canonical', 17],
    ['compact', 2],
    ['lower', 1],
  ] as const)
  if (style === 'compact') return postcode.replace(' ', '')
  if (style === 'lower') return postcode.toLowerCase()
  return postcode
}

function blankRecord(): FeedRecord {
  return Object.fromEntries(FEED_FIELD_NAMES.map((n) => [n, ''])) as FeedRecord
}

class Generator {
  readonly rng: Rng
  readonly out: LabelledReferral[] = []
  readonly meta: Meta[] = []
  readonly people: PersonEntry[] = []
  readonly officers: { name: string; collar: string; email: string; phone: string }[]
  private crimeSeq: number
  private crimeCount = 0
  private referralSeq = 0
  private personRefSeq: number
  private windowStart = 0

  constructor(seed: number) {
    this.rng = createRng(seed)
    this.crimeSeq = this.rng.int(10_000, 60_000)
    this.personRefSeq = this.rng.int(100_000, 900_000)
    this.officers = Array.from({ length: 24 }, () => {
      const female = this.rng.chance(0.4)
      const forename = this.rng.pick(female ? FEMALE_FORENAMES : MALE_FORENAMES)
      const surname = this.rng.pick(SURNAMES)
      const rank = this.rng.weighted([
        ['PC', 5],
        ['DC', 4],
        ['DS', 1],
      ] as const)
      const local = `${forename}.${surname}`
        .normalize('NFD')
        .replace(/[^A-Za-z.]/g, '')
        .toLowerCase()
      return {
        name: `${rank} ${forename} ${surname}`,
        collar: String(this.rng.int(1000, 9999)),
        email: `${local}@police.example.org`,
        phone: formatPhone(this.rng, randomLandline(this.rng)),
      }
    })
  }

  newCrime(sentMs: number, category?: CrimeCategory): Crime {
    const rng = this.rng
    const cat = category ?? rng.weighted(CATEGORY_WEIGHTS)
    const lagHours = rng.weighted([
      [() => rng.int(1, 48), 70],
      [() => rng.int(48, 120), 25],
      [() => rng.int(120, 336), 5],
    ] as const)()
    const reportedMs = minute(sentMs - lagHours * HOUR - rng.int(0, 59) * 60_000)
    const recordedMs = rng.chance(0.9) ? Math.min(sentMs, reportedMs + rng.int(5, 360) * 60_000) : null
    const force = rng.weighted([
      ['WARKS', 94],
      ['WMERC', 4],
      ['BTP', 2],
    ] as const)
    const prefix = force === 'WARKS' ? 'WK' : force === 'WMERC' ? 'WM' : 'BTP'
    this.crimeSeq += rng.int(1, 40)
    const yy = DateTime.fromMillis(reportedMs, { zone: LONDON }).toFormat('yy')
    const hate = rng.chance(HATE_RATE[cat] ?? 0.002) ? [rng.weighted(HATE_STRAND_WEIGHTS)] : []
    if (hate.length > 0 && rng.chance(0.1)) hate.push('religion')
    return {
      id: this.crimeCount++,
      force,
      crimeReference: `${prefix}/${String(this.crimeSeq).padStart(6, '0')}/${yy}`,
      category: cat,
      offence: rng.pick(OFFENCES[cat]),
      reportedMs,
      recordedMs,
      da: rng.chance(DA_RATE[cat] ?? 0.01),
      hate: [...new Set(hate)],
      cse: cat === 'sexual_offence_other' && rng.chance(0.1),
      cyber:
        cat === 'fraud' || cat === 'computer_misuse' || (cat === 'stalking_harassment' && rng.chance(0.3)),
      rural: rng.chance(0.03),
    }
  }

  newPersonEntry(person: Person, force: string, reportedMs: number): PersonEntry {
    this.personRefSeq += this.rng.int(1, 500)
    const entry: PersonEntry = {
      id: this.people.length,
      person,
      force,
      personRef: this.rng.chance(0.92) ? `P${String(this.personRefSeq).padStart(7, '0')}` : null,
      lastReportedMs: reportedMs,
    }
    this.people.push(entry)
    return entry
  }

  victimFor(crime: Crime): { entry: PersonEntry; victimType: string; contact: Person; repeat: boolean } {
    const rng = this.rng
    const onDate = londonDate(new Date(crime.reportedMs).toISOString())
    const cat = crime.category
    if (cat === 'homicide' || cat === 'death_by_driving') {
      const relative = generatePerson(rng, { age: rng.int(25, 80), onDate })
      return {
        entry: this.newPersonEntry(relative, crime.force, crime.reportedMs),
        victimType: rng.chance(0.8) ? 'bereaved_relative' : 'family_spokesperson',
        contact: relative,
        repeat: false,
      }
    }
    if ((cat === 'burglary_business' && rng.chance(0.7)) || (cat === 'shoplifting' && rng.chance(0.95))) {
      const contact = generatePerson(rng, { age: rng.int(22, 64), onDate })
      return {
        entry: this.newPersonEntry(contact, crime.force, crime.reportedMs),
        victimType: 'business_contact',
        contact,
        repeat: false,
      }
    }
    // About one victim in five was referred in the previous twelve months.
    // People are created in roughly report order, so those seen in the last year are a suffix.
    while (
      this.windowStart < this.people.length &&
      crime.reportedMs - (this.people[this.windowStart] as PersonEntry).lastReportedMs > 365 * DAY
    ) {
      this.windowStart += 1
    }
    if (this.people.length > this.windowStart && rng.chance(0.2)) {
      for (let attempt = 0; attempt < 6; attempt++) {
        const entry = this.people[rng.int(this.windowStart, this.people.length - 1)] as PersonEntry
        const eligible =
          entry.force === crime.force &&
          entry.lastReportedMs < crime.reportedMs &&
          crime.reportedMs - entry.lastReportedMs < 365 * DAY
        if (!eligible) continue
        entry.lastReportedMs = crime.reportedMs
        const age = ageOn(entry.person.dateOfBirth, onDate)
        return {
          entry,
          victimType: age < 16 ? 'parent_guardian' : 'direct',
          contact: entry.person,
          repeat: true,
        }
      }
    }
    const child =
      cat !== 'fraud' && cat !== 'computer_misuse' && rng.chance(cat === 'sexual_offence_other' ? 0.35 : 0.09)
    const age = child
      ? rng.int(4, 17)
      : rng.weighted([
          [() => rng.int(18, 34), 4],
          [() => rng.int(35, 59), 4],
          [() => rng.int(60, 94), 2],
        ] as const)()
    const person = generatePerson(rng, { age, onDate })
    const entry = this.newPersonEntry(person, crime.force, crime.reportedMs)
    if (age < 16) {
      const parent = generatePerson(rng, {
        age: rng.int(26, 55),
        onDate,
        surname: rng.chance(0.8) ? person.surname : undefined,
        address: person.address,
      })
      entry.person = {
        ...person,
        mobile: parent.mobile ?? randomMobile(rng),
        landline: parent.landline,
        email: parent.email,
      }
      return { entry, victimType: 'parent_guardian', contact: entry.person, repeat: false }
    }
    return { entry, victimType: 'direct', contact: person, repeat: false }
  }

  /** Builds a clean referral for a crime and victim: passes every record check. */
  cleanRecord(
    crime: Crime,
    victim: { entry: PersonEntry; victimType: string; contact: Person; repeat: boolean },
    sentMs: number,
    consent: 'Y' | 'U' | 'N' | 'auto',
  ): FeedRecord {
    const rng = this.rng
    const r = blankRecord()
    const p = victim.contact
    const onDate = londonDate(new Date(crime.reportedMs).toISOString())
    this.referralSeq += 1
    r.referral_id = `${crime.force}-${DateTime.fromMillis(sentMs, { zone: LONDON }).toFormat('yyyyLLdd')}-${String(this.referralSeq).padStart(6, '0')}`
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

    const sensitive = crime.da || SENSITIVE.has(crime.category)
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
    const oic = rng.pick(this.officers)
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

  push(
    record: FeedRecord,
    kind: GeneratedKind,
    state: ReferralState,
    reasons: ReasonCode[],
    meta: Meta,
    sourceIndex: number | null,
  ) {
    this.out.push({
      record,
      kind,
      expected: { state, reasons },
      personId: meta.entry.id,
      crimeId: meta.crime.id,
      sourceIndex,
    })
    this.meta.push(meta)
  }

  addNew(sentMs: number) {
    const crime = this.newCrime(sentMs)
    const victim = this.victimFor(crime)
    const record = this.cleanRecord(crime, victim, sentMs, 'auto')
    this.push(
      record,
      victim.repeat ? 'repeat_victim' : 'new',
      'accepted',
      [],
      { crime, entry: victim.entry, sentMs, clean: true },
      null,
    )
  }

  addConsentRefused(sentMs: number) {
    const crime = this.newCrime(sentMs)
    const victim = this.victimFor(crime)
    const record = this.cleanRecord(crime, victim, sentMs, 'N')
    this.push(
      record,
      'consent_refused',
      'consent_refused',
      [],
      { crime, entry: victim.entry, sentMs, clean: false },
      null,
    )
  }

  /** A plain adult direct victim of a non-sensitive crime, then one deliberate fault. */
  addBad(sentMs: number) {
    const rng = this.rng
    const crime = { ...this.newCrime(sentMs, rng.pick(PLAIN_CATEGORIES)), da: false, hate: [] }
    const onDate = londonDate(new Date(crime.reportedMs).toISOString())
    const person = generatePerson(rng, { age: rng.int(20, 75), onDate })
    person.mobile = randomMobile(rng)
    person.email = emailFor(rng, person.forename, person.surname)
    const entry = this.newPersonEntry(person, crime.force, crime.reportedMs)
    const r = this.cleanRecord(
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
        for (const f of ['safe_to_call', 'safe_to_text', 'safe_to_email', 'safe_to_write'] as const)
          r[f] = 'N'
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
    this.push(r, 'bad', 'quarantined', [reason], { crime, entry, sentMs, clean: false }, null)
  }

  recentClean(sentMs: number, filter: (m: Meta) => boolean = () => true): number[] {
    const found: number[] = []
    for (let i = this.out.length - 1; i >= 0 && found.length < 60; i--) {
      const m = this.meta[i]
      if (!m || sentMs - m.sentMs > 60 * DAY) break
      if (m.clean && filter(m)) found.push(i)
    }
    return found
  }

  addResend(sentMs: number): boolean {
    const candidates: number[] = []
    for (let i = this.out.length - 1; i >= 0 && candidates.length < 80; i--) {
      const l = this.out[i]
      // A conflict has no single "same content", and a blank referral_id cannot be recognised as sent before.
      if (l && l.kind !== 'conflict' && l.record.referral_id.trim() !== '') candidates.push(i)
    }
    if (candidates.length === 0) return false
    const src = this.rng.pick(candidates)
    const source = this.out[src] as LabelledReferral
    const meta = this.meta[src] as Meta
    const record = { ...source.record }
    // Half are a file sent again as it was; half are re-sent by the system with a new sent_at.
    if (this.rng.chance(0.5) && parseDateTime(record.sent_at) !== null)
      record.sent_at = formatDateTime(this.rng, sentMs)
    this.push(record, 'resend', 'duplicate', [], { ...meta, sentMs, clean: false }, src)
    return true
  }

  addSameCrime(sentMs: number): boolean {
    const candidates = this.recentClean(sentMs)
    if (candidates.length === 0) return false
    const src = this.rng.pick(candidates)
    const meta = this.meta[src] as Meta
    const record = { ...(this.out[src] as LabelledReferral).record }
    this.referralSeq += 1
    record.referral_id = `${meta.crime.force}-${DateTime.fromMillis(sentMs, { zone: LONDON }).toFormat('yyyyLLdd')}-${String(this.referralSeq).padStart(6, '0')}`
    record.sent_at = formatDateTime(this.rng, sentMs)
    record.notes = this.rng.pick([
      'Updated referral',
      'Re-referred after victim contacted police again',
      record.notes,
    ])
    if (this.rng.chance(0.4)) record.oic_name = this.rng.pick(this.officers).name
    this.push(record, 'same_crime', 'duplicate', [], { ...meta, sentMs, clean: false }, src)
    return true
  }

  addConflict(sentMs: number): boolean {
    const candidates = this.recentClean(sentMs)
    if (candidates.length === 0) return false
    const src = this.rng.pick(candidates)
    const meta = this.meta[src] as Meta
    const record = { ...(this.out[src] as LabelledReferral).record }
    record.sent_at = formatDateTime(this.rng, sentMs)
    record.notes = `${record.notes} Corrected: victim's phone number updated`.trim()
    record.phone_mobile = formatPhone(this.rng, randomMobile(this.rng))
    this.push(
      record,
      'conflict',
      'quarantined',
      ['referral_id_conflict'],
      { ...meta, sentMs, clean: false },
      src,
    )
    return true
  }

  addCoVictim(sentMs: number): boolean {
    const candidates = this.recentClean(sentMs, (m) => HOUSEHOLD.has(m.crime.category) && !m.crime.da)
    if (candidates.length === 0) return false
    const src = this.rng.pick(candidates)
    const meta = this.meta[src] as Meta
    const crime = meta.crime
    const onDate = londonDate(new Date(crime.reportedMs).toISOString())
    const first = meta.entry.person
    const partner = generatePerson(this.rng, {
      age: this.rng.int(20, 80),
      onDate,
      surname: first.surname,
      address: first.address,
    })
    const entry = this.newPersonEntry(partner, crime.force, crime.reportedMs)
    const record = this.cleanRecord(
      crime,
      { entry, victimType: 'direct', contact: partner, repeat: false },
      sentMs,
      'auto',
    )
    this.push(record, 'co_victim', 'accepted', [], { crime, entry, sentMs, clean: true }, src)
    return true
  }
}

function ageOn(dateOfBirth: string, onDate: string): number {
  let age = Number(onDate.slice(0, 4)) - Number(dateOfBirth.slice(0, 4))
  if (onDate.slice(5) < dateOfBirth.slice(5)) age -= 1
  return age
}

const toMs = (d: Date | string): number => (d instanceof Date ? d.getTime() : Date.parse(d))

/** Labelled records, in the order they are sent (the order a file or batch would hold them). */
export function generateLabelledReferrals(options: GenerateOptions): LabelledReferral[] {
  const fromMs = toMs(options.from)
  const toMsValue = toMs(options.to)
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMsValue) || toMsValue < fromMs) {
    throw new RangeError('generateReferrals: `from` and `to` must be valid times with from <= to')
  }
  if (!Number.isInteger(options.count) || options.count < 0)
    throw new RangeError('generateReferrals: `count` must be a whole number')
  const g = new Generator(options.seed)
  const slots = Array.from({ length: options.count }, () =>
    minute(fromMs + g.rng.next() * (toMsValue - fromMs)),
  ).sort((a, b) => a - b)
  for (const sentMs of slots) {
    const kind = g.rng.weighted(KIND_WEIGHTS)
    const done =
      (kind === 'resend' && g.addResend(sentMs)) ||
      (kind === 'same_crime' && g.addSameCrime(sentMs)) ||
      (kind === 'conflict' && g.addConflict(sentMs)) ||
      (kind === 'co_victim' && g.addCoVictim(sentMs))
    if (done) continue
    if (kind === 'bad') g.addBad(sentMs)
    else if (kind === 'consent_refused') g.addConsentRefused(sentMs)
    else g.addNew(sentMs)
  }
  return g.out
}

/** Feed records only, as a police force would send them. */
export function generateReferrals(options: GenerateOptions): FeedRecord[] {
  return generateLabelledReferrals(options).map((l) => l.record)
}

function columnsOf(records: readonly Record<string, string>[]): string[] {
  const columns: string[] = [...FEED_FIELD_NAMES]
  const seen = new Set(columns)
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k)
        columns.push(k)
      }
    }
  }
  return columns
}

export interface CsvOptions {
  /** RFC 4180 says CRLF; the feed accepts LF too. */
  lineEnding?: '\r\n' | '\n'
  bom?: boolean
}

/** CSV with a header row; every field quoted, inner quotes doubled (RFC 4180). */
export function toCsv(records: readonly Record<string, string>[], options: CsvOptions = {}): string {
  const eol = options.lineEnding ?? '\r\n'
  const columns = columnsOf(records)
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`
  const lines = [
    columns.map(quote).join(','),
    ...records.map((r) => columns.map((c) => quote(r[c] ?? '')).join(',')),
  ]
  return `${options.bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`
}

export interface JsonlOptions {
  /** Flags as JSON `true`/`false`, blanks as `null`: the other form the spec accepts. */
  jsonTypes?: boolean
}

const FLAG_FIELDS = new Set<string>(FEED_FIELDS.filter((f) => f.kind === 'flag').map((f) => f.name))

/** JSON Lines: one object per line, same field names. */
export function toJsonl(records: readonly Record<string, string>[], options: JsonlOptions = {}): string {
  return records
    .map((r) => {
      if (!options.jsonTypes) return JSON.stringify(r)
      const o: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(r)) {
        const up = v.trim().toUpperCase()
        if (v.trim() === '') o[k] = null
        else if (FLAG_FIELDS.has(k) && (up === 'Y' || up === 'N')) o[k] = up === 'Y'
        else o[k] = v
      }
      return JSON.stringify(o)
    })
    .map((line) => `${line}\n`)
    .join('')
}
