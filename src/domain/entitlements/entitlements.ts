// Evaluates a Victims' Code entitlement rule set against the facts of one referral.
import { londonDate } from '../calendar/working-days.ts'
import { isUnder } from './age.ts'
import {
  type CrimeCategory,
  ENHANCED_REASONS,
  type EnhancedReason,
  type Flag,
  type VictimType,
  type VulnerabilityReason,
} from './codes.ts'
import type { EntitlementCondition, EntitlementRuleSet } from './rule-types.ts'

export interface EntitlementFacts {
  readonly crimeCategory: CrimeCategory
  readonly domesticAbuse?: Flag
  readonly hateCrime?: Flag
  readonly vulnerable?: Flag
  readonly vulnerabilityReasons?: readonly VulnerabilityReason[]
  readonly intimidated?: Flag
  readonly persistentlyTargeted?: Flag
  readonly victimType: VictimType
  /** 'YYYY-MM-DD', the victim's (the child's, for parent_guardian records) */
  readonly dateOfBirth?: string | null
  /** instant the crime was reported; its Europe/London date is the date ages are taken on */
  readonly reportedAt: Date | string
  /** the hub's own count of crimes against this matched victim in the 12 months to reportedAt, this one included */
  readonly repeatVictimCount12m?: number | null
}

export interface EntitlementAssessment {
  readonly enhanced: boolean
  /** in the canonical order of ENHANCED_REASONS */
  readonly reasons: EnhancedReason[]
  /** suggestion codes for staff; they never change `enhanced` */
  readonly suggestions: string[]
  readonly ruleSetVersion: string
}

function holds(condition: EntitlementCondition, facts: EntitlementFacts, reportedDate: string): boolean {
  switch (condition.kind) {
    case 'crime_category_in':
      return condition.categories.includes(facts.crimeCategory)
    case 'flag_is_yes':
      // Only an explicit Y counts: U (unknown) and N are treated alike, as the spec says.
      return facts[condition.flag] === 'Y'
    case 'vulnerability_reason_in':
      return (facts.vulnerabilityReasons ?? []).some((reason) => condition.reasons.includes(reason))
    case 'victim_type_in':
      return condition.types.includes(facts.victimType)
    case 'under_age':
      return facts.dateOfBirth != null && isUnder(facts.dateOfBirth, reportedDate, condition.years)
    case 'repeat_count_at_least':
      return facts.repeatVictimCount12m != null && facts.repeatVictimCount12m >= condition.count
    case 'all_of':
      return condition.conditions.every((inner) => holds(inner, facts, reportedDate))
  }
}

export function assessEntitlements(
  facts: EntitlementFacts,
  ruleSet: EntitlementRuleSet,
): EntitlementAssessment {
  const reportedDate = londonDate(facts.reportedAt)
  const found = new Set<EnhancedReason>()
  for (const rule of ruleSet.rules) {
    if (rule.anyOf.some((condition) => holds(condition, facts, reportedDate))) found.add(rule.reason)
  }
  const reasons = ENHANCED_REASONS.filter((reason) => found.has(reason))
  const suggestions = ruleSet.suggestions
    .filter((s) => !s.unlessReasons.some((reason) => found.has(reason)) && holds(s.when, facts, reportedDate))
    .map((s) => s.code)
  return { enhanced: reasons.length > 0, reasons, suggestions, ruleSetVersion: ruleSet.version }
}
