import type { AssumptionValues } from './assumptions.ts'
import type { ScenarioValues } from './demand.ts'

/**
 * Method 5: capacity needed a year against commissioned capacity.
 *
 * - Referrals to the general service: unique victims x referrals per unique victim.
 * - Interventions: reported unique victims who want support (the support-demand scenarios). On the source's
 *   own figures this gives about 5,000 (24,000 victims, mostly at 1 in 5), matching its recommendation.
 * - Specialist sexual violence and CSE places: recorded sexual offences x places per offence.
 *
 * Each need is low / central / high. For referrals and specialist places the range comes from the forecast
 * interval of crime; for interventions from the support-share scenarios.
 */

export type CapacityStatus = 'within' | 'at-risk' | 'over'

export interface CapacityLine {
  key: 'referrals' | 'interventions' | 'specialist-places'
  label: string
  needed: ScenarioValues
  commissioned: number
  /** central need - commissioned: positive means a shortfall. */
  gap: number
  /** central need / commissioned. */
  utilisation: number | null
  /** over: central need exceeds capacity; at-risk: only the high case does; within: neither. */
  status: CapacityStatus
  basis: string
}

export interface CapacityInput {
  /** Unique victims a year (e.g. from the 12-month forecast: lower, mean, upper). */
  uniqueVictims: ScenarioValues
  /** Reported victims wanting support a year, low/central/high support scenarios. */
  supportDemand: ScenarioValues
  /** Recorded sexual offences a year. */
  sexualOffences: ScenarioValues
}

function line(
  key: CapacityLine['key'],
  label: string,
  needed: ScenarioValues,
  commissioned: number,
  basis: string,
): CapacityLine {
  const status: CapacityStatus =
    needed.central > commissioned ? 'over' : needed.high > commissioned ? 'at-risk' : 'within'
  return {
    key,
    label,
    needed,
    commissioned,
    gap: needed.central - commissioned,
    utilisation: commissioned > 0 ? needed.central / commissioned : null,
    status,
    basis,
  }
}

const times = (s: ScenarioValues, k: number): ScenarioValues => ({
  low: s.low * k,
  central: s.central * k,
  high: s.high * k,
})

export function capacityNeeded(input: CapacityInput, a: AssumptionValues): CapacityLine[] {
  return [
    line(
      'referrals',
      'Referrals to the general victim service',
      times(input.uniqueVictims, a.referralsPerUniqueVictim),
      a.commissionedReferrals,
      'unique victims a year x referralsPerUniqueVictim',
    ),
    line(
      'interventions',
      'Victims needing an intervention (reported victims who want support)',
      input.supportDemand,
      a.commissionedInterventions,
      'support demand scenarios (low / central / high support shares)',
    ),
    line(
      'specialist-places',
      'Specialist sexual violence and CSE places',
      times(input.sexualOffences, a.specialistPlacesPerSexualOffence),
      a.commissionedSpecialistPlaces,
      'recorded sexual offences a year x specialistPlacesPerSexualOffence',
    ),
  ]
}

/**
 * Actual throughput from the hub's own cases: referral -> contacted -> assessed -> supported -> closed with
 * an outcome. Each stage's conversion from the one before, and from referral, so a commissioner sees where
 * victims drop out (the source found 85% of Victim Support referrals did not result in support).
 */
export interface Funnel {
  referrals: number
  contacted: number
  assessed: number
  supported: number
  closedWithOutcome: number
}

export interface FunnelStage {
  stage: keyof Funnel
  count: number
  fromPrevious: number | null
  fromReferral: number | null
}

export function funnelStages(f: Funnel): FunnelStage[] {
  const order: Array<keyof Funnel> = ['referrals', 'contacted', 'assessed', 'supported', 'closedWithOutcome']
  for (let i = 1; i < order.length; i++) {
    if (f[order[i] as keyof Funnel] > f[order[i - 1] as keyof Funnel]) {
      throw new Error(`funnel stage ${order[i]} (${f[order[i] as keyof Funnel]}) exceeds ${order[i - 1]}`)
    }
  }
  return order.map((stage, i) => {
    const prev = i === 0 ? null : f[order[i - 1] as keyof Funnel]
    return {
      stage,
      count: f[stage],
      fromPrevious: prev === null ? null : prev > 0 ? f[stage] / prev : null,
      fromReferral: f.referrals > 0 ? f[stage] / f.referrals : null,
    }
  })
}
