import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Command } from 'commander'
import type { CaseEventReconciliation } from '../services/case-events/index.ts'
import type { Services } from '../services/index.ts'
import { type FeedFormat, FileRefusedError, formatFromName, inspectFile } from '../services/intake/index.ts'
import { type CliContext, CliError, cliActor } from './context.ts'
import { importCommand } from './import.ts'

export type CaseEventFileResult =
  | { file: string; status: 'imported'; format: FeedFormat; reconciliation: CaseEventReconciliation }
  | { file: string; status: 'refused'; line: number | null; error: string }

/**
 * Imports each case events file: one pass checks the whole file can be read (and takes its sha256, the
 * batch's idempotency key), the second feeds it through the case events service. A refused file
 * changes nothing; re-importing a file replays its stored result.
 */
export async function importCaseEventFiles(
  services: Services,
  files: readonly string[],
  options: { format?: string; organisation?: string },
): Promise<CaseEventFileResult[]> {
  if (options.format !== undefined && options.format !== 'csv' && options.format !== 'jsonl') {
    throw new CliError(`--format must be csv or jsonl (got "${options.format}")`, 2)
  }
  const organisation = await services.intake.organisationForImport(options.organisation)
  const results: CaseEventFileResult[] = []
  for (const file of files) {
    const info = await stat(file).catch(() => undefined)
    if (!info?.isFile()) {
      results.push({ file, status: 'refused', line: null, error: 'no such file' })
      continue
    }
    const format = (options.format as FeedFormat | undefined) ?? formatFromName(file)
    if (!format) {
      results.push({
        file,
        status: 'refused',
        line: null,
        error: 'cannot tell the format from the name: use --format csv or --format jsonl',
      })
      continue
    }
    try {
      const { sha256 } = await inspectFile(file, format)
      const reconciliation = await services.caseEvents.receiveFile(
        file,
        format,
        {
          organisationId: organisation?.id ?? null,
          fileName: basename(file),
          idempotencyKey: `sha256:${sha256}`,
        },
        cliActor(),
        { includeRecords: false },
      )
      results.push({ file, status: 'imported', format, reconciliation })
    } catch (error) {
      if (!(error instanceof FileRefusedError)) throw error
      results.push({ file, status: 'refused', line: error.line, error: error.problem })
    }
  }
  return results
}

export function formatCaseEventResults(results: readonly CaseEventFileResult[]): string {
  const lines: string[] = []
  for (const r of results) {
    if (r.status === 'refused') {
      lines.push(
        `${r.file}: refused, nothing imported: ${r.line === null ? '' : `line ${r.line}: `}${r.error}`,
      )
      continue
    }
    const c = r.reconciliation
    const note = c.replayed
      ? ` (already imported${c.finishedAt ? ` ${c.finishedAt}` : ''}: nothing changed)`
      : c.resumed
        ? ' (carried on from where an earlier run stopped)'
        : ''
    lines.push(`${r.file}: batch ${c.batchId}${note}`)
    for (const [label, n] of [
      ['received', c.received],
      ['accepted', c.accepted],
      ['held', c.held],
      ['duplicate', c.duplicate],
      ['quarantined', c.quarantined],
    ] as const) {
      lines.push(`  ${label.padEnd(16)}${String(n).padStart(9)}`)
    }
  }
  return lines.join('\n')
}

export function register(program: Command, context: CliContext) {
  importCommand(program)
    .command('case-events')
    .description(
      'import police case events files (CSV or JSON Lines); every event is accounted for, and re-sending an event_id changes nothing',
    )
    .argument('<files...>', 'case events files (.csv, .jsonl)')
    .option('--format <format>', 'csv or jsonl (default: from each file name)')
    .option('--json', 'print the reconciliation as JSON')
    .option(
      '--organisation <name>',
      'the sending police force (default: the only police force, if there is one)',
    )
    .action(async (files: string[], opts: { format?: string; json?: boolean; organisation?: string }) => {
      const results = await context.withServices((services) => importCaseEventFiles(services, files, opts))
      process.stdout.write(
        `${opts.json ? JSON.stringify(results, null, 2) : formatCaseEventResults(results)}\n`,
      )
      if (results.some((r) => r.status === 'refused')) throw new CliError('some files were refused', 2)
    })
}
