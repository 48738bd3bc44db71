// The intake pipeline for one chunk of records, inside the caller's transaction. It follows the feed
// spec's Edge rules in order: (1) resend or referral_id conflict, (2) consent refused, (3) record checks,
// (4) victim matching and same-crime duplicates, (5) accepted. Everything the chunk needs from the
// database is fetched up front in a handful of batched queries; the records are then decided one by one
// in order (a record may match, duplicate or supersede one earlier in the same chunk), and every write
// goes out as one multi-row statement per table.
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { WorkingDayCalendar } from '../../domain/calendar/bank-holidays.ts'
import { computeDeadlines, type DeadlinePolicy } from '../../domain/entitlements/deadlines.ts'
import { assessEntitlements } from '../../domain/entitlements/entitlements.ts'
import type { EntitlementRuleSet } from '../../domain/entitlements/rule-types.ts'
import {
  blockingKeys,
  decide,
  type MatchSubject,
  resolveCandidates,
  type ScoredCandidate,
  sameSubject,
  scoreMatch,
} from '../../domain/matching/index.ts'
import {
  type Assessment,
  assessForIntake,
  CONTACT_FIELD_NAMES,
  channelsInPreferenceOrder,
  type NormalisedReferral,
  redactContactDetails,
} from '../../domain/referral-feed/index.ts'
import type { ReceiptRow, ReceiptState, ReferralRow, SourceKind } from '../../repositories/referrals.ts'
import * as referrals from '../../repositories/referrals.ts'
import type { CandidateIdentity, MatchReviewRow, VictimRow } from '../../repositories/victims.ts'
import * as victims from '../../repositories/victims.ts'

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

export interface ChunkSettings {
  batchId: string
  source: SourceKind
  organisationId: string | null
  receivedAt: Date
  calendar: WorkingDayCalendar
  deadlinePolicy: DeadlinePolicy
  ruleSet: EntitlementRuleSet
  /** Blocking keys shared by more snapshots than this are ignored (see findCandidateIdentities). */
  stopKeyCap: number
  /** Release of a quarantined record: re-decide it from step 2 and update it instead of inserting. */
  releaseOf?: referrals.StoredReceipt
}

export interface ChunkResult {
  outcomes: RecordOutcome[]
  /** Rows to write, kept for the release path, which updates its one receipt instead of inserting it. */
  receipts: ReceiptRow[]
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

const crimeKey = (force: string | null, crime: string | null) => `${force ?? ''}\u0000${crime ?? ''}`

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

export interface Prepared {
  item: IntakeItem
  receiptId: string
  raw: Record<string, unknown>
  unreadable: UnreadableRecord | null
  fingerprint: string | null
  referralId: string | null
  assessment: Assessment | null
  subject: MatchSubject | null
  keys: string[]
}

function prepareItem(item: IntakeItem, now: Date, receiptId: string): Prepared {
  if (item.input instanceof UnreadableRecord) {
    const u = item.input
    return {
      item,
      receiptId,
      raw: { _unreadable: u.text, _problem: u.problem, _line: u.line },
      unreadable: u,
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
    fingerprint,
    referralId,
    assessment,
    subject,
    keys: subject ? blockingKeys(subject) : [],
  }
}

const TWELVE_MONTHS_MS = 365.25 * 24 * 3_600_000

/**
 * The pure work on a chunk (parse, check, fingerprint, blocking keys): no database, so the caller can
 * do it for the next chunk while the database writes this one. `now` is the chunk's receipt time.
 */
export function prepareChunk(
  items: readonly IntakeItem[],
  now: Date,
  releaseOf?: { id: string },
): Prepared[] {
  // A released record keeps its receipt: the referral it may now create points at that one.
  return items.map((item) => prepareItem(item, now, releaseOf?.id ?? randomUUID()))
}

/** Decides and writes one prepared chunk. The caller holds the intake lock and owns the transaction. */
export async function processChunk(
  client: pg.PoolClient,
  prepared: readonly Prepared[],
  settings: ChunkSettings,
): Promise<ChunkResult> {
  const now = settings.receivedAt
  const nowIso = now.toISOString()
  const release = settings.releaseOf

  // --- everything the chunk needs from the database, fetched in batches -----------------------------
  const referralIds = release
    ? []
    : [...new Set(prepared.map((p) => p.referralId).filter((id): id is string => id !== null))]
  const priorRows = await referrals.receiptsByReferralId(client, settings.organisationId, referralIds)
  const priors = new Map<string, referrals.PriorReceipt[]>()
  for (const row of priorRows) {
    const list = priors.get(row.referral_id) ?? []
    list.push(row)
    priors.set(row.referral_id, list)
  }

  const allKeys = [...new Set(prepared.flatMap((p) => p.keys))]
  const candidateRows = await victims.findCandidateIdentities(client, allKeys, settings.stopKeyCap)
  const byKey = new Map<string, CandidateIdentity[]>()
  const indexIdentity = (c: CandidateIdentity) => {
    for (const key of c.keys) {
      const list = byKey.get(key) ?? []
      list.push(c)
      byKey.set(key, list)
    }
  }
  for (const c of candidateRows) indexIdentity(c)

  const crimes = new Map<string, referrals.CrimeKey>()
  for (const p of prepared) {
    const r = p.assessment?.record
    if (r?.force_code && r.crime_reference) {
      crimes.set(crimeKey(r.force_code, r.crime_reference), {
        force_code: r.force_code,
        crime_reference: r.crime_reference,
      })
    }
  }
  const crimeList = [...crimes.values()]
  const acceptedByCrime = new Map<string, { id: string; receiptId: string; victimId: string }[]>()
  for (const row of await referrals.acceptedReferralsForCrimes(client, crimeList)) {
    const k = crimeKey(row.force_code, row.crime_reference)
    acceptedByCrime.set(k, [
      ...(acceptedByCrime.get(k) ?? []),
      { id: row.id, receiptId: row.receipt_id, victimId: row.victim_id },
    ])
  }
  const openQuarantine = new Map<string, { id: string; subject: MatchSubject | null }[]>()
  for (const row of await referrals.openQuarantineForCrimes(client, crimeList)) {
    if (release && row.id === release.id) continue
    const k = crimeKey(row.force_code, row.crime_reference)
    const subject = row.normalised ? subjectOf(row.normalised as unknown as NormalisedReferral) : null
    openQuarantine.set(k, [...(openQuarantine.get(k) ?? []), { id: row.id, subject }])
  }
  const reportedByVictim = new Map<string, number[]>()
  const linkableVictims = [
    ...new Set([
      ...candidateRows.map((c) => c.victimId),
      ...[...acceptedByCrime.values()].flat().map((a) => a.victimId),
    ]),
  ]
  for (const row of await referrals.reportedDatesForVictims(client, linkableVictims)) {
    const list = reportedByVictim.get(row.victim_id) ?? []
    list.push(new Date(row.reported_at).getTime())
    reportedByVictim.set(row.victim_id, list)
  }

  // --- decide, record by record -----------------------------------------------------------------
  const outcomes: RecordOutcome[] = []
  const receiptRows: ReceiptRow[] = []
  const referralRows: ReferralRow[] = []
  const newVictims: VictimRow[] = []
  const refreshed = new Map<string, VictimRow>()
  const identityDrafts: { victimId: string; receiptId: string; subject: MatchSubject; keys: string[] }[] = []
  const reviewRows: MatchReviewRow[] = []
  const supersede: { id: string; by: string }[] = []

  for (const p of prepared) {
    const a = p.assessment
    const r = a?.record ?? null
    const base = {
      id: p.receiptId,
      batch_id: settings.batchId,
      record_number: p.item.recordNumber,
      received_at: nowIso,
      source: settings.source,
      organisation_id: settings.organisationId,
      referral_id: p.referralId,
      force_code: r?.force_code ?? null,
      crime_reference: r?.crime_reference ?? null,
      fingerprint: p.fingerprint,
      raw: p.raw,
      normalised: r,
      warnings: a ? [...a.warnings] : [],
      duplicate_kind: null as string | null,
      duplicate_of: null as string | null,
      victim_id: null as string | null,
      original_victim_id: null as string | null,
      referral_uuid: null as string | null,
    }
    const finish = (row: ReceiptRow, extra: Partial<RecordOutcome> = {}) => {
      receiptRows.push(row)
      outcomes.push({
        recordNumber: p.item.recordNumber,
        receiptId: p.receiptId,
        referralId: p.referralId,
        state: row.state,
        reasons: row.reasons as string[],
        warnings: row.warnings as string[],
        victimId: row.victim_id as string | null,
        referralUuid: row.referral_uuid as string | null,
        duplicateOf: row.duplicate_of as string | null,
        ...extra,
      })
    }
    const remember = (
      state: ReceiptState,
      extra: { victimId?: string | null; referralUuid?: string | null },
    ) => {
      if (p.referralId === null) return
      const list = priors.get(p.referralId) ?? []
      list.push({
        id: p.receiptId,
        referral_id: p.referralId,
        fingerprint: p.fingerprint,
        state,
        victim_id: extra.victimId ?? null,
        referral_uuid: extra.referralUuid ?? null,
      })
      priors.set(p.referralId, list)
    }

    if (p.unreadable || !a || !r) {
      finish({ ...base, state: 'quarantined', reasons: [UNREADABLE_RECORD] })
      continue
    }

    // (1) A referral_id seen before: the same message again, or a conflicting one.
    const earlier = p.referralId === null ? undefined : priors.get(p.referralId)
    if (earlier && earlier.length > 0) {
      const same = earlier.find((e) => e.fingerprint === p.fingerprint)
      if (same) {
        const row: ReceiptRow = {
          ...base,
          // What was decided is the earlier record's business; this one only repeats it.
          normalised: same.state === 'consent_refused' ? redactContactDetails(r) : r,
          raw: same.state === 'consent_refused' ? redactRaw(p.raw) : p.raw,
          state: 'duplicate',
          reasons: [],
          duplicate_kind: 'resend',
          duplicate_of: same.id,
          victim_id: same.victim_id,
          original_victim_id: same.victim_id,
          referral_uuid: same.referral_uuid,
        }
        finish(row)
        remember('duplicate', { victimId: same.victim_id, referralUuid: same.referral_uuid })
        continue
      }
      finish({ ...base, state: 'quarantined', reasons: ['referral_id_conflict'] })
      remember('quarantined', {})
      continue
    }

    // (2) The victim said no: recorded without contact details, whatever else is wrong.
    if (a.outcome === 'consent_refused') {
      finish({
        ...base,
        raw: redactRaw(p.raw),
        normalised: redactContactDetails(r),
        state: 'consent_refused',
        reasons: [],
      })
      remember('consent_refused', {})
      continue
    }

    // (3) The record checks, every reason at once.
    if (a.outcome === 'quarantined') {
      finish({ ...base, state: 'quarantined', reasons: [...a.reasons] })
      remember('quarantined', {})
      if (r.force_code && r.crime_reference) {
        const k = crimeKey(r.force_code, r.crime_reference)
        openQuarantine.set(k, [...(openQuarantine.get(k) ?? []), { id: p.receiptId, subject: subjectOf(r) }])
      }
      continue
    }

    // (4) Which victim is this?
    const subject = p.subject as MatchSubject
    const seen = new Set<CandidateIdentity>()
    const best = new Map<string, ScoredCandidate<string>>()
    for (const key of p.keys) {
      for (const c of byKey.get(key) ?? []) {
        if (seen.has(c)) continue
        seen.add(c)
        const result = scoreMatch(subject, c.subject as MatchSubject)
        const current = best.get(c.victimId)
        if (!current || result.score > current.result.score)
          best.set(c.victimId, { victimId: c.victimId, result })
      }
    }
    const resolution = resolveCandidates([...best.values()])
    let victimId: string
    let match: RecordOutcome['match']
    if (resolution.decision === 'link' && resolution.victimId) {
      victimId = resolution.victimId
      match = 'linked'
    } else {
      victimId = randomUUID()
      match = resolution.decision === 'review' ? 'new_with_review' : 'new'
    }

    const force = r.force_code as string
    const crime = r.crime_reference as string
    const ck = crimeKey(force, crime)
    const existing =
      match === 'linked' ? acceptedByCrime.get(ck)?.find((x) => x.victimId === victimId) : undefined
    if (existing) {
      finish({
        ...base,
        state: 'duplicate',
        reasons: [],
        duplicate_kind: 'same_crime',
        duplicate_of: existing.receiptId,
        victim_id: victimId,
        original_victim_id: victimId,
        referral_uuid: existing.id,
      })
      remember('duplicate', { victimId, referralUuid: existing.id })
      continue
    }

    // (5) Accepted.
    const referralUuid = randomUUID()
    const reportedAt = r.reported_at as string
    const reportedMs = Date.parse(reportedAt)
    const history = reportedByVictim.get(victimId) ?? []
    const repeatCount = 1 + history.filter((t) => t <= reportedMs && t > reportedMs - TWELVE_MONTHS_MS).length
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
      settings.ruleSet,
    )
    const deadlines = computeDeadlines(
      { reportedAt, sentAt: r.sent_at, receivedAt: now, enhanced: entitlements.enhanced },
      settings.calendar,
      settings.deadlinePolicy,
    )
    const warnings = [...a.warnings, ...deadlines.warnings]
    const victimRow = victimRowOf(victimId, r, nowIso)
    if (match === 'linked') refreshed.set(victimId, victimRow)
    else newVictims.push(victimRow)
    if (match === 'new_with_review') {
      for (const c of resolution.contenders) {
        reviewRows.push({
          id: randomUUID(),
          receipt_id: p.receiptId,
          incoming_victim_id: victimId,
          candidate_victim_id: c.victimId,
          score: c.result.score,
          evidence: c.result.evidence,
          created_at: nowIso,
        })
      }
    }
    // A snapshot identical to one the victim already has would add rows and candidates, nothing else.
    const knownSnapshot =
      match === 'linked' &&
      [...seen].some((c) => c.victimId === victimId && sameSubject(subject, c.subject as MatchSubject))
    if (!knownSnapshot) identityDrafts.push({ victimId, receiptId: p.receiptId, subject, keys: p.keys })
    const flags: string[] = FLAG_NAMES.filter((f) => r[f] === 'Y')
    if (a.facts.under18) flags.push('under_18')
    referralRows.push({
      id: referralUuid,
      receipt_id: p.receiptId,
      victim_id: victimId,
      original_victim_id: victimId,
      source: settings.source,
      organisation_id: settings.organisationId,
      referral_id: p.referralId,
      force_code: force,
      crime_reference: crime,
      crime_category: r.crime_category,
      offence_code: r.offence_code,
      offence_description: r.offence_description,
      domestic_abuse: r.domestic_abuse,
      hate_crime: r.hate_crime,
      hate_strands: r.hate_strands,
      cse: r.cse,
      cyber: r.cyber,
      rural: r.rural,
      flags,
      victim_type: r.victim_type,
      under_18: a.facts.under18,
      reported_at: reportedAt,
      crime_recorded_at: r.crime_recorded_at,
      sent_at: r.sent_at,
      received_at: nowIso,
      record: r,
      ...contactColumnsOf(r),
      safe_channels: channelsInPreferenceOrder(r),
      vulnerable: r.vulnerable,
      vulnerability_reasons: r.vulnerability_reasons,
      intimidated: r.intimidated,
      persistently_targeted: r.persistently_targeted,
      consent_to_refer: r.consent_to_refer,
      thrive_threat: r.thrive_threat,
      thrive_harm: r.thrive_harm,
      thrive_risk: r.thrive_risk,
      thrive_vulnerability: r.thrive_vulnerability,
      status: 'new',
      enhanced: entitlements.enhanced,
      enhanced_reasons: entitlements.reasons,
      entitlements: { ...entitlements, facts: a.facts, deadlines },
      repeat_count: repeatCount,
      police_referral_due: deadlines.police_referral_due,
      police_referral_on_time: deadlines.police_referral_on_time,
      first_contact_due: deadlines.first_contact_due,
      created_at: nowIso,
    })
    finish(
      {
        ...base,
        warnings,
        // The accepted record's normalised form is kept once, on the referral (referrals.record).
        normalised: null,
        state: 'accepted',
        reasons: [],
        victim_id: victimId,
        original_victim_id: victimId,
        referral_uuid: referralUuid,
      },
      { match },
    )
    remember('accepted', { victimId, referralUuid })
    acceptedByCrime.set(ck, [
      ...(acceptedByCrime.get(ck) ?? []),
      { id: referralUuid, receiptId: p.receiptId, victimId },
    ])
    reportedByVictim.set(victimId, [...history, reportedMs])
    // Later records in this chunk can match this victim too.
    if (!knownSnapshot) indexIdentity({ identityId: -1, victimId, subject, keys: p.keys })
    // An earlier quarantined record for the same victim and crime has been overtaken by this one.
    const open = openQuarantine.get(ck)
    if (open) {
      const left: typeof open = []
      for (const q of open) {
        if (q.subject && decide(scoreMatch(subject, q.subject)) === 'link')
          supersede.push({ id: q.id, by: p.receiptId })
        else left.push(q)
      }
      openQuarantine.set(ck, left)
    }
  }

  // --- write ------------------------------------------------------------------------------------
  await victims.insertVictims(client, newVictims)
  await victims.refreshVictimContacts(client, [...refreshed.values()])
  if (!release) await referrals.insertReceipts(client, receiptRows)
  await referrals.insertReferrals(client, referralRows)
  const identityIds = await victims.reserveIdentityIds(client, identityDrafts.length)
  const identityRows = identityDrafts.map((d, i) => ({
    id: identityIds[i] as number,
    victim_id: d.victimId,
    receipt_id: d.receiptId,
    subject: d.subject,
    created_at: nowIso,
  }))
  await victims.insertIdentities(client, identityRows)
  await victims.insertMatchKeys(
    client,
    identityDrafts.flatMap((d, i) =>
      d.keys.map((key) => ({ victim_id: d.victimId, identity_id: identityIds[i] as number, key })),
    ),
  )
  await victims.insertMatchReviews(client, reviewRows)
  await referrals.markSuperseded(client, supersede)
  return { outcomes, receipts: receiptRows }
}

/** How to reach the victim safely, as a referral gave it: kept on the referral and as the victim's latest. */
function contactColumnsOf(r: NormalisedReferral) {
  return {
    address_line1: r.address_line1,
    address_line2: r.address_line2,
    town: r.town,
    postcode: r.postcode,
    phone_mobile: r.phone_mobile?.e164 ?? null,
    phone_other: r.phone_other?.e164 ?? null,
    email: r.email,
    preferred_contact: r.preferred_contact,
    safe_to_call: r.safe_to_call,
    safe_to_text: r.safe_to_text,
    safe_to_email: r.safe_to_email,
    safe_to_leave_voicemail: r.safe_to_leave_voicemail,
    safe_to_write: r.safe_to_write,
    safe_contact_notes: r.safe_contact_notes,
    // victim_type parent_guardian: the phone, email and address are the parent's or guardian's.
    contact_is_proxy: r.victim_type === 'parent_guardian',
    language: r.language,
    interpreter_required: r.interpreter_required,
  }
}

function victimRowOf(id: string, r: NormalisedReferral, nowIso: string): VictimRow {
  return {
    id,
    title: r.title,
    forename: r.forename ?? '',
    surname: r.surname ?? '',
    date_of_birth: r.date_of_birth,
    gender: r.gender,
    ...contactColumnsOf(r),
    force_code: r.force_code,
    victim_person_ref: r.victim_person_ref,
    created_at: nowIso,
    updated_at: nowIso,
  }
}
