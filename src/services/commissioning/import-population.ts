import { basename } from 'node:path'
import { parse } from 'csv-parse'
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import {
  type DistrictPopulationRow,
  type LsoaPopulationRow,
  upsertDistrictPopulation,
  upsertLsoaPopulation,
} from '../../repositories/commissioning/population.ts'
import { openDataFile, readProblem } from './data-files.ts'

/**
 * Imports the ONS population files (those in samples/ons_population; .csv, or .csv.gz read through gunzip).
 * The layout is recognised from the header:
 *
 * - `lsoa21_code, census2021_usual_residents`: Census 2021 usual residents, 2021 LSOAs (no names).
 * - `lsoa11_code, lsoa11_name, total_population_mid2017, _mid2019, _mid2020`: 2011 LSOAs, three years.
 * - `lsoa11_code, lsoa11_name, total_population, 0, 1, …`: 2011 LSOAs single year of age; the year comes from
 *   the file name (`mye2020`).
 * - `ltla21_code, ltla21_name, total_population, …` and `ltla19_…`: local authority districts; year from the
 *   file name.
 *
 * One transaction per file; figures are upserted, so importing a file twice changes nothing.
 */

export interface PopulationImportResult {
  file: string
  layout: string
  lsoaRows: number
  districtRows: number
  elapsedMs: number
}

export class PopulationImportError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.slice(0, 5).join('; ')}`)
    this.name = 'PopulationImportError'
  }
}

const count = (value: string | undefined, what: string, problems: string[]): number | null => {
  const n = Number(value)
  if (value === undefined || value.trim() === '' || !Number.isInteger(n) || n < 0) {
    if (problems.length < 50) problems.push(`${what}: "${value}" is not a non-negative whole number`)
    return null
  }
  return n
}

const yearFromName = (file: string): string | undefined => /mye(\d{4})/i.exec(file)?.[1]

/** The file's records; a file that cannot be read to its end (a damaged .gz) is refused by name. */
async function* recordsOf<T>(file: string, records: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    for await (const record of records) yield record
  } catch (error) {
    const problem = readProblem(error)
    if (problem === undefined) throw error
    throw new PopulationImportError(file, [problem])
  }
}

export async function importPopulationFile(pool: pg.Pool, path: string): Promise<PopulationImportResult> {
  const started = performance.now()
  const file = basename(path)
  const input = openDataFile(path)
  const parser = input.pipe(parse({ bom: true, columns: true, skip_empty_lines: true }))
  // pipe() does not pass a read error on: a damaged .gz file must end this import, not the process.
  input.on('error', (error) => parser.destroy(error))
  const lsoa: LsoaPopulationRow[] = []
  const districts: DistrictPopulationRow[] = []
  const problems: string[] = []
  let layout = ''
  let line = 1
  for await (const record of recordsOf(file, parser as AsyncIterable<Record<string, string>>)) {
    line++
    if (layout === '') {
      const cols = Object.keys(record)
      if (cols.includes('lsoa21_code') && cols.includes('census2021_usual_residents'))
        layout = 'census2021-lsoa21'
      else if (cols.includes('lsoa11_code') && cols.includes('total_population_mid2017'))
        layout = 'mye-lsoa11-totals'
      else if (cols.includes('lsoa11_code') && cols.includes('total_population')) layout = 'mye-lsoa11-syoa'
      else if (cols.includes('ltla21_code')) layout = 'mye-lad21'
      else if (cols.includes('ltla19_code')) layout = 'mye-lad19'
      else throw new PopulationImportError(file, [`unrecognised ONS layout: ${cols.slice(0, 5).join(', ')}`])
      if (
        (layout === 'mye-lsoa11-syoa' || layout.startsWith('mye-lad')) &&
        yearFromName(file) === undefined
      ) {
        throw new PopulationImportError(file, ['the file name must say the year, e.g. ons_mye2020_…'])
      }
    }
    const year = yearFromName(file)
    switch (layout) {
      case 'census2021-lsoa21': {
        const n = count(record.census2021_usual_residents, `line ${line}`, problems)
        if (n !== null && record.lsoa21_code) {
          lsoa.push({
            vintage: 2021,
            code: record.lsoa21_code,
            name: null,
            reference: 'census-2021',
            population: n,
            source: 'ONS Census 2021 TS021 usual residents, 2021 LSOAs',
          })
        }
        break
      }
      case 'mye-lsoa11-totals':
        for (const y of ['2017', '2019', '2020']) {
          const n = count(record[`total_population_mid${y}`], `line ${line} mid-${y}`, problems)
          if (n !== null && record.lsoa11_code) {
            lsoa.push({
              vintage: 2011,
              code: record.lsoa11_code,
              name: record.lsoa11_name ?? null,
              reference: `mid-${y}`,
              population: n,
              source: `ONS small area population estimates mid-${y}, 2011 LSOAs`,
            })
          }
        }
        break
      case 'mye-lsoa11-syoa': {
        const n = count(record.total_population, `line ${line}`, problems)
        if (n !== null && record.lsoa11_code) {
          lsoa.push({
            vintage: 2011,
            code: record.lsoa11_code,
            name: record.lsoa11_name ?? null,
            reference: `mid-${year}`,
            population: n,
            source: `ONS small area population estimates mid-${year}, 2011 LSOAs`,
          })
        }
        break
      }
      default: {
        const geo = layout === 'mye-lad21' ? 'lad21' : 'lad19'
        const n = count(record.total_population, `line ${line}`, problems)
        const code = record[`ltla${geo.slice(3)}_code`]
        const name = record[`ltla${geo.slice(3)}_name`]
        if (n !== null && code && name) {
          districts.push({
            geography: geo,
            code,
            name,
            reference: `mid-${year}`,
            population: n,
            source: `ONS mid-${year} population estimate, 20${geo.slice(3)} local authority districts`,
          })
        }
      }
    }
  }
  if (layout === '') throw new PopulationImportError(file, ['the file has no rows'])
  if (problems.length > 0) throw new PopulationImportError(file, problems)
  const written = await withTransaction(pool, async (client) => ({
    lsoa: await upsertLsoaPopulation(client, lsoa),
    districts: await upsertDistrictPopulation(client, districts),
  }))
  return {
    file,
    layout,
    lsoaRows: written.lsoa,
    districtRows: written.districts,
    elapsedMs: performance.now() - started,
  }
}
