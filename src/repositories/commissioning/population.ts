import type { Queryable } from '../../db/transaction.ts'

/** Every SQL statement for ONS population figures. */

export interface LsoaPopulationRow {
  vintage: 2011 | 2021
  code: string
  name: string | null
  reference: string
  population: number
  source: string
}

export interface DistrictPopulationRow {
  geography: 'lad19' | 'lad21'
  code: string
  name: string
  reference: string
  population: number
  source: string
}

const BATCH = 1000

/**
 * Writes rows a thousand at a time, one multi-row statement each: `statement` is given the VALUES list
 * (six placeholders a row, filled from `values`) and returns the INSERT. Returns the rows written.
 */
async function upsertInBatches<Row>(
  db: Queryable,
  rows: readonly Row[],
  values: (row: Row) => readonly unknown[],
  statement: (valuesList: string) => string,
): Promise<number> {
  let written = 0
  for (let i = 0; i < rows.length; i += BATCH) {
    const params: unknown[] = []
    const tuples = rows.slice(i, i + BATCH).map((row) => {
      const b = params.length
      params.push(...values(row))
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6})`
    })
    const result = await db.query(statement(tuples.join(', ')), params)
    written += result.rowCount ?? 0
  }
  return written
}

/** Inserts or updates LSOA figures; re-importing a file changes nothing. */
export const upsertLsoaPopulation = (db: Queryable, rows: readonly LsoaPopulationRow[]): Promise<number> =>
  upsertInBatches(
    db,
    rows,
    (r) => [r.vintage, r.code, r.name, r.reference, r.population, r.source],
    (valuesList) =>
      `INSERT INTO population_lsoa (vintage, code, name, reference, population, source) VALUES ${valuesList}
       ON CONFLICT (vintage, code, reference) DO UPDATE
         SET name = COALESCE(EXCLUDED.name, population_lsoa.name), population = EXCLUDED.population,
             source = EXCLUDED.source`,
  )

/** Inserts or updates district figures; re-importing a file changes nothing. */
export const upsertDistrictPopulation = (
  db: Queryable,
  rows: readonly DistrictPopulationRow[],
): Promise<number> =>
  upsertInBatches(
    db,
    rows,
    (r) => [r.geography, r.code, r.name, r.reference, r.population, r.source],
    (valuesList) =>
      `INSERT INTO population_district (geography, code, name, reference, population, source)
       VALUES ${valuesList}
       ON CONFLICT (geography, code, reference) DO UPDATE
         SET name = EXCLUDED.name, population = EXCLUDED.population, source = EXCLUDED.source`,
  )

/** District populations by name for one geography and reference year. */
export async function districtPopulationsByName(
  db: Queryable,
  names: readonly string[],
  geography: 'lad19' | 'lad21',
  reference: string,
): Promise<Array<{ name: string; code: string; population: number; source: string }>> {
  const { rows } = await db.query(
    `SELECT name, code, population, source FROM population_district
     WHERE geography = $1 AND reference = $2 AND name = ANY($3::text[])`,
    [geography, reference, names],
  )
  return rows
}

/**
 * Fallback when a district has no LAD figure under that name: the sum of its LSOAs' populations. LSOA names
 * come from the ONS file for 2011 LSOAs, and from the police.uk rows for 2021 LSOAs (the Census 2021 file has
 * no names), so for 2021 only LSOAs that appear in some imported row are counted; the source says so.
 */
export async function districtPopulationsFromLsoas(
  db: Queryable,
  names: readonly string[],
  vintage: 2011 | 2021,
  reference: string,
): Promise<Array<{ name: string; population: number; lsoas: number }>> {
  const { rows } = await db.query(
    `WITH names AS (
       SELECT code, name FROM population_lsoa WHERE vintage = $1 AND name IS NOT NULL
       UNION
       SELECT DISTINCT lsoa_code, lsoa_name FROM crime_records WHERE lsoa_vintage = $1 AND lsoa_code IS NOT NULL),
     d AS (SELECT DISTINCT ON (code) code, regexp_replace(name, ' \\d{3}[A-Z]$', '') AS district FROM names)
     SELECT d.district AS name, sum(p.population)::int AS population, count(*)::int AS lsoas
     FROM d JOIN population_lsoa p ON p.vintage = $1 AND p.code = d.code AND p.reference = $2
     WHERE d.district = ANY($3::text[])
     GROUP BY d.district`,
    [vintage, reference, names],
  )
  return rows
}

export async function populationReferences(
  db: Queryable,
): Promise<Array<{ vintage: number; reference: string; lsoas: number }>> {
  const { rows } = await db.query(
    'SELECT vintage, reference, count(*)::int AS lsoas FROM population_lsoa GROUP BY vintage, reference ORDER BY 1, 2',
  )
  return rows
}
