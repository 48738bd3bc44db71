import type { NeedsAssessment } from '../../../domain/commissioning/index.ts'
import { intervalLevel, monthName, pct, whole } from './format.ts'
import { num, type Table, txt } from './table.ts'

/** "Methods and assumptions": how each figure was reached, every assumption used, and the input files. */

export interface MethodNote {
  title: string
  text: string
}

export interface AssumptionRow {
  key: string
  label: string
  value: string
  defaultValue: string
  changed: boolean
  source: string
}

export function methodNotes(r: NeedsAssessment): MethodNote[] {
  const fc = r.forecast.categories.victimBased
  const uv = r.victims.period.uniqueVictims
  const level = intervalLevel(r)
  return [
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
}

function formatAssumption(value: number | string, unit: string): string {
  if (typeof value === 'string') return value
  if (unit === 'share') return `${(value * 100).toFixed(value * 100 < 10 ? 2 : 1)}%`
  if (unit === 'count') return whole(value)
  return value.toFixed(3)
}

/** Every assumption with its value, its default when changed, and where the default comes from. */
export function assumptionRows(r: NeedsAssessment): AssumptionRow[] {
  return r.assumptions.map((a) => ({
    key: a.key,
    label: a.label,
    value: formatAssumption(a.value, a.unit),
    defaultValue: formatAssumption(a.defaultValue, a.unit),
    changed: a.changed,
    source: a.source,
  }))
}

/** The police.uk files the figures come from, with their checksums, so a run can be traced and repeated. */
export function inputFilesTable(r: NeedsAssessment): Table {
  return {
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
}
