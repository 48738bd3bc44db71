import type { NeedsAssessment } from '../../../domain/commissioning/index.ts'
import { intervalLevel, oneDp, pct, periodText, range, whole } from './format.ts'
import { num, type Table, txt } from './table.ts'

/**
 * "Victims, hidden demand, support and capacity": from crimes to victims to the support they will want,
 * the capacity that needs against what is commissioned, the forecast behind it, and where crime is
 * highest. One table each, in the order the section shows them.
 */
export function demandTables(r: NeedsAssessment): Table[] {
  const tables = [
    victimsTable(r),
    scenarioTable(r),
    capacityTable(r),
    forecastTable(r),
    neighbourhoodTable(r),
  ]
  const throughput = throughputTable(r)
  if (throughput) tables.push(throughput)
  return tables
}

function victimsTable(r: NeedsAssessment): Table {
  const t = r.victims.period.totals
  return {
    id: 'table-victims',
    caption: `Victims, hidden demand and support demand by crime type, ${periodText(r)}`,
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
      ...r.victims.period.groups.map((g) => [
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
}

function scenarioTable(r: NeedsAssessment): Table {
  const period = periodText(r)
  const t = r.victims.period.totals
  const n12 = r.victims.nextTwelveMonths.totals
  const row = (label: string, s: { low: number; central: number; high: number }) => [
    txt(label),
    num(whole(s.low)),
    num(whole(s.central)),
    num(whole(s.high)),
  ]
  return {
    id: 'table-scenarios',
    caption: 'Support demand scenarios (victims wanting support)',
    head: [txt('Basis'), num('Low'), num('Central'), num('High')],
    rows: [
      row(`Reported victims, ${period}`, t.supportDemand),
      row(`All victims incl. unreported, ${period}`, t.supportDemandAllVictims),
      row('Reported victims, next 12 months (forecast)', n12.supportDemand),
      row('All victims incl. unreported, next 12 months', n12.supportDemandAllVictims),
    ],
  }
}

const STATUS_TEXT = {
  within: 'Within capacity',
  'at-risk': 'At risk (high case exceeds)',
  over: 'Over capacity',
} as const

function capacityTable(r: NeedsAssessment): Table {
  return {
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
      txt(STATUS_TEXT[l.status]),
    ]),
  }
}

const FORECAST_GROUPS = [
  ['Victim-based crime', 'victimBased'],
  ['Other crimes against society', 'society'],
  ['All crimes', 'crimes'],
  ['Anti-social behaviour', 'asb'],
] as const

function forecastTable(r: NeedsAssessment): Table {
  const growth = r.forecast.sourceComparison.growth
  return {
    id: 'table-forecast',
    caption: 'Forecast for the next 12 months by group, against the source’s +14% method',
    head: [
      txt('Group'),
      num('Last 12 months (basis)'),
      num('Forecast'),
      num(`${intervalLevel(r)} interval`),
      num('+14% method'),
    ],
    rows: FORECAST_GROUPS.map(([label, key]) => {
      const f = r.forecast.categories[key]
      return [
        txt(label),
        num(whole(f.lastTwelveMonths.annualised)),
        num(whole(f.total.mean)),
        num(`${whole(f.total.lower)} – ${whole(f.total.upper)}`),
        num(whole(f.lastTwelveMonths.annualised * (1 + growth))),
      ]
    }),
  }
}

function neighbourhoodTable(r: NeedsAssessment): Table {
  return {
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
}

/** Only when the hub's own referral-to-outcome funnel was given. */
function throughputTable(r: NeedsAssessment): Table | undefined {
  if (!r.capacity.throughput) return undefined
  return {
    id: 'table-throughput',
    caption: 'Hub throughput: referral to outcome',
    head: [txt('Stage'), num('Victims'), num('From previous stage'), num('From referral')],
    rows: r.capacity.throughput.map((s) => [
      txt(s.stage),
      num(whole(s.count)),
      num(pct(s.fromPrevious)),
      num(pct(s.fromReferral)),
    ]),
  }
}
