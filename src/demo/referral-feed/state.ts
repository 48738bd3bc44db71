// What the generator keeps while it writes one feed: its random sequence, every record so far with the
// crime and person it was made from (re-sends and duplicates copy them), the people already seen (repeat
// victims come back) and the running reference numbers.
import { DateTime } from 'luxon'
import { LONDON } from '../../domain/referral-feed/dates.ts'
import type {
  CrimeCategory,
  FeedFieldName,
  ReasonCode,
  ReferralState,
} from '../../domain/referral-feed/fields.ts'
import { formatPhone, randomLandline } from '../people/contact.ts'
import { FEMALE_FORENAMES, MALE_FORENAMES, SURNAMES } from '../people/names.ts'
import type { Person } from '../people/person.ts'
import { createRng, type Rng } from '../random.ts'

/** One feed record as it would appear in a CSV row: every spec field, blank as `''`. */
export type FeedRecord = Record<FeedFieldName, string> & Record<string, string>

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

export const HOUR = 3_600_000
export const DAY = 24 * HOUR

export interface Crime {
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

export interface PersonEntry {
  id: number
  person: Person
  force: string
  personRef: string | null
  lastReportedMs: number
}

/** Who a referral is about and who the hub should contact (a parent for a young child). */
export interface Victim {
  entry: PersonEntry
  victimType: string
  contact: Person
  repeat: boolean
}

/** What a record was made from, kept beside it so later records can refer back to it. */
export interface Meta {
  crime: Crime
  entry: PersonEntry
  sentMs: number
  clean: boolean
}

interface Officer {
  name: string
  collar: string
  email: string
  phone: string
}

export interface FeedState {
  readonly rng: Rng
  readonly out: LabelledReferral[]
  readonly meta: Meta[]
  readonly people: PersonEntry[]
  readonly officers: readonly Officer[]
  crimeSeq: number
  crimeCount: number
  referralSeq: number
  personRefSeq: number
  /** Index of the first person reported in the last year (people are added in report order). */
  windowStart: number
}

/** A fresh feed for one seed, with the force's two dozen officers in charge of its crimes. */
export function createFeedState(seed: number): FeedState {
  const rng = createRng(seed)
  const crimeSeq = rng.int(10_000, 60_000)
  const personRefSeq = rng.int(100_000, 900_000)
  const officers = Array.from({ length: 24 }, (): Officer => {
    const female = rng.chance(0.4)
    const forename = rng.pick(female ? FEMALE_FORENAMES : MALE_FORENAMES)
    const surname = rng.pick(SURNAMES)
    const rank = rng.weighted([
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
      collar: String(rng.int(1000, 9999)),
      email: `${local}@police.example.org`,
      phone: formatPhone(rng, randomLandline(rng)),
    }
  })
  return {
    rng,
    out: [],
    meta: [],
    people: [],
    officers,
    crimeSeq,
    crimeCount: 0,
    referralSeq: 0,
    personRefSeq,
    windowStart: 0,
  }
}

/** The force's next referral id, dated the day the record is sent. */
export function nextReferralId(state: FeedState, force: string, sentMs: number): string {
  state.referralSeq += 1
  const day = DateTime.fromMillis(sentMs, { zone: LONDON }).toFormat('yyyyLLdd')
  return `${force}-${day}-${String(state.referralSeq).padStart(6, '0')}`
}

export function pushReferral(
  state: FeedState,
  record: FeedRecord,
  kind: GeneratedKind,
  expected: { state: ReferralState; reasons: ReasonCode[] },
  meta: Meta,
  sourceIndex: number | null,
): void {
  state.out.push({ record, kind, expected, personId: meta.entry.id, crimeId: meta.crime.id, sourceIndex })
  state.meta.push(meta)
}
