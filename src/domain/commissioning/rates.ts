/**
 * Rates per 1,000 residents. A rate is given for the period itself and annualised (x 12 / months) so it can
 * be set beside the source's "74 in every 1,000 residents" for 12 months. Annualising a part-year does not
 * adjust for season; the report says so next to the figure.
 */

export function ratePerThousand(count: number, population: number | null | undefined): number | null {
  if (population === null || population === undefined || population <= 0) return null
  return (count / population) * 1000
}

export function annualise(count: number, monthCount: number): number {
  if (monthCount <= 0) throw new Error('cannot annualise over zero months')
  return (count * 12) / monthCount
}

export interface PopulationFigure {
  population: number
  /** e.g. "ONS mid-2020 estimate, 2021 local authority districts" */
  source: string
  code?: string
}

export interface DistrictCounts {
  /** null collects rows with no location. */
  district: string | null
  total: number
  crimes: number
  victimBased: number
  society: number
  asb: number
}

export interface DistrictRate extends DistrictCounts {
  district: string
  home: boolean
  shareOfLocated: number
  population: number | null
  populationSource: string | null
  crimesPerThousand: number | null
  victimBasedPerThousand: number | null
  asbPerThousand: number | null
  crimesPerThousandAnnualised: number | null
}

export interface AreaRates {
  districts: DistrictRate[]
  homeDistricts: string[]
  /** Rows with no location (all crimes in the real data, never ASB). Kept and counted, never dropped. */
  noLocation: DistrictCounts
  /** Located rows outside the force's home districts. */
  outsideArea: DistrictCounts
  homePopulation: number | null
  homePopulationComplete: boolean
}

const emptyCounts = (district: string | null): DistrictCounts => ({
  district,
  total: 0,
  crimes: 0,
  victimBased: 0,
  society: 0,
  asb: 0,
})

function add(into: DistrictCounts, from: DistrictCounts): void {
  into.total += from.total
  into.crimes += from.crimes
  into.victimBased += from.victimBased
  into.society += from.society
  into.asb += from.asb
}

/**
 * Rates by district. A district is "home" (inside the force area) when it holds at least `homeMinShare` of the
 * force's located rows; the rest are crimes the force recorded elsewhere. Districts are ranked by crime rate
 * (crimes per 1,000, ASB excluded), those without a population last.
 */
export function districtRates(
  counts: readonly DistrictCounts[],
  populations: ReadonlyMap<string, PopulationFigure>,
  homeMinShare: number,
  monthCount: number,
): AreaRates {
  const noLocation = emptyCounts(null)
  const merged = new Map<string, DistrictCounts>()
  for (const c of counts) {
    if (c.district === null) {
      add(noLocation, c)
      continue
    }
    const into = merged.get(c.district) ?? emptyCounts(c.district)
    add(into, c)
    merged.set(c.district, into)
  }
  const located = [...merged.values()].reduce((s, c) => s + c.total, 0)
  const outsideArea = emptyCounts(null)
  const districts: DistrictRate[] = [...merged.values()].map((c) => {
    const shareOfLocated = located > 0 ? c.total / located : 0
    const home = shareOfLocated >= homeMinShare
    if (!home) add(outsideArea, c)
    const pop = populations.get(c.district as string)
    const population = pop?.population ?? null
    const crimesPerThousand = ratePerThousand(c.crimes, population)
    return {
      ...c,
      district: c.district as string,
      home,
      shareOfLocated,
      population,
      populationSource: pop?.source ?? null,
      crimesPerThousand,
      victimBasedPerThousand: ratePerThousand(c.victimBased, population),
      asbPerThousand: ratePerThousand(c.asb, population),
      crimesPerThousandAnnualised:
        crimesPerThousand === null ? null : annualise(crimesPerThousand, monthCount),
    }
  })
  districts.sort(
    (a, b) =>
      Number(b.home) - Number(a.home) ||
      (b.crimesPerThousand ?? -1) - (a.crimesPerThousand ?? -1) ||
      a.district.localeCompare(b.district, 'en'),
  )
  const homeDistricts = districts.filter((d) => d.home).map((d) => d.district)
  const homePops = districts.filter((d) => d.home).map((d) => d.population)
  const homePopulationComplete = homePops.length > 0 && homePops.every((p) => p !== null)
  const homePopulation = homePops.length > 0 ? homePops.reduce<number>((s, p) => s + (p ?? 0), 0) : null
  return { districts, homeDistricts, noLocation, outsideArea, homePopulation, homePopulationComplete }
}

export interface LsoaCount {
  code: string
  name: string
  vintage: number
  crimes: number
  total: number
  population: number | null
  populationSource: string | null
}

export interface LsoaRate extends LsoaCount {
  district: string | null
  crimesPerThousand: number | null
}

/** Rates by LSOA, highest first. Small denominators make single LSOAs volatile: town centres lead. */
export function lsoaRates(
  counts: readonly LsoaCount[],
  districtOf: (name: string) => string | undefined,
): LsoaRate[] {
  return counts
    .map((c) => ({
      ...c,
      district: districtOf(c.name) ?? null,
      crimesPerThousand: ratePerThousand(c.crimes, c.population),
    }))
    .sort((a, b) => (b.crimesPerThousand ?? -1) - (a.crimesPerThousand ?? -1) || a.code.localeCompare(b.code))
}
