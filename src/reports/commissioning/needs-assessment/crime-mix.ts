import {
  CATEGORY_LABELS,
  type CrimeCategory,
  classifyCrimeType,
  type NeedsAssessment,
} from '../../../domain/commissioning/index.ts'
import { barChart, COLOURS } from '../../charts.ts'
import { pct, periodText, whole } from './format.ts'
import { type Chart, num, type Table, txt } from './table.ts'

/** "Volume and mix of crime": every police.uk crime type, coloured by its Home Office group. */
export async function crimeMixChart(r: NeedsAssessment): Promise<Chart> {
  const v = r.volume
  const period = periodText(r)
  const types = Object.entries(v.byCrimeType)
  const mixData = types.map(([type, count]) => {
    const c = classifyCrimeType(type) as CrimeCategory
    return { label: type, value: count, group: c, groupLabel: CATEGORY_LABELS[c] }
  })
  const svg = await barChart(mixData, {
    title: `Crimes and ASB incidents by police.uk category, ${period}`,
    description: `Bar chart. Largest: ${[...types]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([t, n]) => `${t} ${whole(n)}`)
      .join('; ')}. Full figures in the table that follows.`,
    valueTitle: 'Rows in police.uk files',
    groups: (['victim-based', 'society', 'asb'] as const).map((g) => [g, CATEGORY_LABELS[g], COLOURS[g]]),
  })
  const share = (n: number) => num(pct(n / (v.total || 1), 1))
  const table: Table = {
    id: 'table-crime-types',
    caption: `Crimes and ASB incidents by police.uk category, ${period}`,
    head: [txt('Crime type'), txt('Group'), num('Count'), num('Share of all rows')],
    rows: [
      ...mixData.map((d) => [txt(d.label), txt(d.groupLabel), num(whole(d.value)), share(d.value)]),
      [txt('Victim-based crime'), txt('total'), num(whole(v.victimBased)), share(v.victimBased)],
      [txt('Other crimes against society'), txt('total'), num(whole(v.society)), share(v.society)],
      [txt('Anti-social behaviour'), txt('total'), num(whole(v.asb)), share(v.asb)],
      [txt('All rows'), txt('total'), num(whole(v.total)), num('100.0%')],
    ],
  }
  return { id: 'chart-mix', title: 'Volume and mix of crime', svg, table }
}
