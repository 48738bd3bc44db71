import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Command } from 'commander'
import type { CommissioningService, CrimeImportResult } from '../services/commissioning/index.ts'
import { type CliContext, CliError } from './context.ts'
import { importCommand } from './import.ts'
import { startProgress } from './progress.ts'

/** Files as given; a folder stands for every .csv and .csv.gz file under it, in name order. */
export async function expandCsvPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined)
    if (!info) throw new CliError(`${path}: no such file or folder`, 2)
    if (info.isFile()) out.push(path)
    else {
      const entries = (await readdir(path, { recursive: true }))
        .filter((f) => f.endsWith('.csv') || f.endsWith('.csv.gz'))
        .sort()
      out.push(...entries.map((f) => join(path, f)))
    }
  }
  return out
}

export interface ImportCrimesOptions {
  lsoa21FirstMonth?: string
  log?: (line: string) => void
}

export async function importCrimesCommand(
  commissioning: CommissioningService,
  paths: readonly string[],
  options: ImportCrimesOptions = {},
): Promise<CrimeImportResult[]> {
  const log = options.log ?? ((line: string) => console.log(line))
  const files = await expandCsvPaths(paths)
  if (files.length === 0) throw new CliError('no .csv or .csv.gz files to import', 2)
  const started = performance.now()
  const progress = startProgress('Crime files', 'files', files.length)
  const { imported, failed } = await commissioning
    .importCrimeFiles(files, {
      firstMonth2021: options.lsoa21FirstMonth,
      onFileDone: (done) => progress.update(done),
    })
    .finally(() => progress.stop())
  for (const r of imported) {
    const replaced = r.replacedRows === null ? 'new month' : `replaced ${r.replacedRows} rows`
    log(
      `${r.force} ${r.month}: ${r.rows} rows (${r.crimes} crimes, ${r.asb} ASB, ${r.noLocation} without location), ` +
        `LSOA ${r.lsoaVintage ?? '–'}, ${replaced}, ${Math.round(r.elapsedMs)} ms  ${r.file}`,
    )
  }
  const rows = imported.reduce((s, r) => s + r.rows, 0)
  const seconds = (performance.now() - started) / 1000
  log(
    `Imported ${imported.length} file(s), ${rows} rows in ${seconds.toFixed(2)} s (${Math.round(rows / seconds)} rows/s)`,
  )
  if (failed.length > 0) {
    for (const f of failed)
      log(`Not imported, nothing changed: ${f.file}\n  ${f.problems.slice(0, 20).join('\n  ')}`)
    throw new CliError(`${failed.length} file(s) not imported`, 1)
  }
  return imported
}

export function register(program: Command, context: CliContext) {
  importCommand(program)
    .command('crimes')
    .description(
      'import police.uk street-level crime files (any force, any month); re-importing a month replaces it',
    )
    .argument('<files...>', 'police.uk *-street.csv files (or .csv.gz), or folders of them')
    .option('--lsoa21-first-month <YYYY-MM>', 'first month read as 2021 LSOAs when the code cannot tell')
    .action(async (files: string[], opts: { lsoa21FirstMonth?: string }) => {
      await context.withServices(async (services) => {
        await importCrimesCommand(services.commissioning, files, { lsoa21FirstMonth: opts.lsoa21FirstMonth })
      })
    })
}
