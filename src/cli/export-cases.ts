import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import { parseDateTime } from '../domain/referral-feed/index.ts'
import { type CliContext, CliError } from './context.ts'
import { exportCommand } from './import.ts'

export function register(program: Command, context: CliContext) {
  exportCommand(program)
    .command('cases')
    .description(
      'write every case with its referrals, state, first contact and contact attempts, one JSON object a line',
    )
    .option(
      '--since <date>',
      'only cases opened or changed on or after this date or date-time (Europe/London)',
    )
    .option('--format <format>', 'jsonl (the only format)', 'jsonl')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { since?: string; format: string; out?: string }) => {
      if (opts.format !== 'jsonl') throw new CliError(`--format must be jsonl (got "${opts.format}")`, 2)
      const since = opts.since === undefined ? null : parseDateTime(opts.since.trim())
      if (opts.since !== undefined && since === null) {
        throw new CliError(`--since must be a date (YYYY-MM-DD) or date-time (got "${opts.since}")`, 2)
      }
      await context.withServices(async (services) => {
        const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout
        let count = 0
        for await (const record of services.cases.exportCases({ since })) {
          count++
          if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain')
        }
        if (opts.out) {
          out.end()
          await once(out, 'finish')
          process.stderr.write(`${count} cases written to ${opts.out}\n`)
        }
      })
    })
}
