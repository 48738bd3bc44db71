import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse } from 'csv-parse'
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import {
  checkHeader,
  DEFAULT_LSOA21_FIRST_MONTH,
  forceSlug,
  isLsoa21OnlyCode,
  type LsoaVintage,
  lsoaVintage,
  normaliseRow,
} from '../../domain/commissioning/police-uk-row.ts'
import {
  beginMonthReplacement,
  crimeCopyLine,
  finishImport,
  openCrimeCopy,
} from '../../repositories/commissioning/crimes.ts'
import { openDataFile, readProblem } from './data-files.ts'

export interface CrimeImportResult {
  file: string
  force: string
  forceSlug: string
  month: string
  rows: number
  crimes: number
  asb: number
  noLocation: number
  lsoaVintage: LsoaVintage | null
  /** Rows of the import this one replaced, null when the month is new. */
  replacedRows: number | null
  sha256: string
  elapsedMs: number
}

/** A file that cannot be imported; nothing from it was written. */
export class CrimeImportError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `${file}: ${problems.length} problem(s): ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`,
    )
    this.name = 'CrimeImportError'
  }
}

const MAX_PROBLEMS = 50
const CHUNK_CHARS = 256 * 1024

export interface ImportOptions {
  firstMonth2021?: string
}

/**
 * Imports one police.uk street-level file (one force, one month; `.csv`, or `.csv.gz` read through
 * gunzip) in one transaction: the force's month is deleted and the file's rows copied in with COPY, so a
 * re-import replaces the month and never doubles it, and a bad file changes nothing. Rows are streamed:
 * memory does not grow with the file. The SHA-256 is of the CSV as published, compressed or not.
 */
export async function importCrimeFile(
  pool: pg.Pool,
  path: string,
  options: ImportOptions = {},
): Promise<CrimeImportResult> {
  const started = performance.now()
  const file = basename(path)
  const firstMonth2021 = options.firstMonth2021 ?? DEFAULT_LSOA21_FIRST_MONTH
  const hash = createHash('sha256')
  const input = openDataFile(path)
  input.on('data', (chunk) => hash.update(chunk))
  // csv-parse handles LF and CRLF alike, and quoted fields; bom: true tolerates a byte-order mark.
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }))
  // pipe() does not pass a read error on: a damaged .gz file must end this import, not the process.
  input.on('error', (error) => parser.destroy(error))
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>
  const readRecord = async (): Promise<IteratorResult<string[]>> => {
    try {
      return await records.next()
    } catch (error) {
      const problem = readProblem(error)
      if (problem === undefined) throw error
      throw new CrimeImportError(file, [problem])
    }
  }

  const problems: string[] = []
  const header = await readRecord()
  if (header.done) throw new CrimeImportError(file, ['the file is empty'])
  const headerProblems = checkHeader(header.value)
  if (headerProblems.length > 0) {
    input.destroy()
    throw new CrimeImportError(file, headerProblems)
  }
  const first = await readRecord()
  if (first.done) throw new CrimeImportError(file, ['the file has a header but no rows'])
  const firstRow = normaliseRow(first.value, { firstMonth2021 })
  if (!firstRow.ok) {
    input.destroy()
    throw new CrimeImportError(
      file,
      firstRow.errors.map((e) => `line 2: ${e}`),
    )
  }
  const { month, reportedBy } = firstRow.row
  const slug = forceSlug(reportedBy)
  const monthVintage = lsoaVintage('E01000001', month, firstMonth2021)

  try {
    return await withTransaction(pool, async (client) => {
      const { importId, replacedRows } = await beginMonthReplacement(client, {
        forceSlug: slug,
        forceName: reportedBy,
        month,
        sourceFile: file,
      })
      let rows = 0
      let crimes = 0
      let asb = 0
      let noLocation = 0
      let sawLsoa = false
      let saw2021Only = false

      async function* lines(): AsyncGenerator<string> {
        let buffer = ''
        let line = 1
        let next: IteratorResult<string[]> = first
        while (!next.done) {
          line++
          const result = normaliseRow(next.value, { firstMonth2021, vintage: monthVintage })
          if (!result.ok) {
            if (problems.length < MAX_PROBLEMS)
              problems.push(...result.errors.map((e) => `line ${line}: ${e}`))
          } else {
            const r = result.row
            // One file is one force and one month; anything else would break the replace-the-month rule.
            if (r.month !== month)
              problems.push(`line ${line}: month ${r.month} differs from the file's ${month}`)
            else if (r.reportedBy !== reportedBy) {
              problems.push(`line ${line}: Reported by "${r.reportedBy}" differs from "${reportedBy}"`)
            }
            rows++
            if (r.category === 'asb') asb++
            else crimes++
            if (r.location === null && r.lsoaCode === null) noLocation++
            if (r.lsoaCode !== null) {
              sawLsoa = true
              if (!saw2021Only && isLsoa21OnlyCode(r.lsoaCode)) saw2021Only = true
            }
            if (problems.length === 0) {
              buffer += crimeCopyLine(importId, line, slug, r)
              if (buffer.length >= CHUNK_CHARS) {
                yield buffer
                buffer = ''
              }
            }
          }
          next = await readRecord()
        }
        if (buffer.length > 0 && problems.length === 0) yield buffer
      }

      await pipeline(Readable.from(lines()), openCrimeCopy(client))
      if (problems.length > 0) throw new CrimeImportError(file, problems)
      const vintage: LsoaVintage | null = sawLsoa ? (saw2021Only ? 2021 : monthVintage) : null
      const sha256 = hash.digest('hex')
      await finishImport(
        client,
        importId,
        {
          sha256,
          rowCount: rows,
          crimeCount: crimes,
          asbCount: asb,
          noLocationCount: noLocation,
          lsoaVintage: vintage,
        },
        vintage !== null && vintage !== monthVintage,
      )
      return {
        file,
        force: reportedBy,
        forceSlug: slug,
        month,
        rows,
        crimes,
        asb,
        noLocation,
        lsoaVintage: vintage,
        replacedRows,
        sha256,
        elapsedMs: performance.now() - started,
      }
    })
  } catch (error) {
    input.destroy()
    if (error instanceof CrimeImportError) throw error
    throw new CrimeImportError(file, [(error as Error).message])
  }
}

/** Imports files one after another; each is its own transaction, so one bad file leaves the others. */
export async function importCrimeFiles(
  pool: pg.Pool,
  paths: readonly string[],
  options: ImportOptions & { onFileDone?: (files: number, rows: number) => void } = {},
): Promise<{ imported: CrimeImportResult[]; failed: CrimeImportError[] }> {
  const imported: CrimeImportResult[] = []
  const failed: CrimeImportError[] = []
  let rows = 0
  for (const path of paths) {
    try {
      const result = await importCrimeFile(pool, path, options)
      rows += result.rows
      imported.push(result)
    } catch (error) {
      if (error instanceof CrimeImportError) failed.push(error)
      else throw error
    }
    options.onFileDone?.(imported.length + failed.length, rows)
  }
  return { imported, failed }
}
