// The shape of a Victims' Code entitlement rule set. Rules are data so that a new Code (one is being
// drafted) can be added as a new versioned file without touching the evaluator, and so that each
// referral records which version decided its entitlements.
import type { CrimeCategory, EnhancedReason, VictimType, VulnerabilityReason } from './codes.ts'

/** Y/N/U facts a condition may test. */
export type EntitlementFlag =
  | 'domesticAbuse'
  | 'hateCrime'
  | 'vulnerable'
  | 'intimidated'
  | 'persistentlyTargeted'

export type EntitlementCondition =
  | { readonly kind: 'crime_category_in'; readonly categories: readonly CrimeCategory[] }
  | { readonly kind: 'flag_is_yes'; readonly flag: EntitlementFlag }
  | { readonly kind: 'vulnerability_reason_in'; readonly reasons: readonly VulnerabilityReason[] }
  | { readonly kind: 'victim_type_in'; readonly types: readonly VictimType[] }
  /** younger than `years` on the Europe/London date of reportedAt, by dateOfBirth */
  | { readonly kind: 'under_age'; readonly years: number }
  /** the hub's own count of crimes against this victim in the 12 months to reportedAt */
  | { readonly kind: 'repeat_count_at_least'; readonly count: number }
  | { readonly kind: 'all_of'; readonly conditions: readonly EntitlementCondition[] }

export interface EntitlementRule {
  readonly reason: EnhancedReason
  /** the reason applies when any one of these holds */
  readonly anyOf: readonly EntitlementCondition[]
  /** where the rule comes from, for the audit trail and the ADR */
  readonly basis: string
}

/**
 * A prompt for staff. Suggestions never change `enhanced`: the spec lets the hub suggest, not decide,
 * where the evidence is its own inference (e.g. repeat-victim counts).
 */
export interface EntitlementSuggestion {
  readonly code: string
  readonly when: EntitlementCondition
  /** suppressed when the victim already has one of these reasons */
  readonly unlessReasons: readonly EnhancedReason[]
  readonly message: string
}

export interface EntitlementRuleSet {
  /** recorded against every assessment, e.g. 'victims-code-2020@1' */
  readonly version: string
  readonly title: string
  /** first date ('YYYY-MM-DD') the Code applied */
  readonly inForceFrom: string
  readonly rules: readonly EntitlementRule[]
  readonly suggestions: readonly EntitlementSuggestion[]
}
