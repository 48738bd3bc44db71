import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Command } from 'commander'
import type { Services } from '../services/index.ts'
import {
  type FeedFormat,
  FileRefusedError,
  formatFromName,
  inspectFile,
  type Reconciliation,
} from '../services/intake/index.ts'
import { type CliContext, CliError, cliActor } from './context.ts'
import { importCommand } from './import.ts'
import { type Progress, startProgress } from './progress.ts'

export type FileResult =
  | { file: string; status: 'imported'; format: FeedFormat; reconciliation: Reconciliation }
  | { file: string; status: 'refused'; line: number | null; error: string }

/**
 * Imports each file: one pass checks the whole file can be read (and takes its sha256, the batch's
 * idempotency key), the second feeds it through intake. A refused file changes nothing; re-importing
 * a file replays its stored result; a run stopped part-way is carried on by the next.
 */
export async function importReferralFiles(
  services: Services,
  files: readonly string[],
  options: { format?: string; organisation?: string; json?: boolean },
): Promise<FileResult[]> {
  if (options.format !== undefined && options.format !== 'csv' && options.format !== 'jsonl') {
    throw new CliError(`--format must be csv or jsonl (got "${options.format}")`, 2)
  }
  const organisation = await services.intake.organisationForImport(options.organisation)
  const results: FileResult[] = []
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
    // Two passes, each with its bar: checking the whole file reads (by bytes), then importing its records.
    let progress: Progress = startProgress(`Checking ${basename(file)}`, 'bytes', info.size, options)
    try {
      const { sha256, records } = await inspectFile(file, format, (bytes) => progress.update(bytes))
      progress.stop()
      progress = startProgress(basename(file), 'records', records, options)
      const reconciliation = await services.intake.receiveFile(
        file,
        format,
        {
          kind: 'police_feed',
          organisationId: organisation?.id ?? null,
          fileName: basename(file),
          idempotencyKey: `sha256:${sha256}`,
        },
        cliActor(),
        { includeRecords: false, afterChunk: (_chunk, done) => progress.update(done) },
      )
      results.push({ file, status: 'imported', format, reconciliation })
    } catch (error) {
      if (!(error instanceof FileRefusedError)) throw error
      results.push({ file, status: 'refused', line: error.line, error: error.problem })
    } finally {
      progress.stop()
    }
  }
  return results
}

export function formatResults(results: readonly FileResult[]): string {
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
      ['duplicate', c.duplicate],
      ['quarantined', c.quarantined],
      ['consent_refused', c.consent_refused],
    ] as const) {
      lines.push(`  ${label.padEnd(16)}${String(n).padStart(9)}`)
    }
  }
  return lines.join('\n')
}

export function register(program: Command, context: CliContext) {
  importCommand(program)
    .command('referrals')
    .description(
      'import police referral feed files (CSV or JSON Lines); every record is accounted for, and re-importing a file changes nothing',
    )
    .argument('<files...>', 'feed files (.csv, .jsonl)')
    .option('--format <format>', 'csv or jsonl (default: from each file name)')
    .option('--json', 'print the reconciliation as JSON')
    .option(
      '--organisation <name>',
      'the sending organisation (default: the only police force, if there is one)',
    )
    .action(async (files: string[], opts: { format?: string; json?: boolean; organisation?: string }) => {
      const results = await context.withServices((services) => importReferralFiles(services, files, opts))
      process.stdout.write(`${opts.json ? JSON.stringify(results, null, 2) : formatResults(results)}\n`)
      // Exit 2 when any file was refused whole; the others were still imported.
      if (results.some((r) => r.status === 'refused')) throw new CliError('some files were refused', 2)
    })
}
