// What the hub already holds about a chunk of received records, as the decision over the chunk needs
// it: what to look up (`lookupsFor`), and the shape of what storage answers.
import { fullNameOf, type MatchSubject } from '../matching/index.ts'
import type { NormalisedReferral } from '../referral-feed/index.ts'
import type { Prepared } from './prepare.ts'
import type { ReceiptState } from './records.ts'

/** One crime as a key: force and crime reference. */
export const crimeKey = (force: string | null, crime: string | null) => `${force ?? ''}\u0000${crime ?? ''}`

/** An earlier record from the same sender with the same referral_id. */
export interface PriorReceipt {
  id: string
  referralId: string
  fingerprint: string | null
  state: ReceiptState
  victimId: string | null
  referralUuid: string | null
}

/** An identity snapshot sharing a blocking key with a record of the chunk. */
export interface KnownIdentity {
  identityId: number
  /** The victim the snapshot now belongs to (after any merges). */
  victimId: string
  subject: MatchSubject
  keys: string[]
}

export interface CrimeKey {
  forceCode: string
  crimeReference: string
}

/** An accepted referral for one of the chunk's crimes. */
export interface AcceptedForCrime extends CrimeKey {
  referralUuid: string
  receiptId: string
  victimId: string
}

/** A quarantined record for one of the chunk's crimes that nobody has dealt with yet. */
export interface OpenQuarantined extends CrimeKey {
  receiptId: string
  record: NormalisedReferral | null
}

/** When an accepted referral of a victim who may be linked to was reported. */
export interface ReportedReferral {
  victimId: string
  reportedAt: Date
}

export interface ChunkKnowledge {
  /** Oldest first. */
  priors: readonly PriorReceipt[]
  identities: readonly KnownIdentity[]
  acceptedForCrimes: readonly AcceptedForCrime[]
  openQuarantine: readonly OpenQuarantined[]
  reportedReferrals: readonly ReportedReferral[]
  /**
   * How many victims the hub knows by each full name (`fullNameOf`) of the chunk's records and their
   * candidates; a name not in the map has none.
   */
  nameCounts: ReadonlyMap<string, number>
}

/** The full names whose victim counts deciding a chunk needs: its records' and their candidates'. */
export function namesToCount(prepared: readonly Prepared[], identities: readonly KnownIdentity[]): string[] {
  const names = new Set<string>()
  for (const p of prepared) {
    const name = p.subject ? fullNameOf(p.subject) : null
    if (name !== null) names.add(name)
  }
  for (const c of identities) {
    const name = fullNameOf(c.subject)
    if (name !== null) names.add(name)
  }
  return [...names]
}

/** What to look up for a chunk: referral ids (not for a release, which is the same message), keys, crimes. */
export interface ChunkLookups {
  referralIds: string[]
  keys: string[]
  crimes: CrimeKey[]
}

export function lookupsFor(prepared: readonly Prepared[], options: { release: boolean }): ChunkLookups {
  const referralIds = options.release
    ? []
    : [...new Set(prepared.map((p) => p.referralId).filter((id): id is string => id !== null))]
  const crimes = new Map<string, CrimeKey>()
  for (const p of prepared) {
    const r = p.assessment?.record
    if (r?.force_code && r.crime_reference) {
      crimes.set(crimeKey(r.force_code, r.crime_reference), {
        forceCode: r.force_code,
        crimeReference: r.crime_reference,
      })
    }
  }
  return { referralIds, keys: [...new Set(prepared.flatMap((p) => p.keys))], crimes: [...crimes.values()] }
}
