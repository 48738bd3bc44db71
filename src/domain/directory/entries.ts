// The service directory: every service the hub knows, what it does, who it is for and how to get it.
// One list: the routing rules choose among its routable services, find support and the Open Referral UK
// API publish its listed ones. The seed below describes the demo county's providers
// (domain/triage/pathways.ts PROVIDERS) and the national helplines; an administrator keeps it after.
import { type PathwayId, PROVIDERS } from '../triage/pathways.ts'
import { COUNTY_DISTRICTS } from './places.ts'

/** What happened, in the plain words find support offers (never crime codes). */
export const SUPPORT_TOPICS = [
  'violence',
  'sexual_violence',
  'domestic_abuse',
  'child_exploitation',
  'hate_crime',
  'road_crash',
  'fraud',
  'online_crime',
  'burglary',
  'theft_or_damage',
  'rural_crime',
  'other',
] as const
export type SupportTopic = (typeof SUPPORT_TOPICS)[number]

export const ACCESS_METHODS = ['refer_yourself', 'phone', 'online', 'through_hub'] as const
export type AccessMethod = (typeof ACCESS_METHODS)[number]

export const GENDERS = ['female', 'male'] as const
export type Gender = (typeof GENDERS)[number]

export interface DirectoryLocation {
  readonly id: string
  readonly name: string
  readonly address1: string | null
  readonly city: string | null
  readonly postcode: string | null
  readonly latitude: number | null
  readonly longitude: number | null
  /** a refuge or safe house: never published, only its service area */
  readonly confidential: boolean
  readonly serviceArea: string
  readonly accessibility: string | null
}

export interface DirectoryDetails {
  readonly organisationName: string
  readonly description: string
  readonly topics: readonly SupportTopic[]
  readonly minimumAge: number | null
  readonly maximumAge: number | null
  /** empty: everyone */
  readonly genders: readonly Gender[]
  readonly areasServed: readonly string[]
  readonly national: boolean
  readonly accessMethods: readonly AccessMethod[]
  readonly phone: string | null
  readonly email: string | null
  readonly website: string | null
  readonly openingTimes: string
  readonly open24Hours: boolean
  /** ISO 639-1 codes */
  readonly languages: readonly string[]
  readonly accessibility: string | null
  readonly cost: string
}

export interface DirectoryService extends DirectoryDetails {
  readonly id: string
  readonly name: string
  readonly pathway: PathwayId
  readonly expectedWaitDays: number | null
  readonly routable: boolean
  readonly updatedAt: Date
  readonly locations: readonly DirectoryLocation[]
}

/** The seed for one service: a provider's directory details, or a national helpline with its own row. */
export interface DirectorySeed {
  readonly id: string
  readonly details: DirectoryDetails
  readonly locations: readonly DirectoryLocation[]
  /** for a service that is not a routing provider: its name and pathway */
  readonly helpline?: { readonly name: string; readonly pathway: PathwayId }
}

const county = (
  organisationName: string,
  description: string,
  topics: readonly SupportTopic[],
  extra: Partial<DirectoryDetails> = {},
): DirectoryDetails => ({
  organisationName,
  description,
  topics,
  minimumAge: null,
  maximumAge: null,
  genders: [],
  areasServed: COUNTY_DISTRICTS,
  national: false,
  accessMethods: ['refer_yourself', 'through_hub', 'phone'],
  phone: '0300 555 0100',
  email: null,
  website: null,
  openingTimes: 'Monday to Friday, 9am to 5pm',
  open24Hours: false,
  languages: ['en', 'cy'],
  accessibility: 'Interpreters and British Sign Language on request. Step-free access to our offices.',
  cost: 'Free',
  ...extra,
})

const helpline = (
  organisationName: string,
  description: string,
  topics: readonly SupportTopic[],
  phone: string,
  extra: Partial<DirectoryDetails> = {},
): DirectoryDetails => ({
  ...county(organisationName, description, topics),
  areasServed: [],
  national: true,
  accessMethods: ['phone'],
  phone,
  openingTimes: '24 hours a day, every day',
  open24Hours: true,
  languages: ['en'],
  accessibility: 'Type Talk and interpreters available.',
  ...extra,
})

const place = (
  id: string,
  name: string,
  address1: string | null,
  city: string | null,
  postcode: string | null,
  coordinates: [number, number] | null,
  serviceArea: string,
  confidential = false,
): DirectoryLocation => ({
  id,
  name,
  address1,
  city,
  postcode,
  latitude: coordinates?.[0] ?? null,
  longitude: coordinates?.[1] ?? null,
  confidential,
  serviceArea,
  accessibility: confidential ? null : 'Step-free entrance and an accessible toilet.',
})

const AREA = 'Warwickshire'

const DETAILS: Record<string, { details: DirectoryDetails; locations?: DirectoryLocation[] }> = {
  'victim-support-general': {
    details: county(
      'Victim Support',
      'Emotional and practical help after any crime, whether or not you told the police.',
      [
        'violence',
        'theft_or_damage',
        'burglary',
        'hate_crime',
        'fraud',
        'online_crime',
        'rural_crime',
        'other',
      ],
    ),
    locations: [
      place(
        '5b1f3c0e-2a44-4c43-9a0e-6c1d1f7a0001',
        'Victim Hub, Leamington Spa',
        '12 Parade Walk',
        'Leamington Spa',
        'CV32 4AA',
        [52.2905, -1.5353],
        AREA,
      ),
    ],
  },
  'rosa-isva': {
    details: county(
      'ROSA',
      'Independent sexual violence advisers for adults in the north of the county, and counselling.',
      ['sexual_violence'],
      { minimumAge: 18, areasServed: ['CV7', 'CV9', 'CV10', 'CV11', 'CV12', 'CV21', 'CV22', 'CV23', 'B78'] },
    ),
  },
  'safeline-isva': {
    details: county(
      'Safeline',
      'Independent sexual violence advisers, groups and one-to-one counselling for adults.',
      ['sexual_violence'],
      {
        minimumAge: 16,
        areasServed: [
          'CV8',
          'CV31',
          'CV32',
          'CV33',
          'CV34',
          'CV35',
          'CV36',
          'CV37',
          'CV47',
          'B49',
          'B50',
          'B80',
          'B95',
        ],
      },
    ),
    locations: [
      place(
        '5b1f3c0e-2a44-4c43-9a0e-6c1d1f7a0002',
        'Safeline, Warwick',
        '3 Castle Lane',
        'Warwick',
        'CV34 4BN',
        [52.2803, -1.5862],
        'South Warwickshire',
      ),
    ],
  },
  'out-of-area-sv': {
    details: county(
      'Sexual violence service outside the county',
      'If you would rather be supported away from where you live, an adviser in a nearby county.',
      ['sexual_violence'],
      { minimumAge: 18, accessMethods: ['through_hub'] },
    ),
  },
  'barnardos-cse': {
    details: county(
      'Barnardo’s',
      'Specialist support for children and young people who have been sexually exploited.',
      ['child_exploitation', 'sexual_violence'],
      { maximumAge: 25 },
    ),
    locations: [
      place(
        '5b1f3c0e-2a44-4c43-9a0e-6c1d1f7a0003',
        'Safe house',
        '41 Orchard Row',
        'Rugby',
        'CV21 9XQ',
        [52.3712, -1.2641],
        AREA,
        true,
      ),
    ],
  },
  'out-of-area-cse': {
    details: county(
      'CSE service outside the county',
      'Support for young people who would rather be helped away from where they live.',
      ['child_exploitation'],
      { maximumAge: 25, accessMethods: ['through_hub'] },
    ),
  },
  'refuge-da': {
    details: county(
      'Refuge',
      'Domestic abuse advisers, outreach and safe accommodation for women and children.',
      ['domestic_abuse'],
      { minimumAge: 16 },
    ),
    locations: [
      place(
        '5b1f3c0e-2a44-4c43-9a0e-6c1d1f7a0004',
        'Refuge accommodation',
        '7 Hawthorn Close',
        'Nuneaton',
        'CV11 6ZZ',
        [52.5233, -1.4377],
        AREA,
        true,
      ),
      place(
        '5b1f3c0e-2a44-4c43-9a0e-6c1d1f7a0005',
        'Domestic abuse outreach, Rugby',
        '20 Market Street',
        'Rugby',
        'CV21 3BH',
        [52.3707, -1.2617],
        AREA,
      ),
    ],
  },
  'equip-hate': {
    details: county('EQuIP', 'Reporting and support after a hate crime or hate incident.', ['hate_crime']),
  },
  roadpeace: {
    details: county('RoadPeace', 'Support after a death or serious injury on the road.', ['road_crash'], {
      areasServed: COUNTY_DISTRICTS,
    }),
  },
  brake: {
    details: county('Brake', 'Support for families bereaved or hurt in a road crash.', ['road_crash']),
  },
  'county-cyber-team': {
    details: county(
      'Warwickshire County Council',
      'Help after online crime: securing accounts and devices, and staying safe online.',
      ['online_crime', 'fraud'],
    ),
  },
  'victim-support-fraud': {
    details: county('Victim Support', 'Support after a fraud or scam.', ['fraud', 'online_crime']),
  },
  'rural-crime-coordinators': {
    details: county('Warwickshire Police', 'Help after crime on a farm or in the countryside.', [
      'rural_crime',
    ]),
  },
  'victim-support-young-people': {
    details: county(
      'Victim Support',
      'Support for children and young people after any crime.',
      ['violence', 'theft_or_damage', 'burglary', 'hate_crime', 'online_crime', 'other'],
      { maximumAge: 17 },
    ),
  },
  'victim-support-older-people': {
    details: county(
      'Victim Support',
      'Support for older people after any crime, including scams at the door.',
      ['violence', 'theft_or_damage', 'burglary', 'fraud', 'other'],
      { minimumAge: 65 },
    ),
  },
  'victim-support-burglary': {
    details: county('Victim Support', 'Support after a burglary, including making your home secure.', [
      'burglary',
    ]),
  },
}

/** National helplines: listed for everyone, never routed to. */
const HELPLINES: DirectorySeed[] = [
  {
    id: 'national-domestic-abuse-helpline',
    helpline: { name: 'National Domestic Abuse Helpline', pathway: 'domestic_abuse' },
    details: helpline(
      'Refuge',
      'Free, confidential advice for anyone affected by domestic abuse.',
      ['domestic_abuse'],
      '0808 2000 247',
    ),
    locations: [],
  },
  {
    id: 'rape-crisis-support-line',
    helpline: { name: 'Rape Crisis 24/7 Support Line', pathway: 'sexual_violence' },
    details: helpline(
      'Rape Crisis England and Wales',
      'Talk to someone after rape, sexual assault or sexual abuse, however long ago.',
      ['sexual_violence', 'child_exploitation'],
      '0808 500 2222',
      { minimumAge: 16 },
    ),
    locations: [],
  },
  {
    id: 'victim-support-supportline',
    helpline: { name: 'Victim Support Supportline', pathway: 'general_support' },
    details: helpline(
      'Victim Support',
      'Talk to someone after any crime, whether or not you told the police.',
      [...SUPPORT_TOPICS],
      '0808 168 9111',
    ),
    locations: [],
  },
  {
    id: 'childline',
    helpline: { name: 'Childline', pathway: 'young_victims' },
    details: helpline('NSPCC', 'Free, private help for anyone under 19.', [...SUPPORT_TOPICS], '0800 1111', {
      maximumAge: 18,
    }),
    locations: [],
  },
  {
    id: 'mens-advice-line',
    helpline: { name: 'Men’s Advice Line', pathway: 'domestic_abuse' },
    details: helpline(
      'Respect',
      'Advice and support for men experiencing domestic abuse.',
      ['domestic_abuse'],
      '0808 801 0327',
      { genders: ['male'], open24Hours: false, openingTimes: 'Monday to Friday, 10am to 8pm' },
    ),
    locations: [],
  },
  {
    id: 'stop-hate-uk',
    helpline: { name: 'Stop Hate UK', pathway: 'hate_crime' },
    details: helpline(
      'Stop Hate UK',
      'Report hate crime and talk to someone, any time.',
      ['hate_crime'],
      '0800 138 1625',
    ),
    locations: [],
  },
]

/** The demo directory: every seeded provider's details, then the national helplines. */
export const DIRECTORY_SEED: readonly DirectorySeed[] = [
  ...PROVIDERS.flatMap((p): DirectorySeed[] => {
    const entry = DETAILS[p.id]
    return entry ? [{ id: p.id, details: entry.details, locations: entry.locations ?? [] }] : []
  }),
  ...HELPLINES,
]

export type PublicDirectoryService = DirectoryService & { readonly serviceAreaNames: readonly string[] }

/** Every service area a service covers, including those of its confidential locations. */
export function serviceAreas(service: DirectoryService): string[] {
  const areas = new Set(service.locations.map((l) => l.serviceArea))
  if (service.national) areas.add('England and Wales')
  return [...areas]
}

/**
 * A copy of a service fit to publish: confidential locations removed (and their addresses never
 * carried), their service areas kept.
 */
export function publicService(service: DirectoryService): PublicDirectoryService {
  return {
    ...service,
    locations: service.locations.filter((l) => !l.confidential),
    serviceAreaNames: serviceAreas(service),
  }
}
