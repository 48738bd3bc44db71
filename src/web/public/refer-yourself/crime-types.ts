// What happened, in the words a person would use, mapped to the feed's crime categories and flags.
// A person is not asked to classify an offence: the hub's caseworker confirms the details on first
// contact. The mapping errs towards the category that gets the right specialist pathway.
import type { SupportTopic } from '../../../domain/directory/entries.ts'
import type { CrimeCategory, Flag, VictimType } from '../../../domain/referral-feed/index.ts'

export type CrimeTypeOption = {
  readonly id: string
  readonly text: string
  readonly hint?: string
  readonly category: CrimeCategory
  readonly victimType?: VictimType
  readonly flags?: Partial<Record<'domestic_abuse' | 'hate_crime' | 'cyber' | 'cse', Flag>>
}

export const RATHER_NOT_SAY = 'rather_not_say'

export const CRIME_TYPES: readonly CrimeTypeOption[] = [
  {
    id: 'hurt',
    text: 'Someone attacked me and I was hurt',
    category: 'violence_with_injury',
  },
  {
    id: 'attacked',
    text: 'Someone attacked or threatened me',
    category: 'violence_without_injury',
  },
  {
    id: 'sexual',
    text: 'Rape, sexual assault or other sexual abuse',
    hint: 'Whenever it happened, including as a child',
    category: 'sexual_offence_other',
  },
  {
    id: 'domestic',
    text: 'Domestic abuse',
    hint: 'By a partner, an ex-partner or a family member: physical, emotional, financial or controlling behaviour',
    category: 'other',
    flags: { domestic_abuse: 'Y' },
  },
  { id: 'stalking', text: 'Stalking or harassment', category: 'stalking_harassment' },
  {
    id: 'hate',
    text: 'Targeted because of who I am',
    hint: 'For example because of race, religion, disability, sexual orientation or gender identity',
    category: 'other',
    flags: { hate_crime: 'Y' },
  },
  { id: 'burglary', text: 'Someone broke into my home', category: 'burglary_residential' },
  { id: 'robbery', text: 'Something was taken from me by force or threat', category: 'robbery' },
  { id: 'theft', text: 'Something was stolen from me', category: 'other_theft' },
  { id: 'fraud', text: 'Fraud or a scam', category: 'fraud' },
  {
    id: 'online',
    text: 'Online crime or hacking',
    category: 'computer_misuse',
    flags: { cyber: 'Y' },
  },
  {
    id: 'damage',
    text: 'Damage to my home, car or things, or a fire set on purpose',
    category: 'criminal_damage_arson',
  },
  {
    id: 'bereaved',
    text: 'Someone close to me died because of a crime',
    hint: 'Including a death caused by dangerous driving',
    category: 'homicide',
    victimType: 'bereaved_relative',
  },
  { id: 'other', text: 'Something else', category: 'other' },
  { id: RATHER_NOT_SAY, text: 'I’d rather not say', category: 'other' },
]

export const crimeTypeById = (id: string | undefined): CrimeTypeOption | undefined =>
  CRIME_TYPES.find((t) => t.id === id)

/** The directory's support topic for what they told us, for the helplines on the confirmation page. */
const TOPICS: Record<string, SupportTopic> = {
  hurt: 'violence',
  attacked: 'violence',
  sexual: 'sexual_violence',
  domestic: 'domestic_abuse',
  stalking: 'violence',
  hate: 'hate_crime',
  burglary: 'burglary',
  robbery: 'violence',
  theft: 'theft_or_damage',
  fraud: 'fraud',
  online: 'online_crime',
  damage: 'theft_or_damage',
  bereaved: 'other',
  other: 'other',
}
export const supportTopicOf = (id: string | undefined): SupportTopic | typeof RATHER_NOT_SAY =>
  (id && TOPICS[id]) || RATHER_NOT_SAY
