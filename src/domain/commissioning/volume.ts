import {
  type CrimeCategory,
  CURRENT_CRIME_TYPES,
  classifyCrimeType,
  compareCrimeTypes,
  THEFT_CRIME_TYPES,
} from './classification.ts'

/** One aggregated cell: how many rows of a crime type in a month. */
export interface CountRow {
  month: string
  crimeType: string
  count: number
}

export interface MonthTotals {
  total: number
  crimes: number
  victimBased: number
  society: number
  asb: number
}

export interface Volume {
  months: string[]
  /** Every row, crimes and ASB incidents together: equals the input files' row count. */
  total: number
  /** Notifiable crimes: victim-based + other crimes against society (ASB excluded). */
  crimes: number
  victimBased: number
  society: number
  asb: number
  theft: number
  violenceAndSexual: number
  shares: {
    victimBasedOfCrimes: number | null
    theftOfVictimBased: number | null
    violenceAndSexualOfVictimBased: number | null
  }
  byCategory: Record<CrimeCategory, number>
  /** Keyed by police.uk `Crime type`; the 14 current types are always present, zero when absent. */
  byCrimeType: Record<string, number>
  byCrimeTypeAndMonth: Record<string, Record<string, number>>
  byMonth: Record<string, MonthTotals>
}

/** Every month from `from` to `to` inclusive, as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  const out: string[] = []
  for (let index = fy * 12 + fm - 1; index <= ty * 12 + tm - 1; index++) {
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`)
  }
  return out
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null)

/** Volume and mix of crime over the given months from aggregated counts. Unknown crime types are an error. */
export function summariseVolume(rows: readonly CountRow[], months: readonly string[]): Volume {
  const inWindow = new Set(months)
  const byCrimeType: Record<string, number> = Object.fromEntries(CURRENT_CRIME_TYPES.map((t) => [t, 0]))
  const byCrimeTypeAndMonth: Record<string, Record<string, number>> = {}
  const byMonth: Record<string, MonthTotals> = Object.fromEntries(
    months.map((m) => [m, { total: 0, crimes: 0, victimBased: 0, society: 0, asb: 0 }]),
  )
  const byCategory: Record<CrimeCategory, number> = { 'victim-based': 0, society: 0, asb: 0 }
  let theft = 0
  let violenceAndSexual = 0

  for (const row of rows) {
    if (!inWindow.has(row.month)) continue
    const category = classifyCrimeType(row.crimeType)
    if (category === undefined) throw new Error(`Unknown police.uk crime type "${row.crimeType}"`)
    byCrimeType[row.crimeType] = (byCrimeType[row.crimeType] ?? 0) + row.count
    const perMonth = byCrimeTypeAndMonth[row.crimeType] ?? Object.fromEntries(months.map((m) => [m, 0]))
    perMonth[row.month] = (perMonth[row.month] ?? 0) + row.count
    byCrimeTypeAndMonth[row.crimeType] = perMonth
    byCategory[category] += row.count
    const mt = byMonth[row.month] as MonthTotals
    mt.total += row.count
    if (category === 'victim-based') mt.victimBased += row.count
    else if (category === 'society') mt.society += row.count
    else mt.asb += row.count
    if (category !== 'asb') mt.crimes += row.count
    if (THEFT_CRIME_TYPES.has(row.crimeType)) theft += row.count
    if (row.crimeType === 'Violence and sexual offences' || row.crimeType === 'Violent crime') {
      violenceAndSexual += row.count
    }
  }
  for (const type of Object.keys(byCrimeType)) {
    byCrimeTypeAndMonth[type] ??= Object.fromEntries(months.map((m) => [m, 0]))
  }
  const sortedTypes = Object.keys(byCrimeType).sort(compareCrimeTypes)
  const victimBased = byCategory['victim-based']
  const crimes = victimBased + byCategory.society
  return {
    months: [...months],
    total: crimes + byCategory.asb,
    crimes,
    victimBased,
    society: byCategory.society,
    asb: byCategory.asb,
    theft,
    violenceAndSexual,
    shares: {
      victimBasedOfCrimes: share(victimBased, crimes),
      theftOfVictimBased: share(theft, victimBased),
      violenceAndSexualOfVictimBased: share(violenceAndSexual, victimBased),
    },
    byCategory,
    byCrimeType: Object.fromEntries(sortedTypes.map((t) => [t, byCrimeType[t] as number])),
    byCrimeTypeAndMonth: Object.fromEntries(sortedTypes.map((t) => [t, byCrimeTypeAndMonth[t] ?? {}])),
    byMonth,
  }
}

/**
 * Monthly series of the selected crime types. Every month in `observedMonths` (months the force has data
 * for) is present, zero when no row matched; months outside it are gaps, not zeros.
 */
export function monthlySeries(
  rows: readonly CountRow[],
  observedMonths: Iterable<string>,
  select: (crimeType: string, category: CrimeCategory) => boolean,
): Map<string, number> {
  const out = new Map<string, number>()
  for (const month of [...observedMonths].sort()) out.set(month, 0)
  for (const row of rows) {
    if (!out.has(row.month)) continue
    const category = classifyCrimeType(row.crimeType)
    if (category === undefined || !select(row.crimeType, category)) continue
    out.set(row.month, (out.get(row.month) ?? 0) + row.count)
  }
  return out
}
