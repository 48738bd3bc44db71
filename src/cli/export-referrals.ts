import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import { parseDateTime } from '../domain/referral-feed/index.ts'
import { type CliContext, CliError } from './context.ts'
import { exportCommand } from './import.ts'
import { NO_PROGRESS, startProgress } from './progress.ts'

export function register(program: Command, context: CliContext) {
  exportCommand(program)
    .command('referrals')
    .description(
      'write every received referral record (resends included) with its outcome, one JSON object a line',
    )
    .option('--since <date>', 'only records received on or after this date or date-time (Europe/London)')
    .option('--format <format>', 'jsonl (the only format)', 'jsonl')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { since?: string; format: string; out?: string }) => {
      if (opts.format !== 'jsonl') throw new CliError(`--format must be jsonl (got "${opts.format}")`, 2)
      const since = opts.since === undefined ? null : parseDateTime(opts.since.trim())
      if (opts.since !== undefined && since === null) {
        throw new CliError(`--since must be a date (YYYY-MM-DD) or date-time (got "${opts.since}")`, 2)
      }
      await context.withServices(async (services) => {
        // Triage normally follows intake within seconds; make sure nothing accepted is exported untriaged.
        await services.triage.triagePending()
        const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout
        // Progress only when the records go to a file: on standard output they are the output.
        const progress = opts.out ? startProgress('Exporting', 'records', null) : NO_PROGRESS
        let count = 0
        try {
          for await (const record of services.intake.exportRecords({ since })) {
            count++
            if (count % 1000 === 0) progress.update(count)
            if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain')
          }
        } finally {
          progress.stop()
        }
        if (opts.out) {
          out.end()
          await once(out, 'finish')
          process.stderr.write(`${count} records written to ${opts.out}\n`)
        }
      })
    })
}
