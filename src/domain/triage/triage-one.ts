// One referral's triage, pure: routing with capacity as of the moment it was received, THRIVE
// priority and the queue's risk rank. The service and the benchmark both run this.

import type { CapacityLedger } from './capacity.ts'
import { priorityOf, routingFacts, type TriageInput } from './facts.ts'
import { type RouteResult, type RoutingRuleSet, route } from './routing.ts'

export interface TriageOutcome {
  readonly route: RouteResult
  readonly thrivePriority: 'low' | 'medium' | 'high' | null
  readonly priorityRank: number
  /** the chosen provider's reported wait, if it reports one */
  readonly expectedWaitDays: number | null
}

export function triageOne(
  input: TriageInput,
  ruleSet: RoutingRuleSet,
  ledger: CapacityLedger,
  receivedMs: number,
): TriageOutcome {
  const facts = routingFacts(input)
  const result = route(facts, ruleSet, ledger.snapshotAt(receivedMs))
  if (result.providerId) ledger.add(result.providerId, receivedMs)
  const { thrive, rank } = priorityOf(input)
  const chosen = result.providers.find((p) => p.providerId === result.providerId)
  return {
    route: result,
    thrivePriority: thrive,
    priorityRank: rank,
    expectedWaitDays: chosen?.expectedWaitDays ?? null,
  }
}
