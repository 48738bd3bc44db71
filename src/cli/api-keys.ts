import type { Command } from 'commander'
import { type CliContext, CliError, cliActor } from './context.ts'

export function register(program: Command, context: CliContext) {
  const keys = program
    .command('api-key')
    .description('keys for police forces and partner systems to call the API')
  keys
    .command('create')
    .description('make a key for an organisation; the key is printed once')
    .requiredOption('--organisation <name>', 'organisation name')
    .requiredOption('--label <label>', 'which system uses it, e.g. "County Police referral feed"')
    .option('--scopes <scopes>', 'comma-separated: referrals, case-events', 'referrals')
    .action(async (options: { organisation: string; label: string; scopes: string }) => {
      await context.withServices(async (services) => {
        const scopes = options.scopes
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
        const created = await services.apiKeys.create(
          { organisation: options.organisation, label: options.label, scopes },
          cliActor(),
        )
        console.log(
          `Key ${created.id} for ${options.organisation} (${scopes.join(', ')}). Store it now; it is not shown again:`,
        )
        console.log(created.key)
      })
    })
  keys
    .command('revoke <id>')
    .description('stop a key working at once')
    .action(async (id: string) => {
      await context.withServices(async (services) => {
        if (!(await services.apiKeys.revoke(id, cliActor())))
          throw new CliError(`No active key with id ${id}`)
        console.log(`Key ${id} revoked`)
      })
    })
  keys
    .command('list')
    .description('list keys (never their secrets)')
    .action(async () => {
      await context.withServices(async (services) => {
        for (const key of await services.apiKeys.list()) {
          console.log(
            [
              key.id,
              key.organisationName,
              key.label,
              key.scopes.join(','),
              key.revokedAt ? 'revoked' : 'active',
            ].join('\t'),
          )
        }
      })
    })
}
