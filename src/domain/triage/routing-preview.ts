// The preview an administrator sees before publishing a rule change: how sample victims would be routed
// by the proposed rule set compared with the one in force.
import type { Offer, PathwayId } from './pathways.ts'
import { matchRule, type RoutingFacts, type RoutingRuleSet, ruleSetVersion } from './routing.ts'

export interface PreviewRow {
  readonly index: number
  readonly old: {
    readonly pathway: PathwayId | null
    readonly ruleId: string | null
    readonly offer: Offer | null
  }
  readonly new: {
    readonly pathway: PathwayId | null
    readonly ruleId: string | null
    readonly offer: Offer | null
  }
  /** the pathway or the offer differs (a different rule reaching the same place is not a change) */
  readonly changed: boolean
}

export interface RuleSetPreview {
  readonly oldVersion: string
  readonly newVersion: string
  readonly rows: PreviewRow[]
  readonly changedCount: number
}

/**
 * How a proposed rule set would route sample victims compared with the current one, for the admin's
 * preview before publishing. Capacity is left out on purpose: the preview is about the rules, and
 * today's loads would make the comparison change by the hour.
 */
export function previewRuleSet(
  proposed: RoutingRuleSet,
  sampleFacts: readonly RoutingFacts[],
  current: RoutingRuleSet,
): RuleSetPreview {
  const summarise = (ruleSet: RoutingRuleSet, facts: RoutingFacts) => {
    const match = matchRule(facts, ruleSet)
    return match
      ? { pathway: match.rule.outcome.pathway, ruleId: match.rule.id, offer: match.rule.outcome.offer }
      : { pathway: null, ruleId: null, offer: null }
  }
  const rows = sampleFacts.map((facts, index) => {
    const before = summarise(current, facts)
    const after = summarise(proposed, facts)
    return {
      index,
      old: before,
      new: after,
      changed: before.pathway !== after.pathway || before.offer !== after.offer,
    }
  })
  return {
    oldVersion: ruleSetVersion(current),
    newVersion: ruleSetVersion(proposed),
    rows,
    changedCount: rows.filter((row) => row.changed).length,
  }
}
