import type { Command } from 'commander'
import {
  type CommissioningService,
  PopulationImportError,
  type PopulationImportResult,
} from '../services/commissioning/index.ts'
import { type CliContext, CliError } from './context.ts'
import { importCommand } from './import.ts'
import { expandCsvPaths } from './import-crimes.ts'
import { showsProgress, startProgress } from './progress.ts'

export async function importPopulationCommand(
  commissioning: CommissioningService,
  paths: readonly string[],
  log: (line: string) => void = (line) => console.log(line),
): Promise<PopulationImportResult[]> {
  const files = await expandCsvPaths(paths)
  const results: PopulationImportResult[] = []
  const failed: string[] = []
  // While the bar is drawn, each file's line waits until it is cleared, so the two never mix.
  const progress = startProgress('Population files', 'files', files.length)
  const lines: string[] = []
  const say = showsProgress() ? (line: string) => lines.push(line) : log
  try {
    for (const [index, file] of files.entries()) {
      try {
        const r = await commissioning.importPopulationFile(file)
        results.push(r)
        say(
          `${r.file}: ${r.layout}, ${r.lsoaRows} LSOA figures, ${r.districtRows} district figures, ${Math.round(r.elapsedMs)} ms`,
        )
      } catch (error) {
        if (!(error instanceof PopulationImportError)) throw error
        failed.push(error.message)
        say(`Not imported, nothing changed: ${error.message}`)
      }
      progress.update(index + 1)
    }
  } finally {
    progress.stop()
    for (const line of lines) log(line)
  }
  if (failed.length > 0) throw new CliError(`${failed.length} file(s) not imported`, 1)
  return results
}

export function register(program: Command, context: CliContext) {
  importCommand(program)
    .command('population')
    .description('import ONS population files (LSOA 2011/2021 and local authority districts)')
    .argument('<files...>', 'ONS population CSV files (or .csv.gz), or folders of them')
    .action(async (files: string[]) => {
      await context.withServices(async (services) => {
        await importPopulationCommand(services.commissioning, files)
      })
    })
}
