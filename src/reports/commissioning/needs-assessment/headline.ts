import type { NeedsAssessment } from '../../../domain/commissioning/index.ts'
import { intervalLevel, oneDp, pct, periodText, whole } from './format.ts'

export interface HeadlineFigure {
  label: string
  value: string
  note: string
}

/** "Headline figures": the six numbers a commissioner reads first, each with how it was reached. */
export function headlineFigures(r: NeedsAssessment): HeadlineFigure[] {
  const v = r.volume
  const period = periodText(r)
  const fc = r.forecast.categories.victimBased
  const uv = r.victims.period.uniqueVictims
  const sc = r.forecast.sourceComparison
  return [
    {
      label: 'Recorded crimes',
      value: whole(v.crimes),
      note: `${period}; anti-social behaviour not included`,
    },
    {
      label: 'Victim-based crimes',
      value: whole(v.victimBased),
      note: `${pct(v.shares.victimBasedOfCrimes)} of crimes`,
    },
    {
      label: 'Anti-social behaviour incidents',
      value: whole(v.asb),
      note: 'counted separately: incidents, not crimes',
    },
    {
      label: 'Crimes per 1,000 residents a year',
      value: oneDp(r.rates.annualisedPerThousand.crimes),
      note: `annualised from ${r.period.monthsWithData.length} months; population ${whole(r.rates.homePopulation)}`,
    },
    {
      label: 'Unique victims (estimated)',
      value: whole(uv.uniqueVictims),
      note: `victim-based crimes × (1 − ${pct(uv.repeatShare)} repeat share)`,
    },
    {
      label: 'Victim-based crimes forecast, next 12 months',
      value: whole(fc.total.mean),
      note: `${intervalLevel(r)} interval ${whole(fc.total.lower)} – ${whole(fc.total.upper)}; source's +14% method: ${whole(sc.fixedGrowthForecast)}`,
    },
  ]
}
