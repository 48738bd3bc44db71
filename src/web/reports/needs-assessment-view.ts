import {
  CATEGORY_LABELS,
  type CrimeCategory,
  classifyCrimeType,
  type NeedsAssessment,
  type ScenarioValues,
} from '../../domain/needs-assessment/index.ts'
import { barChart, COLOURS, trendChart } from './charts.ts'

/** What the report template shows: every number formatted, every chart with its table. */

export interface Cell {
  text: string
  numeric?: boolean
}
export interface Table {
  id: string
  caption: string
  head: Cell[]
  rows: Cell[][]
}
export interface Chart {
  id: string
  title: string
  svg: string
  table: Table
  note?: string
}

export interface ReportView {
  title: string
  period: string
  generatedAt: string
  headline: Array<{ label: string; value: string; note: string }>
  charts: Chart[]
  tables: Table[]
  assumptions: Array<{
    key: string
    label: string
    value: string
    defaultValue: string
    changed: boolean
    source: string
  }>
  methods: Array<{ title: string; text: string }>
  notes: string[]
  inputs: Table
}

const nf0 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })
const nf1 = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
export const whole = (n: number | null | undefined): string =>
  n === null || n === undefined ? '–' : nf0.format(n)
export const oneDp = (n: number | null | undefined): string =>
  n === null || n === undefined ? '–' : nf1.format(n)
export const pct = (n: number | null | undefined, dp = 0): string =>
  n === null || n === undefined ? '–' : `${(n * 100).toFixed(dp)}%`
const num = (text: string): Cell => ({ text, numeric: true })
const txt = (text: string): Cell => ({ text })

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
export const monthName = (m: string): string => `${MONTHS[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`

function formatAssumption(value: number | string, unit: string): string {
  if (typeof value === 'string') return value
  if (unit === 'share') return `${(value * 100).toFixed(value * 100 < 10 ? 2 : 1)}%`
  if (unit === 'count') return whole(value)
  return value.toFixed(3)
}

const range = (s: ScenarioValues): string => `${whole(s.low)} – ${whole(s.high)}`

export async function needsAssessmentView(r: NeedsAssessment): Promise<ReportView> {
  const v = r.volume
  const ratesAnn = r.rates.annualisedPerThousand
  const period = `${monthName(r.period.from)} to ${monthName(r.period.to)}`
  const fc = r.forecast.categories.victimBased
  const uv = r.victims.period.uniqueVictims
  const sc = r.forecast.sourceComparison
  const level = pct(fc.intervalLevel)

  const headline = [
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
      value: oneDp(ratesAnn.crimes),
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
      note: `${level} interval ${whole(fc.total.lower)} – ${whole(fc.total.upper)}; source's +14% method: ${whole(sc.fixedGrowthForecast)}`,
    },
  ]

  // Chart 1: crime types, coloured by category.
  const types = Object.entries(v.byCrimeType)
  const mixData = types.map(([type, count]) => {
    const c = classifyCrimeType(type) as CrimeCategory
    return { label: type, value: count, group: c, groupLabel: CATEGORY_LABELS[c] }
  })
  const mixSvg = await barChart(mixData, {
    title: `Crimes and ASB incidents by police.uk category, ${period}`,
    description: `Bar chart. Largest: ${[...types]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([t, n]) => `${t} ${whole(n)}`)
      .join('; ')}. Full figures in the table that follows.`,
    valueTitle: 'Rows in police.uk files',
    groups: (['victim-based', 'society', 'asb'] as const).map((g) => [g, CATEGORY_LABELS[g], COLOURS[g]]),
  })
  const mixTable: Table = {
    id: 'table-crime-types',
    caption: `Crimes and ASB incidents by police.uk category, ${period}`,
    head: [txt('Crime type'), txt('Group'), num('Count'), num('Share of all rows')],
    rows: [
      ...mixData.map((d) => [
        txt(d.label),
        txt(d.groupLabel),
        num(whole(d.value)),
        num(pct(d.value / (v.total || 1), 1)),
      ]),
      [
        txt('Victim-based crime'),
        txt('total'),
        num(whole(v.victimBased)),
        num(pct(v.victimBased / (v.total || 1), 1)),
      ],
      [
        txt('Other crimes against society'),
        txt('total'),
        num(whole(v.society)),
        num(pct(v.society / (v.total || 1), 1)),
      ],
      [txt('Anti-social behaviour'), txt('total'), num(whole(v.asb)), num(pct(v.asb / (v.total || 1), 1))],
      [txt('All rows'), txt('total'), num(whole(v.total)), num('100.0%')],
    ],
  }

  // Chart 2: monthly victim-based crime with the forecast band.
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
  const trendSvg = await trendChart(trendData, {
    title: `Victim-based crimes a month, ${period}, and forecast for the next 12 months`,
    description: `Line chart. Observed from ${whole(Math.min(...r.period.monthsWithData.map((m) => v.byMonth[m]?.victimBased ?? 0)))} to ${whole(Math.max(...r.period.monthsWithData.map((m) => v.byMonth[m]?.victimBased ?? 0)))} a month; forecast total ${whole(fc.total.mean)} (${level} interval ${whole(fc.total.lower)} to ${whole(fc.total.upper)}). Full figures in the table that follows.`,
    valueTitle: 'Victim-based crimes a month',
    bandLabel: `${level} prediction interval`,
  })
  const trendTable: Table = {
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

  // Chart 3: home districts ranked by crime rate.
  const home = r.rates.districts.filter((d) => d.home)
  const districtSvg = await barChart(
    home.map((d) => ({
      label: d.district,
      value: d.crimesPerThousandAnnualised ?? 0,
      group: 'victim-based',
      groupLabel: 'Crimes per 1,000 residents a year',
    })),
    {
      title: `Districts ranked by crimes per 1,000 residents a year, ${period}`,
      description: `Bar chart. ${home.map((d) => `${d.district} ${oneDp(d.crimesPerThousandAnnualised)}`).join('; ')}. Full figures in the table that follows.`,
      valueTitle: 'Crimes per 1,000 residents a year (annualised)',
      groups: [['victim-based', 'Crimes per 1,000 residents a year', COLOURS['victim-based']]],
      format: ',.1f',
    },
  )
  const outside = r.rates.outsideArea
  const districtTable: Table = {
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
      [
        txt('Located outside the force area'),
        num(whole(outside.crimes)),
        num(whole(outside.victimBased)),
        num(whole(outside.asb)),
        num('–'),
        num('–'),
        num('–'),
      ],
      [
        txt('No location'),
        num(whole(r.rates.noLocation.crimes)),
        num(whole(r.rates.noLocation.victimBased)),
        num(whole(r.rates.noLocation.asb)),
        num('–'),
        num('–'),
        num('–'),
      ],
      [
        txt('Force area'),
        num(whole(v.crimes)),
        num(whole(v.victimBased)),
        num(whole(v.asb)),
        num(whole(r.rates.homePopulation)),
        num(oneDp(r.rates.perThousand.crimes)),
        num(oneDp(ratesAnn.crimes)),
      ],
    ],
  }

  const charts: Chart[] = [
    { id: 'chart-mix', title: 'Volume and mix of crime', svg: mixSvg, table: mixTable },
    {
      id: 'chart-trend',
      title: 'Monthly trend and forecast',
      svg: trendSvg,
      table: trendTable,
      note: `Dashed line: forecast; shaded band: ${level} prediction interval.`,
    },
    {
      id: 'chart-districts',
      title: 'Rates by district',
      svg: districtSvg,
      table: districtTable,
      note: `Population: ${[...new Set(home.map((d) => d.populationSource))].join('; ')}.`,
    },
  ]

  const groups = r.victims.period.groups
  const t = r.victims.period.totals
  const victimsTable: Table = {
    id: 'table-victims',
    caption: `Victims, hidden demand and support demand by crime type, ${period}`,
    head: [
      txt('Victim group'),
      num('Crimes'),
      num('Unique victims'),
      num('Not reported (assumed)'),
      num('All victims incl. unreported'),
      num('Want support: low'),
      num('central'),
      num('high'),
    ],
    rows: [
      ...groups.map((g) => [
        txt(g.label),
        num(whole(g.crimes)),
        num(whole(g.uniqueVictims)),
        num(pct(g.unreportedShare)),
        num(whole(g.allVictims)),
        num(whole(g.supportDemand.low)),
        num(whole(g.supportDemand.central)),
        num(whole(g.supportDemand.high)),
      ]),
      [
        txt('All victim-based crime'),
        num(whole(t.crimes)),
        num(whole(t.uniqueVictims)),
        num('–'),
        num(whole(t.allVictims)),
        num(whole(t.supportDemand.low)),
        num(whole(t.supportDemand.central)),
        num(whole(t.supportDemand.high)),
      ],
    ],
  }
  const n12 = r.victims.nextTwelveMonths.totals
  const scenarioTable: Table = {
    id: 'table-scenarios',
    caption: 'Support demand scenarios (victims wanting support)',
    head: [txt('Basis'), num('Low'), num('Central'), num('High')],
    rows: [
      [
        txt(`Reported victims, ${period}`),
        num(whole(t.supportDemand.low)),
        num(whole(t.supportDemand.central)),
        num(whole(t.supportDemand.high)),
      ],
      [
        txt(`All victims incl. unreported, ${period}`),
        num(whole(t.supportDemandAllVictims.low)),
        num(whole(t.supportDemandAllVictims.central)),
        num(whole(t.supportDemandAllVictims.high)),
      ],
      [
        txt('Reported victims, next 12 months (forecast)'),
        num(whole(n12.supportDemand.low)),
        num(whole(n12.supportDemand.central)),
        num(whole(n12.supportDemand.high)),
      ],
      [
        txt('All victims incl. unreported, next 12 months'),
        num(whole(n12.supportDemandAllVictims.low)),
        num(whole(n12.supportDemandAllVictims.central)),
        num(whole(n12.supportDemandAllVictims.high)),
      ],
    ],
  }
  const statusText = {
    within: 'Within capacity',
    'at-risk': 'At risk (high case exceeds)',
    over: 'Over capacity',
  }
  const capacityTable: Table = {
    id: 'table-capacity',
    caption: 'Capacity needed in the next 12 months against commissioned capacity',
    head: [
      txt('Service'),
      num('Needed (central)'),
      num('Range'),
      num('Commissioned'),
      num('Central ÷ commissioned'),
      txt('Status'),
    ],
    rows: r.capacity.lines.map((l) => [
      txt(l.label),
      num(whole(l.needed.central)),
      num(range(l.needed)),
      num(whole(l.commissioned)),
      num(pct(l.utilisation)),
      txt(statusText[l.status]),
    ]),
  }
  const forecastTable: Table = {
    id: 'table-forecast',
    caption: 'Forecast for the next 12 months by group, against the source’s +14% method',
    head: [
      txt('Group'),
      num('Last 12 months (basis)'),
      num('Forecast'),
      num(`${level} interval`),
      num('+14% method'),
    ],
    rows: (
      [
        ['Victim-based crime', 'victimBased'],
        ['Other crimes against society', 'society'],
        ['All crimes', 'crimes'],
        ['Anti-social behaviour', 'asb'],
      ] as const
    ).map(([label, key]) => {
      const f = r.forecast.categories[key]
      return [
        txt(label),
        num(whole(f.lastTwelveMonths.annualised)),
        num(whole(f.total.mean)),
        num(`${whole(f.total.lower)} – ${whole(f.total.upper)}`),
        num(whole(f.lastTwelveMonths.annualised * (1 + sc.growth))),
      ]
    }),
  }
  const lsoaTable: Table = {
    id: 'table-lsoas',
    caption: 'The 10 neighbourhoods (LSOAs) with the highest crime rates in the force area',
    head: [txt('LSOA'), txt('Code'), num('Crimes'), num('Residents'), num('Crimes per 1,000 (period)')],
    rows: r.rates.lsoas
      .filter((l) => l.district !== null && r.rates.homeDistricts.includes(l.district))
      .slice(0, 10)
      .map((l) => [
        txt(l.name),
        txt(l.code),
        num(whole(l.crimes)),
        num(whole(l.population)),
        num(oneDp(l.crimesPerThousand)),
      ]),
  }
  const tables = [victimsTable, scenarioTable, capacityTable, forecastTable, lsoaTable]
  if (r.capacity.throughput) {
    tables.push({
      id: 'table-throughput',
      caption: 'Hub throughput: referral to outcome',
      head: [txt('Stage'), num('Victims'), num('From previous stage'), num('From referral')],
      rows: r.capacity.throughput.map((s) => [
        txt(s.stage),
        num(whole(s.count)),
        num(pct(s.fromPrevious)),
        num(pct(s.fromReferral)),
      ]),
    })
  }

  const methods = [
    {
      title: 'Volume and mix',
      text: 'Every row of the police.uk street-level files for the force and months, counted by police.uk crime type. Victim-based crime and other crimes against society follow the Home Office grouping (Drugs, Possession of weapons, Public order and Other crime are against society). Anti-social behaviour is counted separately because it is an incident, not a crime; identical ASB rows are separate incidents and are all counted. Rows without a location are kept in every total.',
    },
    {
      title: 'Rates per 1,000 residents',
      text: `District is the LSOA name without its final code (“Rugby 012C” is Rugby). Districts holding at least ${pct(r.assumptions.find((a) => a.key === 'homeDistrictMinShare')?.value as number)} of the force’s located rows form the force area; the force-wide rate divides all the force’s crimes by the force area’s population, as the source did. Rates for a part-year are also shown annualised (× 12 ÷ months), without seasonal adjustment.`,
    },
    {
      title: 'Forecast',
      text: `A seasonal index with level: each calendar month’s index is its count over the local 12-month average, averaged across years; next year is the current seasonally adjusted level × each month’s index. The ${level} prediction interval combines the month-to-month spread, the error of the level, and year-on-year change (${fc.driftSource === 'default' ? `an assumed ${pct(fc.driftSd)}` : `${pct(fc.driftSd, 1)} from ${fc.yearOnYearPairs} months observed a year apart`}). History used: ${fc.historyMonths} months. The source’s method (+14% on the previous year) is shown for comparison.`,
    },
    {
      title: 'Unique victims',
      text:
        uv.method === 'observed-matched-referrals'
          ? `Victim-based crimes × (1 − repeat share), with the repeat share ${pct(uv.repeatShare, 1)} measured from the hub’s own matched referrals (${uv.source}).`
          : `Victim-based crimes × (1 − ${pct(uv.repeatShare)}), the source’s share of crimes that happen to repeat victims. On the source’s own inputs (30,855 crimes) this gives 24,375, its “around 24,000”.`,
    },
    {
      title: 'Hidden demand',
      text: 'Unique victims ÷ (1 − share not reported to the police): 60% for most crime, 85% for sexual offences (80–90% in the source). Sexual offences are an estimated share of police.uk’s “Violence and sexual offences”, from the source’s own split.',
    },
    {
      title: 'Support demand and capacity',
      text: 'Victims wanting support: low 1 in 5 for all; central 1 in 3 for burglary, 1 in 2 for sexual offences and 1 in 5 otherwise; high 60%. Capacity needed next year: referrals from unique victims, interventions from the support scenarios, specialist places from sexual offences, each against the commissioned figure. Crime forecast ranges carry into the referral and specialist-place ranges.',
    },
  ]

  const inputs: Table = {
    id: 'table-inputs',
    caption: 'Input files (police.uk street-level crime)',
    head: [txt('Month'), txt('File'), num('Rows'), txt('LSOA vintage'), txt('SHA-256')],
    rows: r.inputs.files.map((f) => [
      txt(monthName(f.month)),
      txt(f.sourceFile),
      num(whole(f.rows)),
      txt(f.lsoaVintage === null ? '–' : String(f.lsoaVintage)),
      txt(`${f.sha256.slice(0, 12)}…`),
    ]),
  }

  return {
    title: `Victim needs assessment: ${r.force.name}`,
    period,
    generatedAt: `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(r.generatedAt))} (UK time)`,
    headline,
    charts,
    tables,
    assumptions: r.assumptions.map((a) => ({
      key: a.key,
      label: a.label,
      value: formatAssumption(a.value, a.unit),
      defaultValue: formatAssumption(a.defaultValue, a.unit),
      changed: a.changed,
      source: a.source,
    })),
    methods,
    notes: r.notes,
    inputs,
  }
}

/** Every table of the report as one long CSV: table, row label, column, value. */
export function reportCsv(view: ReportView): string {
  const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
  const lines = ['table,row,column,value']
  const all = [...view.charts.map((c) => c.table), ...view.tables, view.inputs]
  for (const table of all) {
    for (const row of table.rows) {
      const label = row[0]?.text ?? ''
      row.slice(1).forEach((cell, i) => {
        // Plain numbers in the CSV (no thousands separators) so a spreadsheet reads them as numbers.
        const value =
          cell.numeric && /^-?[\d,]+(\.\d+)?%?$/.test(cell.text) ? cell.text.replace(/,/g, '') : cell.text
        lines.push([table.caption, label, table.head[i + 1]?.text ?? '', value].map(q).join(','))
      })
    }
  }
  for (const a of view.assumptions) lines.push(['Assumptions', a.label, 'value', a.value].map(q).join(','))
  return `${lines.join('\r\n')}\r\n`
}
