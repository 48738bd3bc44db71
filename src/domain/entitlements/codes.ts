// Code lists shared by the entitlement and triage rules. They mirror the police referral feed spec
// (spec/police-referral-feed.md) so a parsed record can be handed to the rules unchanged.

export const CRIME_CATEGORIES = [
  'homicide',
  'death_by_driving',
  'attempted_murder',
  'gbh_with_intent',
  'violence_with_injury',
  'violence_without_injury',
  'stalking_harassment',
  'kidnap_false_imprisonment',
  'rape',
  'sexual_offence_other',
  'human_trafficking',
  'terrorism',
  'robbery',
  'burglary_residential',
  'burglary_business',
  'vehicle_crime',
  'theft_from_person',
  'bicycle_theft',
  'shoplifting',
  'other_theft',
  'arson_endangering_life',
  'criminal_damage_arson',
  'fraud',
  'computer_misuse',
  'public_order',
  'other',
] as const
export type CrimeCategory = (typeof CRIME_CATEGORIES)[number]

export const VICTIM_TYPES = [
  'direct',
  'bereaved_relative',
  'parent_guardian',
  'family_spokesperson',
  'business_contact',
] as const
export type VictimType = (typeof VICTIM_TYPES)[number]

export const VULNERABILITY_REASONS = [
  'under_18',
  'mental_disorder',
  'learning_disability',
  'physical_disability',
  'other',
] as const
export type VulnerabilityReason = (typeof VULNERABILITY_REASONS)[number]

/** Feed flags: Y, N or U (unknown; a blank is U). Only Y ever switches a rule on. */
export type Flag = 'Y' | 'N' | 'U'

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
