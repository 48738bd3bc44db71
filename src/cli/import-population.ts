import type { Command } from 'commander'
import {
  type CommissioningService,
  PopulationImportError,
  type PopulationImportResult,
} from '../services/commissioning/index.ts'
import { type CliContext, CliError } from './context.ts'
import { importCommand } from './import.ts'
import { expandCsvPaths } from './import-crimes.ts'

export async function importPopulationCommand(
  commissioning: CommissioningService,
  paths: readonly string[],
  log: (line: string) => void = (line) => console.log(line),
): Promise<PopulationImportResult[]> {
  const files = await expandCsvPaths(paths)
  const results: PopulationImportResult[] = []
  const failed: string[] = []
  for (const file of files) {
    try {
      const r = await commissioning.importPopulationFile(file)
      results.push(r)
      log(
        `${r.file}: ${r.layout}, ${r.lsoaRows} LSOA figures, ${r.districtRows} district figures, ${Math.round(r.elapsedMs)} ms`,
      )
    } catch (error) {
      if (!(error instanceof PopulationImportError)) throw error
      failed.push(error.message)
      log(`Not imported, nothing changed: ${error.message}`)
    }
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
