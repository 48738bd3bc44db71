import type { AssumptionValues } from './assumptions.ts'
import { classifyCrimeType, compareCrimeTypes } from './classification.ts'

/**
 * Victims and their demand for support, from victim-based crime counts.
 *
 * Only victim-based crime has a direct victim; crimes against society and ASB incidents are left out, as
 * in the source (its ~27,000 unique victims came from 27,032 victim-based crimes). Shoplifting stays in:
 * its victims are mostly businesses, which the Home Office still counts as victim-based.
 *
 * police.uk merges violence and sexual offences. Because the source's support and reporting rates differ
 * for sexual offences, that category is split into two victim groups by the `sexualShareOfViolenceAndSexual`
 * assumption, and each line says it is an estimated split.
 */

export type Scenario = 'low' | 'central' | 'high'
export type ScenarioValues = Record<Scenario, number>

export interface VictimGroup {
  key: string
  label: string
  crimeType: string
  /** Crimes (may be fractional where a category is split). */
  crimes: number
  kind: 'sexual' | 'burglary' | 'other'
  estimatedSplit: boolean
}

export function victimGroups(
  byCrimeType: Readonly<Record<string, number>>,
  a: AssumptionValues,
): VictimGroup[] {
  const groups: VictimGroup[] = []
  for (const crimeType of Object.keys(byCrimeType).sort(compareCrimeTypes)) {
    if (classifyCrimeType(crimeType) !== 'victim-based') continue
    const crimes = byCrimeType[crimeType] ?? 0
    if (crimeType === 'Violence and sexual offences' || crimeType === 'Violent crime') {
      const sexual = crimes * a.sexualShareOfViolenceAndSexual
      groups.push({
        key: 'sexual-offences',
        label: 'Sexual offences (estimated share of violence and sexual offences)',
        crimeType,
        crimes: sexual,
        kind: 'sexual',
        estimatedSplit: true,
      })
      groups.push({
        key: 'violence-against-the-person',
        label: 'Violence against the person (estimated share of violence and sexual offences)',
        crimeType,
        crimes: crimes - sexual,
        kind: 'other',
        estimatedSplit: true,
      })
    } else {
      groups.push({
        key: crimeType.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        label: crimeType,
        crimeType,
        crimes,
        kind: crimeType === 'Burglary' ? 'burglary' : 'other',
        estimatedSplit: false,
      })
    }
  }
  return groups
}

/** Method 2 (source): unique victims = crimes x (1 - share of crimes that happen to repeat victims). */
export function uniqueVictimsFromCrimes(crimes: number, repeatShare: number): number {
  if (repeatShare < 0 || repeatShare > 1) throw new Error('repeat share must be between 0 and 1')
  return crimes * (1 - repeatShare)
}

/**
 * Victim-level data from the hub's own matched referrals, when available: the number of distinct matched
 * victims and the crimes they were referred for. Its real repeat share replaces the assumed one.
 */
export interface ObservedVictims {
  distinctVictims: number
  crimes: number
  source: string
}

export interface UniqueVictims {
  method: 'estimated-from-repeat-share' | 'observed-matched-referrals'
  repeatShare: number
  crimes: number
  uniqueVictims: number
  source: string
}

export function estimateUniqueVictims(
  victimBasedCrimes: number,
  a: AssumptionValues,
  observed?: ObservedVictims,
): UniqueVictims {
  if (observed && observed.crimes > 0) {
    const repeatShare = 1 - observed.distinctVictims / observed.crimes
    return {
      method: 'observed-matched-referrals',
      repeatShare,
      crimes: victimBasedCrimes,
      // The observed repeat share is applied to the police count, so the two sources stay comparable.
      uniqueVictims: uniqueVictimsFromCrimes(victimBasedCrimes, Math.min(Math.max(repeatShare, 0), 1)),
      source: observed.source,
    }
  }
  return {
    method: 'estimated-from-repeat-share',
    repeatShare: a.repeatVictimShare,
    crimes: victimBasedCrimes,
    uniqueVictims: uniqueVictimsFromCrimes(victimBasedCrimes, a.repeatVictimShare),
    source: 'assumption repeatVictimShare',
  }
}

/** Method 3 (source): all victims = reported victims / (1 - unreported share). */
export function allVictimsIncludingUnreported(reported: number, unreportedShare: number): number {
  if (!(unreportedShare >= 0 && unreportedShare < 1)) throw new Error('unreported share must be in [0, 1)')
  return reported / (1 - unreportedShare)
}

export interface GroupDemand {
  key: string
  label: string
  crimeType: string
  estimatedSplit: boolean
  crimes: number
  uniqueVictims: number
  unreportedShare: number
  allVictims: number
  hiddenVictims: number
  supportShare: ScenarioValues
  /** Reported (unique) victims wanting support. */
  supportDemand: ScenarioValues
  /** All victims, reported or not, wanting support. */
  supportDemandAllVictims: ScenarioValues
}

export interface DemandResult {
  uniqueVictims: UniqueVictims
  groups: GroupDemand[]
  totals: {
    crimes: number
    uniqueVictims: number
    allVictims: number
    hiddenVictims: number
    supportDemand: ScenarioValues
    supportDemandAllVictims: ScenarioValues
    sexualOffenceCrimes: number
  }
}

export function supportShares(kind: VictimGroup['kind'], a: AssumptionValues): ScenarioValues {
  const central =
    kind === 'sexual'
      ? a.supportShareSexual
      : kind === 'burglary'
        ? a.supportShareBurglary
        : a.supportShareDefault
  // Low: the overall 1 in 5 for everyone; high: "up to 60%" for everyone, but never below the central value.
  return {
    low: Math.min(a.supportShareDefault, central),
    central,
    high: Math.max(a.supportShareHigh, central),
  }
}

const scale = (s: ScenarioValues, by: number): ScenarioValues => ({
  low: s.low * by,
  central: s.central * by,
  high: s.high * by,
})
const sum = (a: ScenarioValues, b: ScenarioValues): ScenarioValues => ({
  low: a.low + b.low,
  central: a.central + b.central,
  high: a.high + b.high,
})

/** Methods 2-4: unique victims, hidden demand and support demand for each victim group, with totals. */
export function estimateDemand(
  byCrimeType: Readonly<Record<string, number>>,
  a: AssumptionValues,
  observed?: ObservedVictims,
): DemandResult {
  const groups = victimGroups(byCrimeType, a)
  const victimBased = groups.reduce((s, g) => s + g.crimes, 0)
  const uv = estimateUniqueVictims(victimBased, a, observed)
  const keep = 1 - uv.repeatShare
  const zero: ScenarioValues = { low: 0, central: 0, high: 0 }
  const totals: DemandResult['totals'] = {
    crimes: 0,
    uniqueVictims: 0,
    allVictims: 0,
    hiddenVictims: 0,
    supportDemand: { ...zero },
    supportDemandAllVictims: { ...zero },
    sexualOffenceCrimes: 0,
  }
  const out: GroupDemand[] = groups.map((g) => {
    const uniqueVictims = g.crimes * keep
    const unreportedShare = g.kind === 'sexual' ? a.unreportedShareSexual : a.unreportedShare
    const allVictims = allVictimsIncludingUnreported(uniqueVictims, unreportedShare)
    const supportShare = supportShares(g.kind, a)
    const supportDemand = scale(supportShare, uniqueVictims)
    const supportDemandAllVictims = scale(supportShare, allVictims)
    totals.crimes += g.crimes
    totals.uniqueVictims += uniqueVictims
    totals.allVictims += allVictims
    totals.hiddenVictims += allVictims - uniqueVictims
    totals.supportDemand = sum(totals.supportDemand, supportDemand)
    totals.supportDemandAllVictims = sum(totals.supportDemandAllVictims, supportDemandAllVictims)
    if (g.kind === 'sexual') totals.sexualOffenceCrimes += g.crimes
    return {
      key: g.key,
      label: g.label,
      crimeType: g.crimeType,
      estimatedSplit: g.estimatedSplit,
      crimes: g.crimes,
      uniqueVictims,
      unreportedShare,
      allVictims,
      hiddenVictims: allVictims - uniqueVictims,
      supportShare,
      supportDemand,
      supportDemandAllVictims,
    }
  })
  return { uniqueVictims: uv, groups: out, totals }
}
