import type { NeedsAssessment, ScenarioValues } from '../../../domain/commissioning/index.ts'

/** How the report writes its figures: en-GB digits, a dash for a figure that does not exist. */

const nf0 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })
const nf1 = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
export const whole = (n: number | null | undefined): string =>
  n === null || n === undefined ? '–' : nf0.format(n)
export const oneDp = (n: number | null | undefined): string =>
  n === null || n === undefined ? '–' : nf1.format(n)
export const pct = (n: number | null | undefined, dp = 0): string =>
  n === null || n === undefined ? '–' : `${(n * 100).toFixed(dp)}%`

/** A low – high range of a scenario. */
export const range = (s: ScenarioValues): string => `${whole(s.low)} – ${whole(s.high)}`

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
/** '2025-01' → 'January 2025'. */
export const monthName = (m: string): string => `${MONTHS[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`

/** The report's period in words, e.g. 'January 2025 to June 2025'. */
export const periodText = (r: NeedsAssessment): string =>
  `${monthName(r.period.from)} to ${monthName(r.period.to)}`

/** The forecast's prediction interval level, e.g. '80%'. */
export const intervalLevel = (r: NeedsAssessment): string =>
  pct(r.forecast.categories.victimBased.intervalLevel)
