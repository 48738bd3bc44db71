import type { Command } from 'commander'
import { SENDER_KINDS } from '../services/organisations.ts'
import { type CliContext, cliActor } from './context.ts'

const KIND_OPTION: Record<string, string> = { police: 'police', 'partner-agency': 'partner_agency' }

export function register(program: Command, context: CliContext) {
  const organisation = program
    .command('organisation')
    .description('the organisations that send referrals: police forces and partner agencies')
  organisation
    .command('create')
    .description('add a police force (with its force code) or a partner agency')
    .requiredOption('--name <name>', 'the organisation’s name, e.g. "Warwickshire Police"')
    .requiredOption('--kind <kind>', 'police or partner-agency')
    .option(
      '--force-code <code>',
      'a police force’s code, as its feed records carry it in force_code (e.g. WARKS)',
    )
    .option('--json', 'print the organisation as JSON')
    .action(async (options: { name: string; kind: string; forceCode?: string; json?: boolean }) => {
      await context.withServices(async (services) => {
        const created = await services.organisations.create(
          {
            name: options.name,
            kind: KIND_OPTION[options.kind] ?? options.kind,
            forceCode: options.forceCode,
          },
          cliActor(),
        )
        process.stdout.write(
          options.json
            ? `${JSON.stringify(created)}\n`
            : `Added ${created.name} (${SENDER_KINDS[created.kind as keyof typeof SENDER_KINDS]}${created.forceCode ? `, force code ${created.forceCode}` : ''}), id ${created.id}\n`,
        )
      })
    })
  organisation
    .command('list')
    .description('list every organisation with its kind and force code')
    .option('--json', 'print them as JSON')
    .action(async (options: { json?: boolean }) => {
      await context.withServices(async (services) => {
        const all = await services.organisations.list()
        if (options.json) {
          process.stdout.write(`${JSON.stringify(all, null, 2)}\n`)
          return
        }
        for (const o of all) process.stdout.write(`${[o.id, o.name, o.kind, o.forceCode ?? ''].join('\t')}\n`)
      })
    })
}
