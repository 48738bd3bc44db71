import type { NeedsAssessment } from '../../../domain/commissioning/index.ts'
import { barChart, COLOURS } from '../../charts.ts'
import { oneDp, periodText, whole } from './format.ts'
import { type Cell, type Chart, num, type Table, txt } from './table.ts'

/** "Rates by district": the force area's districts ranked by crime rate, and the rows outside them. */
export async function districtRatesChart(r: NeedsAssessment): Promise<Chart> {
  const v = r.volume
  const home = r.rates.districts.filter((d) => d.home)
  const svg = await barChart(
    home.map((d) => ({
      label: d.district,
      value: d.crimesPerThousandAnnualised ?? 0,
      group: 'victim-based',
      groupLabel: 'Crimes per 1,000 residents a year',
    })),
    {
      title: `Districts ranked by crimes per 1,000 residents a year, ${periodText(r)}`,
      description: `Bar chart. ${home.map((d) => `${d.district} ${oneDp(d.crimesPerThousandAnnualised)}`).join('; ')}. Full figures in the table that follows.`,
      valueTitle: 'Crimes per 1,000 residents a year (annualised)',
      groups: [['victim-based', 'Crimes per 1,000 residents a year', COLOURS['victim-based']]],
      format: ',.1f',
    },
  )
  // Rows outside the force area and rows without a location have counts but no population to divide by.
  const countsOnly = (label: string, c: { crimes: number; victimBased: number; asb: number }): Cell[] => [
    txt(label),
    num(whole(c.crimes)),
    num(whole(c.victimBased)),
    num(whole(c.asb)),
    num('–'),
    num('–'),
    num('–'),
  ]
  const table: Table = {
    id: 'table-districts',
    caption: 'Crimes and ASB by district, with rates per 1,000 residents',
    head: [
      txt('District'),
      num('Crimes'),
      num('Victim-based'),
      num('ASB'),
      num('Population'),
      num('Crimes per 1,000 (period)'),
      num('Crimes per 1,000 a year'),
    ],
    rows: [
      ...home.map((d) => [
        txt(d.district),
        num(whole(d.crimes)),
        num(whole(d.victimBased)),
        num(whole(d.asb)),
        num(whole(d.population)),
        num(oneDp(d.crimesPerThousand)),
        num(oneDp(d.crimesPerThousandAnnualised)),
      ]),
      countsOnly('Located outside the force area', r.rates.outsideArea),
      countsOnly('No location', r.rates.noLocation),
      [
        txt('Force area'),
        num(whole(v.crimes)),
        num(whole(v.victimBased)),
        num(whole(v.asb)),
        num(whole(r.rates.homePopulation)),
        num(oneDp(r.rates.perThousand.crimes)),
        num(oneDp(r.rates.annualisedPerThousand.crimes)),
      ],
    ],
  }
  return {
    id: 'chart-districts',
    title: 'Rates by district',
    svg,
    table,
    note: `Population: ${[...new Set(home.map((d) => d.populationSource))].join('; ')}.`,
  }
}
