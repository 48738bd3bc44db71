import type { NeedsAssessment } from '../../../domain/commissioning/index.ts'
import { trendChart } from '../../charts.ts'
import { intervalLevel, monthName, periodText, whole } from './format.ts'
import { type Chart, num, type Table, txt } from './table.ts'

/** "Monthly trend and forecast": victim-based crimes a month, then the next 12 months in their band. */
export async function monthlyTrendChart(r: NeedsAssessment): Promise<Chart> {
  const v = r.volume
  const period = periodText(r)
  const fc = r.forecast.categories.victimBased
  const level = intervalLevel(r)
  const trendData = [
    ...r.period.months.map((m) => ({
      month: m,
      observed: r.period.monthsWithData.includes(m) ? (v.byMonth[m]?.victimBased ?? 0) : null,
      forecast: null,
      lower: null,
      upper: null,
    })),
    ...fc.points.map((p) => ({
      month: p.month,
      observed: null,
      forecast: p.mean,
      lower: p.lower,
      upper: p.upper,
    })),
  ]
  const observed = r.period.monthsWithData.map((m) => v.byMonth[m]?.victimBased ?? 0)
  const svg = await trendChart(trendData, {
    title: `Victim-based crimes a month, ${period}, and forecast for the next 12 months`,
    description: `Line chart. Observed from ${whole(Math.min(...observed))} to ${whole(Math.max(...observed))} a month; forecast total ${whole(fc.total.mean)} (${level} interval ${whole(fc.total.lower)} to ${whole(fc.total.upper)}). Full figures in the table that follows.`,
    valueTitle: 'Victim-based crimes a month',
    bandLabel: `${level} prediction interval`,
  })
  const table: Table = {
    id: 'table-trend',
    caption: 'Victim-based crimes a month: observed and forecast',
    head: [txt('Month'), num('Observed'), num('Forecast'), num(`${level} interval`)],
    rows: trendData.map((d) => [
      txt(monthName(d.month)),
      num(whole(d.observed)),
      num(whole(d.forecast)),
      num(d.lower === null ? '–' : `${whole(d.lower)} – ${whole(d.upper)}`),
    ]),
  }
  return {
    id: 'chart-trend',
    title: 'Monthly trend and forecast',
    svg,
    table,
    note: `Dashed line: forecast; shaded band: ${level} prediction interval.`,
  }
}
