import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Queryable } from '../../db/transaction.ts'
import type { ImportedFile } from '../../domain/commissioning/needs-assessment.ts'
import type { PoliceUkRow } from '../../domain/commissioning/police-uk-row.ts'
import type { DistrictCounts, LsoaCount } from '../../domain/commissioning/rates.ts'
import type { CountRow } from '../../domain/commissioning/volume.ts'

/** Every SQL statement for police.uk crime data. */

export interface CrimeImportHeader {
  forceSlug: string
  forceName: string
  month: string
  sourceFile: string
}

export interface CrimeImportTotals {
  sha256: string
  rowCount: number
  crimeCount: number
  asbCount: number
  noLocationCount: number
  lsoaVintage: number | null
}

/**
 * Deletes the force's month (its rows go with it, ON DELETE CASCADE) and opens a new import for it.
 * Run inside the same transaction as the COPY so the month is replaced atomically.
 * Returns the new import id and how many rows the replaced import held.
 */
export async function beginMonthReplacement(
  client: pg.PoolClient,
  header: CrimeImportHeader,
): Promise<{ importId: string; replacedRows: number | null }> {
  // Serialises two imports of the same force and month: the second waits, then replaces the first.
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `crime_import:${header.forceSlug}:${header.month}`,
  ])
  const old = await client.query<{ row_count: number }>(
    'DELETE FROM crime_imports WHERE force_slug = $1 AND month = $2 RETURNING row_count',
    [header.forceSlug, header.month],
  )
  const created = await client.query<{ id: string }>(
    `INSERT INTO crime_imports (force_slug, force_name, month, source_file, sha256, row_count, crime_count,
       asb_count, no_location_count, lsoa_vintage)
     VALUES ($1, $2, $3, $4, '', 0, 0, 0, 0, NULL) RETURNING id`,
    [header.forceSlug, header.forceName, header.month, header.sourceFile],
  )
  return { importId: (created.rows[0] as { id: string }).id, replacedRows: old.rows[0]?.row_count ?? null }
}

export async function finishImport(
  client: pg.PoolClient,
  importId: string,
  totals: CrimeImportTotals,
  fileVintageDiffersFromRows: boolean,
): Promise<void> {
  if (fileVintageDiffersFromRows && totals.lsoaVintage !== null) {
    // Rows were streamed with the month's vintage before the file's evidence was complete.
    await client.query(
      'UPDATE crime_records SET lsoa_vintage = $2 WHERE import_id = $1 AND lsoa_code IS NOT NULL',
      [importId, totals.lsoaVintage],
    )
  }
  await client.query(
    `UPDATE crime_imports SET sha256 = $2, row_count = $3, crime_count = $4, asb_count = $5,
       no_location_count = $6, lsoa_vintage = $7 WHERE id = $1`,
    [
      importId,
      totals.sha256,
      totals.rowCount,
      totals.crimeCount,
      totals.asbCount,
      totals.noLocationCount,
      totals.lsoaVintage,
    ],
  )
}

const COPY_COLUMNS = [
  'import_id',
  'line',
  'force_slug',
  'month',
  'crime_id',
  'reported_by',
  'falls_within',
  'longitude',
  'latitude',
  'location',
  'lsoa_code',
  'lsoa_name',
  'lsoa_vintage',
  'district',
  'crime_type',
  'category',
  'last_outcome',
  'context',
]

/** Opens COPY ... FROM STDIN for crime rows; write lines from `crimeCopyLine`. */
export function openCrimeCopy(client: pg.PoolClient): NodeJS.WritableStream & { on: pg.Client['on'] } {
  return client.query(copyFrom(`COPY crime_records (${COPY_COLUMNS.join(', ')}) FROM STDIN`)) as never
}

// COPY text format: backslash, tab, newline and carriage return must be escaped; \N is NULL.
const escapeCopy = (v: string): string =>
  v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
const cell = (v: string | number | null): string => (v === null ? '\\N' : escapeCopy(String(v)))

export function crimeCopyLine(importId: string, line: number, forceSlug: string, row: PoliceUkRow): string {
  return `${[
    importId,
    line,
    forceSlug,
    row.month,
    row.crimeId,
    row.reportedBy,
    row.fallsWithin,
    row.longitude,
    row.latitude,
    row.location,
    row.lsoaCode,
    row.lsoaName,
    row.lsoaVintage,
    row.district,
    row.crimeType,
    row.category,
    row.lastOutcome,
    row.context,
  ]
    .map(cell)
    .join('\t')}\n`
}

export interface ForceRef {
  slug: string
  name: string
}

export async function findForce(db: Queryable, slug: string): Promise<ForceRef | undefined> {
  const { rows } = await db.query<ForceRef>(
    'SELECT force_slug AS slug, max(force_name) AS name FROM crime_imports WHERE force_slug = $1 GROUP BY force_slug',
    [slug],
  )
  return rows[0]
}

export async function listForces(
  db: Queryable,
): Promise<Array<ForceRef & { firstMonth: string; lastMonth: string; months: number }>> {
  const { rows } = await db.query(
    `SELECT force_slug AS slug, max(force_name) AS name, min(month) AS "firstMonth", max(month) AS "lastMonth",
       count(*)::int AS months
     FROM crime_imports GROUP BY force_slug ORDER BY force_slug`,
  )
  return rows
}

export async function importsBetween(
  db: Queryable,
  slug: string,
  from: string,
  to: string,
): Promise<ImportedFile[]> {
  const { rows } = await db.query<ImportedFile>(
    `SELECT month, row_count AS rows, source_file AS "sourceFile", sha256, lsoa_vintage AS "lsoaVintage",
       to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "importedAt"
     FROM crime_imports WHERE force_slug = $1 AND month BETWEEN $2 AND $3 ORDER BY month`,
    [slug, from, to],
  )
  return rows
}

/** Months the force has data for, up to and including `to` (the forecast's history). */
export async function observedMonths(db: Queryable, slug: string, to: string): Promise<string[]> {
  const { rows } = await db.query<{ month: string }>(
    'SELECT month FROM crime_imports WHERE force_slug = $1 AND month <= $2 ORDER BY month',
    [slug, to],
  )
  return rows.map((r) => r.month)
}

/** Month x crime type counts up to `to`: the window and all history before it. */
export async function countsByMonthAndType(db: Queryable, slug: string, to: string): Promise<CountRow[]> {
  const { rows } = await db.query(
    `SELECT month, crime_type AS "crimeType", count(*)::int AS count
     FROM crime_records WHERE force_slug = $1 AND month <= $2
     GROUP BY month, crime_type ORDER BY month, crime_type`,
    [slug, to],
  )
  return rows
}

export async function countsByDistrict(
  db: Queryable,
  slug: string,
  from: string,
  to: string,
): Promise<DistrictCounts[]> {
  const { rows } = await db.query(
    `SELECT district, count(*)::int AS total,
       (count(*) FILTER (WHERE category <> 'asb'))::int AS crimes,
       (count(*) FILTER (WHERE category = 'victim-based'))::int AS "victimBased",
       (count(*) FILTER (WHERE category = 'society'))::int AS society,
       (count(*) FILTER (WHERE category = 'asb'))::int AS asb
     FROM crime_records WHERE force_slug = $1 AND month BETWEEN $2 AND $3
     GROUP BY district ORDER BY district NULLS LAST`,
    [slug, from, to],
  )
  return rows
}

/**
 * Counts by LSOA with the matching population: Census 2021 residents for 2021 LSOAs, and the mid-year
 * estimate named by `reference2011` for 2011 LSOAs.
 */
export async function countsByLsoaWithPopulation(
  db: Queryable,
  slug: string,
  from: string,
  to: string,
  reference2011: string,
): Promise<LsoaCount[]> {
  const { rows } = await db.query(
    `WITH c AS (
       SELECT lsoa_code, lsoa_vintage, min(lsoa_name) AS name, count(*)::int AS total,
         (count(*) FILTER (WHERE category <> 'asb'))::int AS crimes
       FROM crime_records
       WHERE force_slug = $1 AND month BETWEEN $2 AND $3 AND lsoa_code IS NOT NULL
       GROUP BY lsoa_code, lsoa_vintage)
     SELECT c.lsoa_code AS code, c.name, c.lsoa_vintage AS vintage, c.crimes, c.total,
       p.population, p.source AS "populationSource"
     FROM c LEFT JOIN population_lsoa p
       ON p.vintage = c.lsoa_vintage AND p.code = c.lsoa_code
      AND p.reference = CASE WHEN c.lsoa_vintage = 2021 THEN 'census-2021' ELSE $4 END
     ORDER BY c.lsoa_code`,
    [slug, from, to, reference2011],
  )
  return rows
}

/** The hand-written baseline the benchmark compares the report's queries with. */
export async function baselineCrimeTypeMonthCounts(
  db: Queryable,
  slug: string,
  from: string,
  to: string,
): Promise<Array<{ month: string; crime_type: string; n: number }>> {
  const { rows } = await db.query(
    `SELECT month, crime_type, count(*)::int AS n FROM crime_records
     WHERE force_slug = $1 AND month BETWEEN $2 AND $3 GROUP BY 1, 2`,
    [slug, from, to],
  )
  return rows
}
