// What intake says about every record it receives: where it came from, the one state it ends in, and
// the outcome a sender is told. Shared by the decision over a chunk, the repositories that store it
// and the services that report it.

export type SourceKind = 'police_feed' | 'partner' | 'self_referral'

export const SOURCE_KINDS: readonly SourceKind[] = ['police_feed', 'partner', 'self_referral']

export type ReceiptState = 'accepted' | 'duplicate' | 'quarantined' | 'consent_refused'

/** How many records of a batch ended in each state; `received` is always the sum of the others. */
export interface StateCounts {
  received: number
  accepted: number
  duplicate: number
  quarantined: number
  consent_refused: number
}

export const noCounts = (): StateCounts => ({
  received: 0,
  accepted: 0,
  duplicate: 0,
  quarantined: 0,
  consent_refused: 0,
})

/** Counts of the given states, each record once. */
export function countStates(states: Iterable<ReceiptState>): StateCounts {
  const counts = noCounts()
  for (const state of states) {
    counts[state]++
    counts.received++
  }
  return counts
}

/** Quarantine reason for a line that is not a record at all (not JSON, not an object, wrong column count). */
export const UNREADABLE_RECORD = 'unreadable_record'

/** A line of a file that could not be read as a record; it is quarantined, never dropped. */
export class UnreadableRecord {
  constructor(
    /** The line (or lines) as received. */
    readonly text: string,
    /** What is wrong, in plain words. */
    readonly problem: string,
    /** 1-based line number in the file, when known. */
    readonly line: number | null = null,
  ) {}
}

export interface IntakeItem {
  recordNumber: number
  /** The record as received, or an UnreadableRecord. */
  input: Record<string, unknown> | UnreadableRecord
}

/** What became of one record, as the sender and the CLI are told. */
export interface RecordOutcome {
  recordNumber: number
  receiptId: string
  referralId: string | null
  state: ReceiptState
  reasons: string[]
  warnings: string[]
  /** Accepted and duplicate records: the victim they are linked to. */
  victimId: string | null
  /** Accepted: the referral created; duplicate: the referral it duplicates (when there is one). */
  referralUuid: string | null
  /** Duplicate: the earlier record it repeats. */
  duplicateOf: string | null
  /** How the victim was found, for accepted records. */
  match?: 'linked' | 'new' | 'new_with_review'
}
