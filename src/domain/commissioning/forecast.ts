import { addMonths } from './volume.ts'

/**
 * Seasonal forecast of the next 12 months with a prediction interval.
 *
 * Method ("seasonal index with level", a classical multiplicative decomposition without a trend term):
 * 1. Local level of each observed month: the mean of the observed months in the 12-month window around it
 *    (6 before, 5 after). With a full year either side this is the classical centred moving average; with
 *    the gaps the police.uk archives often have it degrades to the mean of the run the month sits in.
 * 2. Seasonal index of a calendar month: the mean of (count / local level) over every year it was observed.
 *    Calendar months never observed get 1; no index is below 0.1. The 12 indices are scaled to average 1.
 * 3. Level: the mean of the seasonally adjusted counts over the 12 months ending at the last month.
 * 4. Forecast for month m: level x index(m).
 * 5. Interval: sigma is the standard deviation of the seasonally adjusted counts in that year (residual
 *    spread around the level, which also absorbs any trend the method does not model), never below the
 *    Poisson floor sqrt(level). Each month's error has a new-noise part and a level-estimate part
 *    (sigma / sqrt(n)), plus a year-on-year drift part: next year's level may move, which the in-sample
 *    spread cannot show. The drift's standard deviation is the root mean square of the log change between
 *    months observed exactly a year apart (when at least 3 such pairs exist), otherwise an editable
 *    default. The level and drift parts are shared by every month, so the 12-month total's interval adds
 *    them in full rather than in quadrature.
 *
 * Why not Holt-Winters or seasonal naive: both need a continuous year or more of history (Holt-Winters two
 * to fit well), and the public files for a force are often a few months from different years. This method
 * uses whatever months exist, and says how many were used.
 */

export interface SeriesPoint {
  month: string
  value: number
}

export interface ForecastPoint {
  month: string
  mean: number
  lower: number
  upper: number
}

export interface Forecast {
  method: 'seasonal-index-with-level'
  intervalLevel: number
  /** Observed months used to estimate the seasonal indices. */
  historyMonths: number
  /** Observed months in the 12 months ending at `lastMonth`, which set the level. */
  levelMonths: number
  lastMonth: string
  seasonalIndex: Record<string, number>
  calendarMonthsWithoutData: number[]
  level: number
  sigma: number
  /** Standard deviation of next year's level change, as a share of the level. */
  driftSd: number
  driftSource: 'observed-year-on-year' | 'default'
  yearOnYearPairs: number
  points: ForecastPoint[]
  total: { mean: number; lower: number; upper: number }
  /** Observed total of the 12 months ending at lastMonth, annualised when some are missing. */
  lastTwelveMonths: { observed: number; monthsObserved: number; annualised: number }
  warnings: string[]
}

// A calendar month whose only observations were zero would get index 0 and could never be deseasonalised
// (division by zero) nor forecast above zero again; small counts are noise, so the index has a floor.
const MIN_INDEX = 0.1

const monthOfYear = (month: string): number => Number(month.slice(5, 7))

/** Standard normal CDF (Abramowitz and Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * z)
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-z * z)
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf)
}

/** The z for a two-sided interval of the given coverage, found by bisection on the CDF. */
export function zForCoverage(coverage: number): number {
  if (!(coverage > 0 && coverage < 1)) throw new Error('coverage must be between 0 and 1')
  const target = 0.5 + coverage / 2
  let lo = 0
  let hi = 10
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2
    if (normalCdf(mid) < target) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

export interface ForecastOptions {
  intervalLevel?: number
  /** Drift standard deviation used when fewer than 3 year-apart pairs of months exist. */
  defaultDriftSd?: number
  horizon?: number
}

export function forecastNextYear(
  series: readonly SeriesPoint[],
  lastMonth: string,
  options: ForecastOptions = {},
): Forecast {
  const intervalLevel = options.intervalLevel ?? 0.95
  const horizon = options.horizon ?? 12
  const observed = new Map<string, number>()
  for (const p of series) if (p.month <= lastMonth) observed.set(p.month, p.value)
  const months = [...observed.keys()].sort()
  const warnings: string[] = []
  if (months.length === 0) throw new Error('no observed months to forecast from')

  // 1-2: local levels and seasonal indices.
  const ratios = new Map<number, number[]>()
  for (const month of months) {
    const window: number[] = []
    for (let k = -6; k <= 5; k++) {
      const v = observed.get(addMonths(month, k))
      if (v !== undefined) window.push(v)
    }
    const local = window.reduce((s, v) => s + v, 0) / window.length
    if (local <= 0) continue
    const moy = monthOfYear(month)
    ratios.set(moy, [...(ratios.get(moy) ?? []), (observed.get(month) as number) / local])
  }
  const raw: number[] = []
  const calendarMonthsWithoutData: number[] = []
  for (let moy = 1; moy <= 12; moy++) {
    const r = ratios.get(moy)
    if (r === undefined || r.length === 0) {
      calendarMonthsWithoutData.push(moy)
      raw.push(1)
    } else raw.push(Math.max(MIN_INDEX, r.reduce((s, v) => s + v, 0) / r.length))
  }
  const rawMean = raw.reduce((s, v) => s + v, 0) / 12
  const index = raw.map((v) => v / rawMean)
  const indexOf = (month: string): number => index[monthOfYear(month) - 1] as number

  // 3: level from the last 12 months.
  const levelWindow: number[] = []
  let observedTotal = 0
  for (let k = -11; k <= 0; k++) {
    const month = addMonths(lastMonth, k)
    const v = observed.get(month)
    if (v === undefined) continue
    observedTotal += v
    levelWindow.push(v / indexOf(month))
  }
  if (levelWindow.length === 0) {
    throw new Error(`no observed months in the 12 months ending ${lastMonth}`)
  }
  const n = levelWindow.length
  const level = levelWindow.reduce((s, v) => s + v, 0) / n
  const spread =
    n > 1 ? Math.sqrt(levelWindow.reduce((s, v) => s + (v - level) ** 2, 0) / (n - 1)) : Number.NaN
  const poissonFloor = Math.sqrt(Math.max(level, 0))
  const sigma = Number.isFinite(spread) ? Math.max(spread, poissonFloor) : poissonFloor * 2
  if (n < 6) warnings.push(`Only ${n} of the last 12 months have data; the level and interval are uncertain.`)
  if (!Number.isFinite(spread)) warnings.push('One month of data: the interval uses twice the Poisson floor.')
  if (calendarMonthsWithoutData.length > 0) {
    warnings.push(
      `No history for calendar month(s) ${calendarMonthsWithoutData.join(', ')}: their seasonal index is taken as 1.`,
    )
  }

  // Year-on-year drift from months observed exactly 12 months apart.
  const logChanges: number[] = []
  for (const month of months) {
    const before = observed.get(addMonths(month, -12))
    const now = observed.get(month) as number
    if (before !== undefined && before > 0 && now > 0) logChanges.push(Math.log(now / before))
  }
  const observedDrift = logChanges.length >= 3
  const driftSd = observedDrift
    ? Math.sqrt(logChanges.reduce((s, v) => s + v * v, 0) / logChanges.length)
    : (options.defaultDriftSd ?? 0.1)
  if (!observedDrift) {
    warnings.push(
      `Fewer than 3 months observed a year apart: year-on-year drift uses the default of ${Math.round(driftSd * 100)}%.`,
    )
  }

  // 4-5: forecast and interval.
  const z = zForCoverage(intervalLevel)
  const levelSe = Math.sqrt((sigma * sigma) / n + (driftSd * level) ** 2)
  const points: ForecastPoint[] = []
  let sumS = 0
  let sumS2 = 0
  for (let h = 1; h <= horizon; h++) {
    const month = addMonths(lastMonth, h)
    const s = indexOf(month)
    sumS += s
    sumS2 += s * s
    const mean = level * s
    const se = s * Math.sqrt(sigma * sigma + levelSe * levelSe)
    points.push({ month, mean, lower: Math.max(0, mean - z * se), upper: mean + z * se })
  }
  const totalMean = level * sumS
  const totalSe = Math.sqrt(sigma * sigma * sumS2 + levelSe * levelSe * sumS * sumS)
  return {
    method: 'seasonal-index-with-level',
    intervalLevel,
    historyMonths: months.length,
    levelMonths: n,
    lastMonth,
    seasonalIndex: Object.fromEntries(index.map((v, i) => [String(i + 1).padStart(2, '0'), v])),
    calendarMonthsWithoutData,
    level,
    sigma,
    driftSd,
    driftSource: observedDrift ? 'observed-year-on-year' : 'default',
    yearOnYearPairs: logChanges.length,
    points,
    total: { mean: totalMean, lower: Math.max(0, totalMean - z * totalSe), upper: totalMean + z * totalSe },
    lastTwelveMonths: { observed: observedTotal, monthsObserved: n, annualised: (observedTotal * 12) / n },
    warnings,
  }
}

/** The source's method for comparison: last year's total grown by a fixed percentage. */
export function fixedGrowthForecast(lastYearTotal: number, growth: number): number {
  return lastYearTotal * (1 + growth)
}
