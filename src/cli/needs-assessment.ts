import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { parseAssumptionArgs, roundForJson } from '../domain/commissioning/index.ts'
import { reportCsv } from '../reports/commissioning/needs-assessment/csv.ts'
import { renderStandaloneHtml } from '../reports/commissioning/needs-assessment/render.ts'
import {
  AssumptionError,
  type CommissioningService,
  ReportRequestError,
} from '../services/commissioning/index.ts'
import { type CliContext, CliError } from './context.ts'

export interface NeedsAssessmentOptions {
  force: string
  from: string
  to: string
  json?: boolean
  out?: string
  csv?: string
  assume?: string[]
  write?: (text: string) => void
}

export async function needsAssessmentCommand(
  commissioning: CommissioningService,
  options: NeedsAssessmentOptions,
) {
  const write = options.write ?? ((text: string) => process.stdout.write(text))
  if (!options.json && !options.out && !options.csv)
    throw new CliError('give --out FILE.html, --csv FILE or --json', 2)
  let assumptions: Record<string, string>
  try {
    assumptions = parseAssumptionArgs(options.assume ?? [])
  } catch (error) {
    throw new CliError((error as Error).message, 2)
  }
  try {
    const { report, timings } = await commissioning.needsAssessment({
      force: options.force,
      from: options.from,
      to: options.to,
      assumptions,
    })
    if (options.out || options.csv) {
      const { html, view } = await renderStandaloneHtml(report)
      if (options.out) await writeFile(options.out, html)
      if (options.csv) await writeFile(options.csv, reportCsv(view))
    }
    if (options.json) write(`${JSON.stringify(roundForJson(report), null, 2)}\n`)
    return { report, timings }
  } catch (error) {
    if (error instanceof ReportRequestError || error instanceof AssumptionError) {
      throw new CliError(error.message, 2)
    }
    throw error
  }
}

export function register(program: Command, context: CliContext) {
  program
    .command('needs-assessment')
    .description("the county's victim needs assessment from imported police.uk and ONS data")
    .requiredOption('--force <name>', 'police force, e.g. Warwickshire')
    .requiredOption('--from <YYYY-MM>', 'first month')
    .requiredOption('--to <YYYY-MM>', 'last month')
    .option('--json', 'print every figure as JSON to standard output')
    .option('--out <file.html>', 'write the report as one self-contained HTML file (prints to PDF)')
    .option('--csv <file.csv>', 'write every table as CSV')
    .option('--assume <key=value...>', 'change an assumption, e.g. --assume repeatVictimShare=0.25')
    .action(async (opts: NeedsAssessmentOptions) => {
      await context.withServices(async (services) => {
        const { timings } = await needsAssessmentCommand(services.commissioning, opts)
        if (opts.out) {
          process.stderr.write(
            `Wrote ${opts.out} (queries ${Math.round(timings.queriesMs)} ms, methods ${Math.round(timings.domainMs)} ms)\n`,
          )
        }
      })
    })
}
