// Triage input from a feed record that has not been stored: the routing preview's fixed sample when the
// hub has too few referrals of its own, and the benchmark. A stored referral is read by the repository
// instead.

import { assessEntitlements, type EntitlementAssessment } from '../entitlements/entitlements.ts'
import { victimsCode2020 } from '../entitlements/rules/victims-code-2020.ts'
import type { NormalisedReferral } from '../referral-feed/normalise.ts'
import { normaliseRecord } from '../referral-feed/normalise.ts'
import { isUnder18On } from '../referral-feed/validate.ts'
import { fastLondonDate, type TriageInput } from './facts.ts'

/** A normalised record with what triage needs present, or null when it could not be accepted. */
export function normaliseForTriage(raw: Record<string, unknown>): NormalisedReferral | null {
  const { record } = normaliseRecord(raw)
  if (!record.crime_category || !record.reported_at || !record.victim_type || !record.sent_at) return null
  if (record.consent_to_refer === 'N') return null
  return record
}

export function entitlementsOf(record: NormalisedReferral, repeatCount = 1): EntitlementAssessment {
  return assessEntitlements(
    {
      crimeCategory: record.crime_category as NonNullable<NormalisedReferral['crime_category']>,
      domesticAbuse: record.domestic_abuse,
      hateCrime: record.hate_crime,
      vulnerable: record.vulnerable,
      vulnerabilityReasons: record.vulnerability_reasons,
      intimidated: record.intimidated,
      persistentlyTargeted: record.persistently_targeted,
      victimType: record.victim_type as NonNullable<NormalisedReferral['victim_type']>,
      dateOfBirth: record.date_of_birth,
      reportedAt: record.reported_at as string,
      repeatVictimCount12m: repeatCount,
    },
    victimsCode2020,
  )
}

export function triageInputFromRecord(
  record: NormalisedReferral,
  enhanced: boolean,
  repeatCount = 1,
): TriageInput {
  const reportedAt = record.reported_at as string
  const under18 =
    (record.date_of_birth !== null && isUnder18On(record.date_of_birth, fastLondonDate(reportedAt))) ||
    record.vulnerability_reasons.includes('under_18') ||
    record.victim_type === 'parent_guardian'
  return {
    crimeCategory: record.crime_category as TriageInput['crimeCategory'],
    domesticAbuse: record.domestic_abuse,
    hateCrime: record.hate_crime,
    cse: record.cse,
    cyber: record.cyber,
    rural: record.rural,
    enhanced,
    repeatCount,
    dateOfBirth: record.date_of_birth,
    under18,
    reportedAt,
    town: record.town,
    policeThrive: {
      threat: record.thrive_threat,
      harm: record.thrive_harm,
      risk: record.thrive_risk,
      vulnerability: record.thrive_vulnerability,
    },
  }
}
