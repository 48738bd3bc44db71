import { type ResolvedAssumptions, resolveAssumptions } from './assumptions.ts'
import { type CapacityLine, capacityNeeded, type Funnel, type FunnelStage, funnelStages } from './capacity.ts'
import { CURRENT_CRIME_TYPES } from './classification.ts'
import { type DemandResult, estimateDemand, type ObservedVictims } from './demand.ts'
import { type Forecast, fixedGrowthForecast, forecastNextYear } from './forecast.ts'
import { districtOf } from './police-uk-row.ts'
import {
  type AreaRates,
  annualise,
  type DistrictCounts,
  districtRates,
  type LsoaCount,
  type LsoaRate,
  lsoaRates,
  type PopulationFigure,
  ratePerThousand,
} from './rates.ts'
import { type CountRow, monthlySeries, monthsBetween, summariseVolume, type Volume } from './volume.ts'

export interface ImportedFile {
  month: string
  rows: number
  sourceFile: string
  sha256: string
  lsoaVintage: number | null
  importedAt: string
}

export interface NeedsAssessmentInput {
  force: { name: string; slug: string }
  from: string
  to: string
  /** Months the force has imported data for, up to `to` (used by the forecast; gaps are allowed). */
  observedMonths: readonly string[]
  /** Month x crime type counts for every observed month up to `to` (the window and its history). */
  counts: readonly CountRow[]
  /** Counts by district over the window (district null = no location). */
  districtCounts: readonly DistrictCounts[]
  districtPopulations: ReadonlyMap<string, PopulationFigure>
  lsoaCounts: readonly LsoaCount[]
  inputs: readonly ImportedFile[]
  assumptions?: Partial<Record<string, number | string>>
  /** From the hub's own matched referrals, when the hub has them; replaces the assumed repeat share. */
  observedVictims?: ObservedVictims
  /** From the hub's own cases, when it has them. */
  throughput?: Funnel
  generatedAt: string
}

export interface CategoryForecasts {
  crimes: Forecast
  victimBased: Forecast
  society: Forecast
  asb: Forecast
}

export interface NeedsAssessment {
  schemaVersion: 1
  generatedAt: string
  force: { name: string; slug: string }
  period: {
    from: string
    to: string
    months: string[]
    monthCount: number
    monthsWithData: string[]
    missingMonths: string[]
  }
  inputs: { files: ImportedFile[]; rows: number }
  volume: Volume
  rates: AreaRates & {
    perThousand: { crimes: number | null; victimBased: number | null; asb: number | null }
    annualisedPerThousand: { crimes: number | null; victimBased: number | null; asb: number | null }
    lsoas: LsoaRate[]
  }
  forecast: {
    categories: CategoryForecasts
    byCrimeType: Record<string, { mean: number; lower: number; upper: number }>
    sourceComparison: {
      basis: string
      lastTwelveMonthsVictimBased: number
      monthsObserved: number
      growth: number
      fixedGrowthForecast: number
      methodForecast: { mean: number; lower: number; upper: number }
      methodGrowth: number | null
    }
  }
  victims: { period: DemandResult; nextTwelveMonths: DemandResult }
  capacity: { lines: CapacityLine[]; throughput: FunnelStage[] | null }
  assumptions: ResolvedAssumptions['list']
  notes: string[]
}

/** Runs every method over the counts the report service read, and returns the whole report. */
export function buildNeedsAssessment(input: NeedsAssessmentInput): NeedsAssessment {
  if (input.from > input.to) throw new Error(`--from ${input.from} is after --to ${input.to}`)
  const resolved = resolveAssumptions(input.assumptions)
  const a = resolved.values
  const months = monthsBetween(input.from, input.to)
  const observed = new Set(input.observedMonths.filter((m) => m <= input.to))
  const monthsWithData = months.filter((m) => observed.has(m))
  const missingMonths = months.filter((m) => !observed.has(m))
  if (monthsWithData.length === 0) {
    throw new Error(
      `no imported police.uk data for ${input.force.name} between ${input.from} and ${input.to}`,
    )
  }
  const notes: string[] = []
  if (missingMonths.length > 0) {
    notes.push(
      `No data imported for ${missingMonths.join(', ')}: totals cover ${monthsWithData.length} months.`,
    )
  }

  const volume = summariseVolume(input.counts, months)
  const monthCount = monthsWithData.length

  const area = districtRates(
    input.districtCounts,
    input.districtPopulations,
    a.homeDistrictMinShare,
    monthCount,
  )
  const pop = area.homePopulationComplete ? area.homePopulation : null
  if (!area.homePopulationComplete) {
    notes.push('Population is missing for at least one home district, so force-wide rates are not given.')
  }
  const perThousand = {
    crimes: ratePerThousand(volume.crimes, pop),
    victimBased: ratePerThousand(volume.victimBased, pop),
    asb: ratePerThousand(volume.asb, pop),
  }
  const ann = (v: number | null) => (v === null ? null : annualise(v, monthCount))
  const annualisedPerThousand = {
    crimes: ann(perThousand.crimes),
    victimBased: ann(perThousand.victimBased),
    asb: ann(perThousand.asb),
  }

  // Forecasts run on the whole observed history up to `to`, not only the window.
  const history = input.counts.filter((r) => observed.has(r.month))
  const series = (select: Parameters<typeof monthlySeries>[2]) =>
    [...monthlySeries(history, observed, select)].map(([month, value]) => ({ month, value }))
  const fopts = { intervalLevel: a.forecastIntervalLevel, defaultDriftSd: a.forecastDefaultDriftSd }
  const lastMonth = monthsWithData[monthsWithData.length - 1] as string
  const categories: CategoryForecasts = {
    crimes: forecastNextYear(
      series((_t, c) => c !== 'asb'),
      lastMonth,
      fopts,
    ),
    victimBased: forecastNextYear(
      series((_t, c) => c === 'victim-based'),
      lastMonth,
      fopts,
    ),
    society: forecastNextYear(
      series((_t, c) => c === 'society'),
      lastMonth,
      fopts,
    ),
    asb: forecastNextYear(
      series((_t, c) => c === 'asb'),
      lastMonth,
      fopts,
    ),
  }
  const typesSeen = new Set<string>([...CURRENT_CRIME_TYPES, ...history.map((r) => r.crimeType)])
  const byCrimeType: Record<string, { mean: number; lower: number; upper: number }> = {}
  for (const type of Object.keys(volume.byCrimeType)) {
    if (!typesSeen.has(type)) continue
    byCrimeType[type] = forecastNextYear(
      series((t) => t === type),
      lastMonth,
      fopts,
    ).total
  }
  const vb = categories.victimBased
  const sourceComparison = {
    basis:
      vb.lastTwelveMonths.monthsObserved === 12
        ? 'victim-based crimes in the 12 months ending with the last month'
        : `victim-based crimes in the ${vb.lastTwelveMonths.monthsObserved} observed months of the last 12, annualised (x 12 / ${vb.lastTwelveMonths.monthsObserved}, no seasonal adjustment)`,
    lastTwelveMonthsVictimBased: vb.lastTwelveMonths.annualised,
    monthsObserved: vb.lastTwelveMonths.monthsObserved,
    growth: a.sourceForecastGrowth,
    fixedGrowthForecast: fixedGrowthForecast(vb.lastTwelveMonths.annualised, a.sourceForecastGrowth),
    methodForecast: vb.total,
    methodGrowth:
      vb.lastTwelveMonths.annualised > 0 ? vb.total.mean / vb.lastTwelveMonths.annualised - 1 : null,
  }

  const periodDemand = estimateDemand(volume.byCrimeType, a, input.observedVictims)
  const nextYearCounts = Object.fromEntries(Object.entries(byCrimeType).map(([t, f]) => [t, f.mean]))
  const nextDemand = estimateDemand(nextYearCounts, a, input.observedVictims)

  // Capacity ranges: crime-volume uncertainty from the forecast interval, support uncertainty from scenarios.
  const keep = 1 - nextDemand.uniqueVictims.repeatShare
  const vsoType = 'Violence and sexual offences'
  const vso = byCrimeType[vsoType] ?? { mean: 0, lower: 0, upper: 0 }
  const capacityLines = capacityNeeded(
    {
      uniqueVictims: {
        low: vb.total.lower * keep,
        central: vb.total.mean * keep,
        high: vb.total.upper * keep,
      },
      supportDemand: nextDemand.totals.supportDemand,
      sexualOffences: {
        low: vso.lower * a.sexualShareOfViolenceAndSexual,
        central: vso.mean * a.sexualShareOfViolenceAndSexual,
        high: vso.upper * a.sexualShareOfViolenceAndSexual,
      },
    },
    a,
  )
  if (!input.throughput) {
    notes.push('Hub throughput (referral to outcome funnel) is not shown: no hub case data was given.')
  }
  for (const [name, f] of Object.entries(categories)) {
    for (const w of f.warnings) notes.push(`Forecast (${name}): ${w}`)
  }

  return {
    schemaVersion: 1,
    generatedAt: input.generatedAt,
    force: input.force,
    period: { from: input.from, to: input.to, months, monthCount, monthsWithData, missingMonths },
    inputs: { files: [...input.inputs], rows: input.inputs.reduce((s, f) => s + f.rows, 0) },
    volume,
    rates: {
      ...area,
      perThousand,
      annualisedPerThousand,
      lsoas: lsoaRates(input.lsoaCounts, districtOf),
    },
    forecast: { categories, byCrimeType, sourceComparison },
    victims: { period: periodDemand, nextTwelveMonths: nextDemand },
    capacity: { lines: capacityLines, throughput: input.throughput ? funnelStages(input.throughput) : null },
    assumptions: resolved.list,
    notes,
  }
}

/** Rounds every non-integer number to `places` decimals so the JSON is stable and readable. */
export function roundForJson<T>(value: T, places = 3): T {
  const k = 10 ** places
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * k) / k
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([key, x]) => [key, walk(x)]))
    return v
  }
  return walk(value) as T
}
