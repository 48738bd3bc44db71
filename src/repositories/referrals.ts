// Accepted referrals: one for each record intake accepted, with the victim it is linked to, the
// victim's safe contact details as the referral gave them, and their Victims' Code rights and deadlines.
import type pg from 'pg'
import type { Queryable } from '../db/transaction.ts'
import type { AcceptedReferral } from '../domain/intake/chunk-decision.ts'
import type { AcceptedForCrime, CrimeKey, ReportedReferral } from '../domain/intake/chunk-knowledge.ts'
import type { SourceKind } from '../domain/intake/records.ts'
import { copyRows } from './bulk.ts'
import { selectRows } from './rows.ts'
import { CONTACT_COLUMNS, contactColumnsOf } from './victims.ts'

/** The crimes a query is asked about, as a table `c` (force_code, crime_reference) to join on. */
export const CRIMES_GIVEN = 'unnest($1::text[], $2::text[]) AS c(force_code, crime_reference)'

/** The rows of `sql` (which joins CRIMES_GIVEN) for these crimes; asked about none, it reads nothing. */
export function selectForCrimes<T>(db: Queryable, crimes: readonly CrimeKey[], sql: string): Promise<T[]> {
  if (crimes.length === 0) return Promise.resolve([])
  return selectRows<T>(db, sql, [crimes.map((c) => c.forceCode), crimes.map((c) => c.crimeReference)])
}

const REFERRAL_COLUMNS = [
  'id',
  'receipt_id',
  'victim_id',
  'original_victim_id',
  'source',
  'organisation_id',
  'referral_id',
  'force_code',
  'crime_reference',
  'crime_category',
  'offence_code',
  'offence_description',
  'domestic_abuse',
  'hate_crime',
  'hate_strands',
  'cse',
  'cyber',
  'rural',
  'flags',
  'victim_type',
  'under_18',
  'reported_at',
  'crime_recorded_at',
  'sent_at',
  'received_at',
  'record',
  ...CONTACT_COLUMNS,
  'safe_channels',
  'vulnerable',
  'vulnerability_reasons',
  'intimidated',
  'persistently_targeted',
  'consent_to_refer',
  'thrive_threat',
  'thrive_harm',
  'thrive_risk',
  'thrive_vulnerability',
  'status',
  'enhanced',
  'enhanced_reasons',
  'entitlements',
  'repeat_count',
  'police_referral_due',
  'police_referral_on_time',
  'first_contact_due',
  'created_at',
] as const

type ReferralColumns = { [K in (typeof REFERRAL_COLUMNS)[number]]: unknown }

/** Where an accepted referral came from: the same for every referral of a chunk. */
export interface ReferralOrigin {
  source: SourceKind
  organisationId: string | null
  receivedAt: Date
}

function referralColumns(a: AcceptedReferral, origin: ReferralOrigin, at: string): ReferralColumns {
  const r = a.record
  const { deadlines, entitlements } = a
  return {
    id: a.id,
    receipt_id: a.receiptId,
    victim_id: a.victimId,
    original_victim_id: a.victimId,
    source: origin.source,
    organisation_id: origin.organisationId,
    referral_id: a.referralId,
    force_code: r.force_code,
    crime_reference: r.crime_reference,
    crime_category: r.crime_category,
    offence_code: r.offence_code,
    offence_description: r.offence_description,
    domestic_abuse: r.domestic_abuse,
    hate_crime: r.hate_crime,
    hate_strands: r.hate_strands,
    cse: r.cse,
    cyber: r.cyber,
    rural: r.rural,
    flags: a.flags,
    victim_type: r.victim_type,
    under_18: a.under18,
    reported_at: r.reported_at,
    crime_recorded_at: r.crime_recorded_at,
    sent_at: r.sent_at,
    received_at: at,
    record: r,
    ...contactColumnsOf(r),
    safe_channels: a.safeChannels,
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
    repeat_count: a.repeatCount,
    police_referral_due: deadlines.police_referral_due,
    police_referral_on_time: deadlines.police_referral_on_time,
    first_contact_due: deadlines.first_contact_due,
    created_at: at,
  }
}

export function insertReferrals(
  client: pg.PoolClient,
  referrals: readonly AcceptedReferral[],
  origin: ReferralOrigin,
): Promise<void> {
  const at = origin.receivedAt.toISOString()
  return copyRows(
    client,
    'referrals',
    REFERRAL_COLUMNS,
    referrals.map((a) => referralColumns(a, origin, at)),
    new Set(['record', 'entitlements']),
  )
}

/** Accepted referrals for any of these crimes (the same-crime duplicate rule). */
export const acceptedReferralsForCrimes = (db: Queryable, crimes: readonly CrimeKey[]) =>
  selectForCrimes<AcceptedForCrime>(
    db,
    crimes,
    `SELECT r.id AS referral_uuid, r.receipt_id, r.victim_id, r.force_code, r.crime_reference
     FROM referrals r JOIN ${CRIMES_GIVEN} ON r.force_code = c.force_code AND r.crime_reference = c.crime_reference`,
  )

/** When each of these victims' accepted referrals was reported: the repeat-victimisation count. */
export async function reportedReferralsOf(
  db: Queryable,
  victimIds: readonly string[],
): Promise<ReportedReferral[]> {
  if (victimIds.length === 0) return []
  return selectRows<ReportedReferral>(
    db,
    'SELECT victim_id, reported_at FROM referrals WHERE victim_id = ANY($1::uuid[])',
    [[...new Set(victimIds)]],
  )
}

/** A victim's referral as the victim's page lists it. */
export interface VictimReferral {
  id: string
  receiptId: string
  originalVictimId: string
  referralId: string | null
  source: SourceKind
  forceCode: string
  crimeReference: string
  crimeCategory: string
  reportedAt: Date
  receivedAt: Date
  status: string
  enhanced: boolean
  enhancedReasons: string[]
  flags: string[]
  safeChannels: string[]
  repeatCount: number
  policeReferralDue: string | null
  policeReferralOnTime: boolean | null
  firstContactDue: string | null
}

export function referralsOfVictim(db: Queryable, victimId: string): Promise<VictimReferral[]> {
  return selectRows<VictimReferral>(
    db,
    `SELECT id, receipt_id, original_victim_id, referral_id, source, force_code, crime_reference, crime_category,
            reported_at, received_at, status, enhanced, enhanced_reasons, flags, safe_channels, repeat_count,
            police_referral_due, police_referral_on_time, first_contact_due
     FROM referrals WHERE victim_id = $1 ORDER BY reported_at DESC`,
    [victimId],
  )
}
