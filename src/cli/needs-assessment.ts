import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import type pg from 'pg'
import { parseAssumptionArgs, roundForJson } from '../domain/needs-assessment/index.ts'
import { buildReport, ReportRequestError } from '../services/needs-assessment/report.ts'
import { reportCsv } from '../web/reports/needs-assessment-view.ts'
import { renderStandaloneHtml } from '../web/reports/render.ts'
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

export async function needsAssessmentCommand(pool: pg.Pool, options: NeedsAssessmentOptions) {
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
    const { report, timings } = await buildReport(pool, {
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
    if (error instanceof ReportRequestError || (error as Error).message.startsWith('Invalid assumptions')) {
      throw new CliError((error as Error).message, 2)
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
      await context.withServices(async (_services, database) => {
        const { timings } = await needsAssessmentCommand(database.pool, opts)
        if (opts.out) {
          process.stderr.write(
            `Wrote ${opts.out} (queries ${Math.round(timings.queriesMs)} ms, methods ${Math.round(timings.domainMs)} ms)\n`,
          )
        }
      })
    })
}
