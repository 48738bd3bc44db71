// The intake decision over one chunk of prepared records, given what the hub already holds about
// them. It follows the feed spec's Edge rules in order: (1) resend or referral_id conflict, (2) consent
// refused, (3) record checks, (4) victim matching and same-crime duplicates, (5) accepted. Records are
// decided one by one in order, because a record may match, duplicate or supersede one earlier in the
// same chunk. Nothing here reads or writes storage: the caller fetches `ChunkKnowledge` (see
// `lookupsFor`) and stores the `ChunkDecision`.
import type { WorkingDayCalendar } from '../calendar/bank-holidays.ts'
import { computeDeadlines, type DeadlinePolicy } from '../entitlements/deadlines.ts'
import { assessEntitlements } from '../entitlements/entitlements.ts'
import type { EntitlementRuleSet } from '../entitlements/rule-types.ts'
import {
  DEFAULT_WEIGHTS,
  decide,
  fullNameOf,
  type MatchSubject,
  type NameCounts,
  type Resolution,
  resolveCandidates,
  type ScoredCandidate,
  sameSubject,
  scoreMatch,
} from '../matching/index.ts'
import {
  channelsInPreferenceOrder,
  type NormalisedReferral,
  redactContactDetails,
} from '../referral-feed/index.ts'
import type { AcceptedReferral, ChunkDecision, ReceiptDraft, VictimDraft } from './chunk-decision.ts'
import {
  type AcceptedForCrime,
  type ChunkKnowledge,
  crimeKey,
  type KnownIdentity,
  type PriorReceipt,
} from './chunk-knowledge.ts'
import { type Prepared, redactRaw, subjectOf } from './prepare.ts'
import { type RecordOutcome, type SourceKind, UNREADABLE_RECORD } from './records.ts'

/** Repeat victimisation is counted over the 12 months to the report. */
export const REPEAT_WINDOW_MS = 365.25 * 24 * 3_600_000

export interface ChunkRules {
  batchId: string
  source: SourceKind
  organisationId: string | null
  receivedAt: Date
  calendar: WorkingDayCalendar
  deadlinePolicy: DeadlinePolicy
  ruleSet: EntitlementRuleSet
  /** A fresh id for a victim, referral or match review. */
  newId: () => string
}

const FLAG_NAMES = [
  'domestic_abuse',
  'hate_crime',
  'cse',
  'cyber',
  'rural',
  'vulnerable',
  'intimidated',
  'persistently_targeted',
  'interpreter_required',
] as const

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** The knowledge indexed for deciding, and kept up to date as each record of the chunk is decided. */
class ChunkMemory {
  readonly priors = new Map<string, PriorReceipt[]>()
  readonly byKey = new Map<string, KnownIdentity[]>()
  readonly acceptedByCrime = new Map<string, AcceptedForCrime[]>()
  readonly openQuarantine = new Map<string, { receiptId: string; subject: MatchSubject | null }[]>()
  readonly reportedByVictim = new Map<string, number[]>()
  /** Victims per full name, the chunk's new ones included. */
  readonly nameVictims: Map<string, number>
  readonly nameCounts: NameCounts = (name) => this.nameVictims.get(name) ?? 0
  /** Victims merged while deciding this chunk, and the victim each went into. */
  readonly mergedInto = new Map<string, string>()

  constructor(known: ChunkKnowledge) {
    this.nameVictims = new Map(known.nameCounts)
    for (const p of known.priors) push(this.priors, p.referralId, p)
    for (const c of known.identities) this.index(c)
    for (const a of known.acceptedForCrimes)
      push(this.acceptedByCrime, crimeKey(a.forceCode, a.crimeReference), a)
    for (const q of known.openQuarantine) {
      push(this.openQuarantine, crimeKey(q.forceCode, q.crimeReference), {
        receiptId: q.receiptId,
        subject: q.record ? subjectOf(q.record) : null,
      })
    }
    for (const r of known.reportedReferrals) push(this.reportedByVictim, r.victimId, r.reportedAt.getTime())
  }

  index(identity: KnownIdentity): void {
    for (const key of identity.keys) push(this.byKey, key, identity)
  }

  /** The victim an id stands for after this chunk's merges. */
  root(victimId: string): string {
    let id = victimId
    for (let next = this.mergedInto.get(id); next !== undefined; next = this.mergedInto.get(id)) id = next
    return id
  }

  /** One more victim known by this name. */
  countName(d: ChunkDecision, name: string): void {
    this.nameVictims.set(name, (this.nameVictims.get(name) ?? 0) + 1)
    d.nameCountsAdded.set(name, (d.nameCountsAdded.get(name) ?? 0) + 1)
  }
}

/** Decides every record of the chunk, in order. */
export function decideChunk(
  prepared: readonly Prepared[],
  known: ChunkKnowledge,
  rules: ChunkRules,
): ChunkDecision {
  const memory = new ChunkMemory(known)
  const decision: ChunkDecision = {
    source: rules.source,
    organisationId: rules.organisationId,
    receivedAt: rules.receivedAt,
    outcomes: [],
    receipts: [],
    referrals: [],
    newVictims: [],
    refreshedVictims: [],
    identities: [],
    matchReviews: [],
    supersede: [],
    merges: [],
    nameCountsAdded: new Map(),
  }
  const deciding: Deciding = { memory, decision, refreshed: new Map(), rules }
  for (const p of prepared) decideRecord(deciding, p)
  decision.refreshedVictims = [...deciding.refreshed.values()]
  return decision
}

/** What deciding a chunk carries from record to record. */
interface Deciding {
  memory: ChunkMemory
  decision: ChunkDecision
  /** Linked victims by id, with the details of their latest referral in the chunk. */
  refreshed: Map<string, VictimDraft>
  rules: ChunkRules
}

/** Keeps the record's receipt and outcome; a later record with the same referral_id sees it as sent before. */
function finish(d: Deciding, p: Prepared, receipt: ReceiptDraft, match?: RecordOutcome['match']): void {
  d.decision.receipts.push(receipt)
  d.decision.outcomes.push({
    recordNumber: receipt.recordNumber,
    receiptId: receipt.id,
    referralId: receipt.referralId,
    state: receipt.state,
    reasons: receipt.reasons,
    warnings: receipt.warnings,
    victimId: receipt.victimId,
    referralUuid: receipt.referralUuid,
    duplicateOf: receipt.duplicateOf,
    ...(match ? { match } : {}),
  })
  if (p.referralId !== null && !p.unreadable) {
    push(d.memory.priors, p.referralId, {
      id: p.receiptId,
      referralId: p.referralId,
      fingerprint: p.fingerprint,
      state: receipt.state,
      victimId: receipt.victimId,
      referralUuid: receipt.referralUuid,
    })
  }
}

/** Steps (1) to (3): a resend or conflict, a refusal of consent, failed checks; otherwise on to matching. */
function decideRecord(d: Deciding, p: Prepared): void {
  const a = p.assessment
  const r = a?.record ?? null
  const base: ReceiptDraft = {
    id: p.receiptId,
    batchId: d.rules.batchId,
    recordNumber: p.item.recordNumber,
    source: d.rules.source,
    organisationId: d.rules.organisationId,
    referralId: p.referralId,
    forceCode: r?.force_code ?? null,
    crimeReference: r?.crime_reference ?? null,
    fingerprint: p.fingerprint,
    raw: p.raw,
    normalised: r,
    state: 'quarantined',
    reasons: [],
    warnings: a ? [...a.warnings] : [],
    duplicateKind: null,
    duplicateOf: null,
    victimId: null,
    referralUuid: null,
  }

  if (p.refusal !== null) {
    finish(d, p, { ...base, reasons: [p.refusal] })
    return
  }
  if (p.unreadable || !a || !r) {
    finish(d, p, { ...base, reasons: [UNREADABLE_RECORD] })
    return
  }

  // (1) A referral_id seen before: the same message again, or a conflicting one.
  const earlier = p.referralId === null ? undefined : d.memory.priors.get(p.referralId)
  if (earlier && earlier.length > 0) {
    const same = earlier.find((e) => e.fingerprint === p.fingerprint)
    if (!same) {
      finish(d, p, { ...base, reasons: ['referral_id_conflict'] })
      return
    }
    const refused = same.state === 'consent_refused'
    finish(d, p, {
      ...base,
      // What was decided is the earlier record's business; this one only repeats it.
      normalised: refused ? redactContactDetails(r) : r,
      raw: refused ? redactRaw(p.raw) : p.raw,
      state: 'duplicate',
      duplicateKind: 'resend',
      duplicateOf: same.id,
      victimId: same.victimId,
      referralUuid: same.referralUuid,
    })
    return
  }

  // (2) The victim said no: recorded without contact details, whatever else is wrong.
  if (a.outcome === 'consent_refused') {
    finish(d, p, {
      ...base,
      raw: redactRaw(p.raw),
      normalised: redactContactDetails(r),
      state: 'consent_refused',
    })
    return
  }

  // (3) The record checks, every reason at once.
  if (a.outcome === 'quarantined') {
    finish(d, p, { ...base, reasons: [...a.reasons] })
    if (r.force_code && r.crime_reference) {
      push(d.memory.openQuarantine, crimeKey(r.force_code, r.crime_reference), {
        receiptId: p.receiptId,
        subject: subjectOf(r),
      })
    }
    return
  }

  decidePassed(d, p, base)
}

/** Steps (4) and (5) for a record that passed its checks: which victim, a same-crime duplicate, or accepted. */
function decidePassed(d: Deciding, p: Prepared, base: ReceiptDraft): void {
  const { memory, decision, rules } = d
  const a = p.assessment as NonNullable<Prepared['assessment']>
  const r = a.record

  // (4) Which victim is this?
  const subject = p.subject as MatchSubject
  const found = findVictim(subject, p.keys, memory)
  const linked = found.resolution.decision === 'link' && found.resolution.victimId !== undefined
  const victimId = linked ? (found.resolution.victimId as string) : rules.newId()
  const match: RecordOutcome['match'] = linked
    ? 'linked'
    : found.resolution.decision === 'review'
      ? 'new_with_review'
      : 'new'
  const ck = crimeKey(r.force_code, r.crime_reference)
  if (linked) mergeVictims(d, p, victimId, found.resolution.mergeWith)
  const existing = linked
    ? memory.acceptedByCrime.get(ck)?.find((x) => memory.root(x.victimId) === victimId)
    : undefined
  if (existing) {
    finish(d, p, {
      ...base,
      state: 'duplicate',
      duplicateKind: 'same_crime',
      duplicateOf: existing.receiptId,
      victimId,
      referralUuid: existing.referralUuid,
    })
    return
  }

  // (5) Accepted.
  const referral = acceptedReferral(p, victimId, memory, rules)
  decision.referrals.push(referral)
  const victim = { id: victimId, record: r }
  if (linked) d.refreshed.set(victimId, victim)
  else decision.newVictims.push(victim)
  if (match === 'new_with_review') {
    for (const c of found.resolution.contenders) {
      decision.matchReviews.push({
        id: rules.newId(),
        receiptId: p.receiptId,
        incomingVictimId: victimId,
        candidateVictimId: c.victimId,
        score: c.result.score,
        evidence: c.result.evidence,
      })
    }
  }
  // A snapshot identical to one the victim already has would add rows and candidates, nothing else.
  const ofVictim = linked ? found.seen.filter((c) => memory.root(c.victimId) === victimId) : []
  const knownSnapshot = ofVictim.some((c) => sameSubject(subject, c.subject))
  // The hub's name counts: a new victim, or a victim now known by another name too.
  const name = fullNameOf(subject)
  if (name !== null && !ofVictim.some((c) => fullNameOf(c.subject) === name)) memory.countName(decision, name)
  if (!knownSnapshot) decision.identities.push({ victimId, receiptId: p.receiptId, subject, keys: p.keys })
  finish(
    d,
    p,
    {
      ...base,
      warnings: [...a.warnings, ...referral.deadlines.warnings],
      normalised: null,
      state: 'accepted',
      victimId,
      referralUuid: referral.id,
    },
    match,
  )
  push(memory.acceptedByCrime, ck, {
    forceCode: r.force_code as string,
    crimeReference: r.crime_reference as string,
    referralUuid: referral.id,
    receiptId: p.receiptId,
    victimId,
  })
  push(memory.reportedByVictim, victimId, Date.parse(r.reported_at as string))
  // Later records in this chunk can match this victim too.
  if (!knownSnapshot) memory.index({ identityId: -1, victimId, subject, keys: p.keys })
  // An earlier quarantined record for the same victim and crime has been overtaken by this one.
  const open = memory.openQuarantine.get(ck)
  if (open) {
    const left: typeof open = []
    for (const q of open) {
      if (q.subject && decide(scoreMatch(subject, q.subject)) === 'link')
        decision.supersede.push({ receiptId: q.receiptId, by: p.receiptId })
      else left.push(q)
    }
    memory.openQuarantine.set(ck, left)
  }
}

/**
 * The record linked to other victims too, each by more than names and date of birth: one person recorded
 * twice. They are merged into the victim it linked to, and later records of the chunk see one victim.
 */
function mergeVictims(
  d: Deciding,
  p: Prepared,
  keepId: string,
  others: readonly ScoredCandidate<string>[],
): void {
  for (const other of others) {
    const mergeId = d.memory.root(other.victimId)
    if (mergeId === keepId) continue
    d.memory.mergedInto.set(mergeId, keepId)
    d.decision.merges.push({
      keepId,
      mergeId,
      receiptId: p.receiptId,
      score: other.result.score,
      evidence: other.result.evidence,
    })
    const history = d.memory.reportedByVictim.get(mergeId)
    if (history) {
      for (const t of history) push(d.memory.reportedByVictim, keepId, t)
      d.memory.reportedByVictim.delete(mergeId)
    }
  }
}

/** Every known victim sharing a blocking key, scored once each (the best of their snapshots), and the verdict. */
function findVictim(
  subject: MatchSubject,
  keys: readonly string[],
  memory: ChunkMemory,
): { resolution: Resolution<string>; seen: KnownIdentity[] } {
  const seen = new Set<KnownIdentity>()
  const best = new Map<string, ScoredCandidate<string>>()
  for (const key of keys) {
    for (const c of memory.byKey.get(key) ?? []) {
      if (seen.has(c)) continue
      seen.add(c)
      const result = scoreMatch(subject, c.subject, DEFAULT_WEIGHTS, memory.nameCounts)
      const victimId = memory.root(c.victimId)
      const current = best.get(victimId)
      if (!current || result.score > current.result.score) best.set(victimId, { victimId, result })
    }
  }
  return { resolution: resolveCandidates([...best.values()]), seen: [...seen] }
}

/** The referral a passed record becomes: its Victims' Code rights, deadlines and repeat count. */
function acceptedReferral(
  p: Prepared,
  victimId: string,
  memory: ChunkMemory,
  rules: ChunkRules,
): AcceptedReferral {
  const a = p.assessment as NonNullable<Prepared['assessment']>
  const r = a.record
  const reportedAt = r.reported_at as string
  const reportedMs = Date.parse(reportedAt)
  const history = memory.reportedByVictim.get(victimId) ?? []
  const repeatCount = 1 + history.filter((t) => t <= reportedMs && t > reportedMs - REPEAT_WINDOW_MS).length
  const entitlements = assessEntitlements(
    {
      crimeCategory: r.crime_category as NonNullable<NormalisedReferral['crime_category']>,
      domesticAbuse: r.domestic_abuse,
      hateCrime: r.hate_crime,
      vulnerable: r.vulnerable,
      vulnerabilityReasons: r.vulnerability_reasons,
      intimidated: r.intimidated,
      persistentlyTargeted: r.persistently_targeted,
      victimType: r.victim_type as NonNullable<NormalisedReferral['victim_type']>,
      dateOfBirth: r.date_of_birth,
      reportedAt,
      repeatVictimCount12m: repeatCount,
    },
    rules.ruleSet,
  )
  const deadlines = computeDeadlines(
    { reportedAt, sentAt: r.sent_at, receivedAt: rules.receivedAt, enhanced: entitlements.enhanced },
    rules.calendar,
    rules.deadlinePolicy,
  )
  const flags: string[] = FLAG_NAMES.filter((f) => r[f] === 'Y')
  if (a.facts.under18) flags.push('under_18')
  return {
    id: rules.newId(),
    receiptId: p.receiptId,
    victimId,
    referralId: p.referralId,
    record: r,
    flags,
    under18: a.facts.under18,
    safeChannels: channelsInPreferenceOrder(r),
    entitlements,
    facts: a.facts,
    deadlines,
    repeatCount,
  }
}
