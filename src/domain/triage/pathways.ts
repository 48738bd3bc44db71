// Seeded support pathways and providers, from the county needs assessment's "Local services" and
// recommendations (domain/needs-assessment.md). The directory lives in the database at run time; this
// is the seed and the fixture the routing tests use.
//
// Capacities are illustrative starting figures for an administrator to replace, derived from the
// assessment's recommended annual capacity where it gives one:
// - general service: 20,000 referrals a year -> ~1,670 a month; ~5,000 needing an intervention a year
//   with an average of 2.2 sessions -> a few hundred open cases at a time;
// - sexual violence and CSE: at least 1,500 adults and 850 young people a year -> ~125 adults and
//   ~70 young people a month, split across the two ISVA services and Barnardo's;
// - other specialist services: sized from the assessment's annual counts (hate 664, cyber 595, road
//   deaths 25) times the share wanting support.

export const PATHWAY_IDS = [
  'general_support',
  'sexual_violence',
  'child_sexual_exploitation',
  'domestic_abuse',
  'hate_crime',
  'road_trauma',
  'cyber_crime',
  'fraud',
  'rural_crime',
  'young_victims',
  'elderly_victims',
  'burglary',
] as const
export type PathwayId = (typeof PATHWAY_IDS)[number]

export type Offer = 'targeted' | 'universal'

export interface Pathway {
  readonly id: PathwayId
  readonly name: string
  readonly description: string
  /** offer when a rule does not say: targeted for local priority groups, universal for the rest */
  readonly defaultOffer: Offer
  /** the assessment asks for specialist, not time-limited support for SV, CSE and young victims */
  readonly timeLimited: boolean
  /** victims may choose support outside the county (sexual violence and CSE) */
  readonly outOfAreaOption: boolean
  /** restricted pathways: case visible only to the teams working it (DESIGN.md "Need to know") */
  readonly restricted: boolean
}

export interface Provider {
  readonly id: string
  readonly name: string
  readonly pathway: PathwayId
  readonly monthlyReferralCapacity: number
  readonly activeCaseCapacity: number
  /** true for a service outside the county used for the out-of-area option */
  readonly outOfArea: boolean
}

export const PATHWAYS: readonly Pathway[] = [
  {
    id: 'general_support',
    name: 'General support',
    description:
      'Emotional and practical support and advice for victims of most crime types, adults and young people.',
    defaultOffer: 'universal',
    timeLimited: true,
    outOfAreaOption: false,
    restricted: false,
  },
  {
    id: 'sexual_violence',
    name: 'Sexual abuse and violence',
    description: 'Independent sexual violence advisers (ISVAs), groups and one-to-one counselling.',
    defaultOffer: 'targeted',
    timeLimited: false,
    outOfAreaOption: true,
    restricted: true,
  },
  {
    id: 'child_sexual_exploitation',
    name: 'Child sexual exploitation',
    description: 'Specialist support for children and young people who have been sexually exploited.',
    defaultOffer: 'targeted',
    timeLimited: false,
    outOfAreaOption: true,
    restricted: true,
  },
  {
    id: 'domestic_abuse',
    name: 'Domestic abuse',
    description: 'Independent domestic violence advisers, refuge and outreach.',
    defaultOffer: 'targeted',
    timeLimited: true,
    outOfAreaOption: false,
    restricted: true,
  },
  {
    id: 'hate_crime',
    name: 'Hate crime',
    description: 'Hate crime reporting and support.',
    defaultOffer: 'targeted',
    timeLimited: true,
    outOfAreaOption: false,
    restricted: false,
  },
  {
    id: 'road_trauma',
    name: 'Road trauma and bereavement',
    description: 'Support after a death or serious injury on the road.',
    defaultOffer: 'targeted',
    timeLimited: true,
    outOfAreaOption: false,
    restricted: false,
  },
  {
    id: 'cyber_crime',
    name: 'Cyber crime',
    description: 'Tailored help after online crime: securing accounts and devices, and support.',
    defaultOffer: 'targeted',
    timeLimited: true,
    outOfAreaOption: false,
    restricted: false,
  },
  {
    id: 'fraud',
    name: 'Fraud and scams',
    description: 'Tailored support after fraud, including preventing it happening again.',
    defaultOffer: 'targeted',
    timeLimited: true,
    outOfAreaOption: false,
    restricted: false,
  },
  {
    id: 'rural_crime',
    name: 'Rural crime',
    description: 'Support for victims of rural and wildlife crime through the rural crime co-ordinators.',
    defaultOffer: 'targeted',
    timeLimited: true,
    outOfAreaOption: false,
    restricted: false,
  },
  {
    id: 'young_victims',
    name: 'Young victims',
    description: 'Specialist, not time-limited support for children and young people.',
    defaultOffer: 'targeted',
    timeLimited: false,
    outOfAreaOption: false,
    restricted: false,
  },
  {
    id: 'elderly_victims',
    name: 'Older victims',
    description: 'Tailored support for older people, including befriending.',
    defaultOffer: 'targeted',
    timeLimited: true,
    outOfAreaOption: false,
    restricted: false,
  },
  {
    id: 'burglary',
    name: 'Burglary',
    description: 'Tailored support after a burglary, including making the home secure.',
    defaultOffer: 'targeted',
    timeLimited: true,
    outOfAreaOption: false,
    restricted: false,
  },
]

const provider = (
  id: string,
  name: string,
  pathway: PathwayId,
  monthlyReferralCapacity: number,
  activeCaseCapacity: number,
  outOfArea = false,
): Provider => ({ id, name, pathway, monthlyReferralCapacity, activeCaseCapacity, outOfArea })

export const PROVIDERS: readonly Provider[] = [
  provider('victim-support-general', 'Victim Support', 'general_support', 1670, 600),
  provider('rosa-isva', 'ROSA', 'sexual_violence', 65, 220),
  provider('safeline-isva', 'Safeline', 'sexual_violence', 75, 250),
  provider('out-of-area-sv', 'Sexual violence service outside the county', 'sexual_violence', 10, 30, true),
  provider('barnardos-cse', 'Barnardo’s', 'child_sexual_exploitation', 35, 120),
  provider('out-of-area-cse', 'CSE service outside the county', 'child_sexual_exploitation', 5, 15, true),
  provider('refuge-da', 'Refuge', 'domestic_abuse', 250, 400),
  provider('equip-hate', 'EQuIP', 'hate_crime', 20, 40),
  provider('roadpeace', 'RoadPeace', 'road_trauma', 3, 15),
  provider('brake', 'Brake', 'road_trauma', 3, 15),
  provider('county-cyber-team', 'County council cyber crime team', 'cyber_crime', 25, 40),
  provider('victim-support-fraud', 'Victim Support fraud and scams support', 'fraud', 60, 80),
  provider('rural-crime-coordinators', 'Rural crime co-ordinators', 'rural_crime', 20, 40),
  provider('victim-support-young-people', 'Victim Support young people’s service', 'young_victims', 35, 120),
  provider('victim-support-older-people', 'Victim Support older people’s support', 'elderly_victims', 40, 60),
  provider('victim-support-burglary', 'Victim Support burglary support', 'burglary', 150, 120),
]

export interface ProviderDirectory {
  readonly pathways: readonly Pathway[]
  readonly providers: readonly Provider[]
}

export const SEEDED_DIRECTORY: ProviderDirectory = { pathways: PATHWAYS, providers: PROVIDERS }

export function isPathwayId(value: string): value is PathwayId {
  return (PATHWAY_IDS as readonly string[]).includes(value)
}
