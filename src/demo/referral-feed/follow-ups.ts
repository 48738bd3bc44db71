// Records that refer back to one sent earlier, as real feeds do: the same record sent again, a new
// referral for the same crime, a changed record under the same referral id, and a second victim of the
// same household crime. Each returns false when nothing earlier fits, and the caller sends a new one.
import { londonDate, parseDateTime } from '../../domain/referral-feed/dates.ts'
import { formatPhone, randomMobile } from '../people/contact.ts'
import { generatePerson } from '../people/person.ts'
import { cleanRecord } from './clean-record.ts'
import { HOUSEHOLD_CATEGORIES } from './crime-mix.ts'
import { newPersonEntry } from './crimes-and-victims.ts'
import {
  DAY,
  type FeedState,
  type LabelledReferral,
  type Meta,
  nextReferralId,
  pushReferral,
} from './state.ts'
import { formatDateTime } from './written-forms.ts'

/** Indexes of clean records sent in the 60 days before `sentMs`, newest first (at most 60). */
function recentClean(state: FeedState, sentMs: number, filter: (m: Meta) => boolean = () => true): number[] {
  const found: number[] = []
  for (let i = state.out.length - 1; i >= 0 && found.length < 60; i--) {
    const m = state.meta[i]
    if (!m || sentMs - m.sentMs > 60 * DAY) break
    if (m.clean && filter(m)) found.push(i)
  }
  return found
}

/** One of the last 80 records sent again: a duplicate. */
export function addResend(state: FeedState, sentMs: number): boolean {
  const candidates: number[] = []
  for (let i = state.out.length - 1; i >= 0 && candidates.length < 80; i--) {
    const l = state.out[i]
    // A conflict has no single "same content", and a blank referral_id cannot be recognised as sent before.
    if (l && l.kind !== 'conflict' && l.record.referral_id.trim() !== '') candidates.push(i)
  }
  if (candidates.length === 0) return false
  const src = state.rng.pick(candidates)
  const source = state.out[src] as LabelledReferral
  const meta = state.meta[src] as Meta
  const record = { ...source.record }
  // Half are a file sent again as it was; half are re-sent by the system with a new sent_at.
  if (state.rng.chance(0.5) && parseDateTime(record.sent_at) !== null)
    record.sent_at = formatDateTime(state.rng, sentMs)
  pushReferral(
    state,
    record,
    'resend',
    { state: 'duplicate', reasons: [] },
    { ...meta, sentMs, clean: false },
    src,
  )
  return true
}

/** A new referral id for a crime and victim already referred: a duplicate of the same crime. */
export function addSameCrime(state: FeedState, sentMs: number): boolean {
  const candidates = recentClean(state, sentMs)
  if (candidates.length === 0) return false
  const src = state.rng.pick(candidates)
  const meta = state.meta[src] as Meta
  const record = { ...(state.out[src] as LabelledReferral).record }
  record.referral_id = nextReferralId(state, meta.crime.force, sentMs)
  record.sent_at = formatDateTime(state.rng, sentMs)
  record.notes = state.rng.pick([
    'Updated referral',
    'Re-referred after victim contacted police again',
    record.notes,
  ])
  if (state.rng.chance(0.4)) record.oic_name = state.rng.pick(state.officers).name
  pushReferral(
    state,
    record,
    'same_crime',
    { state: 'duplicate', reasons: [] },
    { ...meta, sentMs, clean: false },
    src,
  )
  return true
}

/** The same referral id with a different phone number: quarantined for a person to decide. */
export function addConflict(state: FeedState, sentMs: number): boolean {
  const candidates = recentClean(state, sentMs)
  if (candidates.length === 0) return false
  const src = state.rng.pick(candidates)
  const meta = state.meta[src] as Meta
  const record = { ...(state.out[src] as LabelledReferral).record }
  record.sent_at = formatDateTime(state.rng, sentMs)
  record.notes = `${record.notes} Corrected: victim's phone number updated`.trim()
  record.phone_mobile = formatPhone(state.rng, randomMobile(state.rng))
  pushReferral(
    state,
    record,
    'conflict',
    { state: 'quarantined', reasons: ['referral_id_conflict'] },
    { ...meta, sentMs, clean: false },
    src,
  )
  return true
}

/** A partner at the same address, victim of the same household crime: a referral of their own. */
export function addCoVictim(state: FeedState, sentMs: number): boolean {
  const candidates = recentClean(
    state,
    sentMs,
    (m) => HOUSEHOLD_CATEGORIES.has(m.crime.category) && !m.crime.da,
  )
  if (candidates.length === 0) return false
  const src = state.rng.pick(candidates)
  const meta = state.meta[src] as Meta
  const crime = meta.crime
  const onDate = londonDate(new Date(crime.reportedMs).toISOString())
  const first = meta.entry.person
  const partner = generatePerson(state.rng, {
    age: state.rng.int(20, 80),
    onDate,
    surname: first.surname,
    address: first.address,
  })
  const entry = newPersonEntry(state, partner, crime.force, crime.reportedMs)
  const record = cleanRecord(
    state,
    crime,
    { entry, victimType: 'direct', contact: partner, repeat: false },
    sentMs,
    'auto',
  )
  pushReferral(
    state,
    record,
    'co_victim',
    { state: 'accepted', reasons: [] },
    { crime, entry, sentMs, clean: true },
    src,
  )
  return true
}
