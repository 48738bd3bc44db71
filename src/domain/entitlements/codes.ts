// Code lists for the entitlement and triage rules: the police referral feed's own (referral-feed/fields.ts),
// so a parsed record can be handed to the rules unchanged, plus the enhanced-rights reasons.

import { CRIME_CATEGORY_CODES, type CrimeCategory } from '../referral-feed/fields.ts'

export type { CrimeCategory, Flag, VictimType, VulnerabilityReason } from '../referral-feed/fields.ts'
export { VICTIM_TYPES, VULNERABILITY_REASONS } from '../referral-feed/fields.ts'

/** Every crime category code, in the spec's order. Only Y ever switches a flag rule on. */
export const CRIME_CATEGORIES: readonly CrimeCategory[] = CRIME_CATEGORY_CODES

export const ENHANCED_REASONS = [
  'most_serious_crime',
  'vulnerable',
  'intimidated',
  'persistently_targeted',
  'bereaved',
] as const
export type EnhancedReason = (typeof ENHANCED_REASONS)[number]

export function isCrimeCategory(value: string): value is CrimeCategory {
  return (CRIME_CATEGORIES as readonly string[]).includes(value)
}
