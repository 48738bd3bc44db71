// The per-record work on a chunk that needs nothing stored: checks, fingerprint, the victim as the
// matcher sees them and their blocking keys. It runs ahead of the decision (on a worker thread for
// files), so the checks of one chunk overlap the database work of the one before.
import { blockingKeys, type MatchSubject } from '../matching/index.ts'
import {
  type Assessment,
  assessForIntake,
  CONTACT_FIELD_NAMES,
  type NormalisedReferral,
} from '../referral-feed/index.ts'
import { type IntakeItem, UnreadableRecord } from './records.ts'
import { storableCopy, storableProblem } from './storable.ts'

export interface Prepared {
  item: IntakeItem
  receiptId: string
  raw: Record<string, unknown>
  unreadable: UnreadableRecord | null
  /** The reason a record cannot be kept as sent (unstorable text, too deep, too large): it is quarantined. */
  refusal: string | null
  fingerprint: string | null
  referralId: string | null
  assessment: Assessment | null
  subject: MatchSubject | null
  keys: string[]
}

/** The victim as the matcher sees them, from a normalised record (or one stored as JSON). */
export function subjectOf(r: NormalisedReferral): MatchSubject {
  return {
    forename: r.forename ?? '',
    surname: r.surname ?? '',
    dateOfBirth: r.date_of_birth,
    phones: [r.phone_mobile?.e164, r.phone_other?.e164].filter((p): p is string => typeof p === 'string'),
    emails: r.email ? [r.email] : [],
    postcode: r.postcode,
    addressLine1: r.address_line1,
    forceCode: r.force_code,
    personRef: r.victim_person_ref,
    proxyContact: r.victim_type === 'parent_guardian',
  }
}

/** The raw record without contact details: a victim who said no is stored without them. */
export function redactRaw(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const contact = new Set<string>(CONTACT_FIELD_NAMES)
  for (const [key, value] of Object.entries(raw)) {
    if (!contact.has(key.replace(/^\uFEFF+/, ''))) out[key] = value
  }
  return out
}

function prepareItem(item: IntakeItem, now: Date, receiptId: string): Prepared {
  if (item.input instanceof UnreadableRecord) {
    const u = item.input
    return {
      item,
      receiptId,
      raw: { _unreadable: u.text, _problem: u.problem, _line: u.line },
      unreadable: u,
      refusal: null,
      fingerprint: null,
      referralId: null,
      assessment: null,
      subject: null,
      keys: [],
    }
  }
  const problem = storableProblem(item.input)
  if (problem !== null) {
    // Only the storable copy goes on: the record as sent may not even survive being copied to a thread.
    const raw = storableCopy(item.input, problem)
    return {
      item: { recordNumber: item.recordNumber, input: raw },
      receiptId,
      raw,
      unreadable: null,
      refusal: problem.reason,
      fingerprint: null,
      referralId: null,
      assessment: null,
      subject: null,
      keys: [],
    }
  }
  const raw = item.input
  const { assessment, fingerprint, referralId } = assessForIntake(raw, { now })
  const subject = assessment.outcome === 'passed' ? subjectOf(assessment.record) : null
  return {
    item,
    receiptId,
    raw,
    unreadable: null,
    refusal: null,
    fingerprint,
    referralId,
    assessment,
    subject,
    keys: subject ? blockingKeys(subject) : [],
  }
}

/**
 * Prepares every record of a chunk received at `now`. `receiptIdFor` names each record's receipt: a
 * fresh id, or, for a released record, the receipt it already has (the referral it may now create
 * points at that one).
 */
export function prepareChunk(
  items: readonly IntakeItem[],
  now: Date,
  receiptIdFor: () => string,
): Prepared[] {
  return items.map((item) => prepareItem(item, now, receiptIdFor()))
}
