import type pg from 'pg'
import {
  buildNeedsAssessment,
  type Funnel,
  forceSlug,
  isMonth,
  type NeedsAssessment,
  type ObservedVictims,
  type PopulationFigure,
  resolveAssumptions,
} from '../../domain/commissioning/index.ts'
import {
  countsByDistrict,
  countsByLsoaWithPopulation,
  countsByMonthAndType,
  findForce,
  importsBetween,
  listForces,
  observedMonths,
} from '../../repositories/commissioning/crimes.ts'
import {
  districtPopulationsByName,
  districtPopulationsFromLsoas,
} from '../../repositories/commissioning/population.ts'

export interface ReportRequest {
  force: string
  from: string
  to: string
  assumptions?: Partial<Record<string, number | string>>
  /** From the hub's own matched referrals (leave out until the hub has them). */
  observedVictims?: ObservedVictims
  throughput?: Funnel
  now?: Date
}

export class ReportRequestError extends Error {
  override name = 'ReportRequestError'
}

export interface ReportTimings {
  queriesMs: number
  domainMs: number
}

/** The 2011-LSOA estimate nearest the middle of the period (mid-2017, mid-2019 or mid-2020 are held). */
export function reference2011For(from: string, to: string): string {
  const mid =
    (Number(from.slice(0, 4)) +
      (Number(from.slice(5)) - 1) / 12 +
      Number(to.slice(0, 4)) +
      Number(to.slice(5)) / 12) /
    2
  const options = [2017.5, 2019.5, 2020.5]
  const best = options.reduce((a, b) => (Math.abs(b - mid) < Math.abs(a - mid) ? b : a))
  return `mid-${Math.floor(best)}`
}

/**
 * Reads the aggregates for one force and period and runs the needs assessment methods over them.
 * Every figure in the report comes from these few GROUP BY queries; no row-level data leaves the database.
 */
export async function buildNeedsAssessmentReport(
  pool: pg.Pool,
  request: ReportRequest,
): Promise<{ report: NeedsAssessment; timings: ReportTimings }> {
  if (!isMonth(request.from) || !isMonth(request.to))
    throw new ReportRequestError('--from and --to must be YYYY-MM')
  if (request.from > request.to)
    throw new ReportRequestError(`--from ${request.from} is after --to ${request.to}`)
  const slug = forceSlug(request.force)
  const t0 = performance.now()
  const force = await findForce(pool, slug)
  if (!force) {
    const known = (await listForces(pool)).map((f) => f.name).join(', ') || 'none'
    throw new ReportRequestError(
      `no police.uk data imported for "${request.force}" (imported forces: ${known})`,
    )
  }
  const [months, counts, districts, imports] = await Promise.all([
    observedMonths(pool, slug, request.to),
    countsByMonthAndType(pool, slug, request.to),
    countsByDistrict(pool, slug, request.from, request.to),
    importsBetween(pool, slug, request.from, request.to),
  ])
  if (imports.length === 0) {
    throw new ReportRequestError(`no ${force.name} data imported between ${request.from} and ${request.to}`)
  }
  const ref2011 = reference2011For(request.from, request.to)
  const lsoas = await countsByLsoaWithPopulation(pool, slug, request.from, request.to, ref2011)

  // Denominators follow the LSOA vintage most of the period's rows use: 2021 LSOAs sit in 2021 districts.
  const rows2021 = imports.filter((i) => i.lsoaVintage === 2021).reduce((s, i) => s + i.rows, 0)
  const rows2011 = imports.filter((i) => i.lsoaVintage === 2011).reduce((s, i) => s + i.rows, 0)
  const vintage: 2011 | 2021 = rows2021 >= rows2011 ? 2021 : 2011
  const [geography, reference] =
    vintage === 2021 ? (['lad21', 'mid-2020'] as const) : (['lad19', 'mid-2019'] as const)
  const names = districts.map((d) => d.district).filter((d): d is string => d !== null)
  const populations = new Map<string, PopulationFigure>()
  for (const p of await districtPopulationsByName(pool, names, geography, reference)) {
    populations.set(p.name, { population: p.population, source: p.source, code: p.code })
  }
  // The LSOA-sum fallback is a heavier query, so it runs only for districts that can be in the force area;
  // a district outside it with no LAD match just shows no rate.
  const minShare = resolveAssumptions(request.assumptions).values.homeDistrictMinShare
  const located = districts.reduce((s, d) => s + (d.district === null ? 0 : d.total), 0)
  const missing = districts
    .filter((d) => d.district !== null && !populations.has(d.district) && d.total >= minShare * located)
    .map((d) => d.district as string)
  if (missing.length > 0) {
    const lsoaRef = vintage === 2021 ? 'census-2021' : ref2011
    for (const p of await districtPopulationsFromLsoas(pool, missing, vintage, lsoaRef)) {
      populations.set(p.name, {
        population: p.population,
        source: `sum of ${p.lsoas} ${vintage} LSOAs (${lsoaRef}) named "${p.name} …"${vintage === 2021 ? ' that appear in imported police.uk rows' : ''}`,
      })
    }
  }
  const t1 = performance.now()
  const report = buildNeedsAssessment({
    force: { name: force.name, slug },
    from: request.from,
    to: request.to,
    observedMonths: months,
    counts,
    districtCounts: districts,
    districtPopulations: populations,
    lsoaCounts: lsoas,
    inputs: imports,
    assumptions: request.assumptions,
    observedVictims: request.observedVictims,
    throughput: request.throughput,
    generatedAt: (request.now ?? new Date()).toISOString(),
  })
  const t2 = performance.now()
  return { report, timings: { queriesMs: t1 - t0, domainMs: t2 - t1 } }
}
