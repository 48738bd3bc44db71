// What the decision over a chunk says to store: every received record, the referrals it accepted, the
// victims they are about, new identity snapshots, possible-match tasks and superseded records.
import type { Deadlines } from '../entitlements/deadlines.ts'
import type { EntitlementAssessment } from '../entitlements/entitlements.ts'
import type { MatchSubject } from '../matching/index.ts'
import type { NormalisedReferral, RecordFacts } from '../referral-feed/index.ts'
import type { Channel } from '../safe-contact/channels.ts'
import type { ReceiptState, RecordOutcome, SourceKind } from './records.ts'

/** One received record as it is to be stored, whatever its state. */
export interface ReceiptDraft {
  id: string
  batchId: string
  recordNumber: number
  source: SourceKind
  organisationId: string | null
  referralId: string | null
  forceCode: string | null
  crimeReference: string | null
  fingerprint: string | null
  raw: Record<string, unknown>
  /** Kept for records that are not accepted (an accepted one's is kept once, on its referral). */
  normalised: NormalisedReferral | null
  state: ReceiptState
  reasons: string[]
  warnings: string[]
  duplicateKind: 'resend' | 'same_crime' | null
  duplicateOf: string | null
  victimId: string | null
  referralUuid: string | null
}

/** An accepted referral with its rights and deadlines. */
export interface AcceptedReferral {
  id: string
  receiptId: string
  victimId: string
  referralId: string | null
  record: NormalisedReferral
  flags: string[]
  under18: boolean
  safeChannels: Channel[]
  entitlements: EntitlementAssessment
  facts: RecordFacts
  deadlines: Deadlines
  /** Referrals of this victim reported in the 12 months to this one, this one included. */
  repeatCount: number
}

/** A victim as an accepted referral describes them: a new victim, or newer details for a linked one. */
export interface VictimDraft {
  id: string
  record: NormalisedReferral
}

export interface IdentityDraft {
  victimId: string
  receiptId: string
  subject: MatchSubject
  keys: string[]
}

export interface MatchReviewDraft {
  id: string
  receiptId: string
  incomingVictimId: string
  candidateVictimId: string
  score: number
  evidence: string[]
}

/**
 * A record linked to two victims, each by more than names and date of birth: they are one person, and
 * `mergeId` is folded into `keepId` (the victim the record linked to).
 */
export interface VictimMergeDraft {
  keepId: string
  mergeId: string
  /** The record that showed them to be one. */
  receiptId: string
  /** How the record matched the merged victim. */
  score: number
  evidence: string[]
}

export interface ChunkDecision {
  source: SourceKind
  organisationId: string | null
  receivedAt: Date
  outcomes: RecordOutcome[]
  receipts: ReceiptDraft[]
  referrals: AcceptedReferral[]
  newVictims: VictimDraft[]
  /** Linked victims, once each, with the details of their latest referral in the chunk. */
  refreshedVictims: VictimDraft[]
  /** New identity snapshots (a snapshot the victim already has is not repeated). */
  identities: IdentityDraft[]
  matchReviews: MatchReviewDraft[]
  /** Open quarantined records overtaken by an accepted record for the same victim and crime. */
  supersede: { receiptId: string; by: string }[]
  /** Victims to merge, in order (a later merge may fold in a victim an earlier one kept). */
  merges: VictimMergeDraft[]
  /** Victims newly known by each full name: added to the hub's name counts. */
  nameCountsAdded: Map<string, number>
}
