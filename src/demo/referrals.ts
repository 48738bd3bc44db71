// Seeded synthetic police referral feed: a realistic mix of clean referrals, repeat victims,
// resends, duplicates, bad records and refusals over a period, each labelled with the state the
// hub should reach, so demos look real and intake tests can check every record is accounted for.
// The parts: crime-mix.ts (how often each thing happens), crimes-and-victims.ts, clean-record.ts,
// faults.ts and follow-ups.ts (the kinds of record), written-forms.ts (how forces write values).
import { cleanRecord } from './referral-feed/clean-record.ts'
import { KIND_WEIGHTS } from './referral-feed/crime-mix.ts'
import { newCrime, victimFor } from './referral-feed/crimes-and-victims.ts'
import { addFaultyRecord } from './referral-feed/faults.ts'
import { addConflict, addCoVictim, addResend, addSameCrime } from './referral-feed/follow-ups.ts'
import {
  createFeedState,
  type FeedRecord,
  type FeedState,
  type LabelledReferral,
  pushReferral,
} from './referral-feed/state.ts'
import { minute } from './referral-feed/written-forms.ts'

export type { FeedRecord, GeneratedKind, LabelledReferral } from './referral-feed/state.ts'

export interface GenerateOptions {
  seed: number
  count: number
  /** Period over which records are sent. Keep `to` at or before the hub's clock, or they are future-dated. */
  from: Date | string
  to: Date | string
}

/** A new crime and its victim (sometimes one referred before): accepted. */
function addNew(state: FeedState, sentMs: number): void {
  const crime = newCrime(state, sentMs)
  const victim = victimFor(state, crime)
  const record = cleanRecord(state, crime, victim, sentMs, 'auto')
  pushReferral(
    state,
    record,
    victim.repeat ? 'repeat_victim' : 'new',
    { state: 'accepted', reasons: [] },
    { crime, entry: victim.entry, sentMs, clean: true },
    null,
  )
}

/** A victim who told the police they do not want to be referred. */
function addConsentRefused(state: FeedState, sentMs: number): void {
  const crime = newCrime(state, sentMs)
  const victim = victimFor(state, crime)
  const record = cleanRecord(state, crime, victim, sentMs, 'N')
  pushReferral(
    state,
    record,
    'consent_refused',
    { state: 'consent_refused', reasons: [] },
    { crime, entry: victim.entry, sentMs, clean: false },
    null,
  )
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
  const state = createFeedState(options.seed)
  const slots = Array.from({ length: options.count }, () =>
    minute(fromMs + state.rng.next() * (toMsValue - fromMs)),
  ).sort((a, b) => a - b)
  for (const sentMs of slots) {
    const kind = state.rng.weighted(KIND_WEIGHTS)
    const done =
      (kind === 'resend' && addResend(state, sentMs)) ||
      (kind === 'same_crime' && addSameCrime(state, sentMs)) ||
      (kind === 'conflict' && addConflict(state, sentMs)) ||
      (kind === 'co_victim' && addCoVictim(state, sentMs))
    if (done) continue
    if (kind === 'bad') addFaultyRecord(state, sentMs)
    else if (kind === 'consent_refused') addConsentRefused(state, sentMs)
    else addNew(state, sentMs)
  }
  return state.out
}

/** Feed records only, as a police force would send them. */
export function generateReferrals(options: GenerateOptions): FeedRecord[] {
  return generateLabelledReferrals(options).map((l) => l.record)
}
