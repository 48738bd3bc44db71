import type { Command } from 'commander'
import { type CliContext, CliError, cliActor } from './context.ts'

const collect = (value: string, previous: string[]) => [...previous, value]

export function register(program: Command, context: CliContext) {
  const sso = program
    .command('sso')
    .description('identity providers (OpenID Connect) whose staff sign in with their organisation’s account')
  sso
    .command('add')
    .description('trust an organisation’s provider; the client secret is read from an environment variable')
    .requiredOption('--organisation <name>', 'the organisation whose staff sign in with it')
    .requiredOption('--name <short-name>', 'short name in the sign-in address /sign-in/sso/<short-name>')
    .requiredOption(
      '--issuer <url>',
      'the provider’s issuer, e.g. https://login.microsoftonline.com/<tenant>/v2.0',
    )
    .requiredOption('--client-id <id>', 'the client id the provider gave the hub')
    .option(
      '--client-secret-env <variable>',
      'the environment variable holding the client secret',
      'SSO_CLIENT_SECRET',
    )
    .option('--display-name <text>', 'what the sign-in page calls it, e.g. "County Police account"')
    .option('--role-claim <claim>', 'the claim whose values give a new account its role', 'groups')
    .option(
      '--map <value=role:Team>',
      'a claim value and the role (and team) it gives; repeat, first match wins',
      collect,
      [],
    )
    .option(
      '--create-accounts',
      'make an account at a person’s first sign-in (otherwise match by verified email)',
    )
    .action(
      async (options: {
        organisation: string
        name: string
        issuer: string
        clientId: string
        clientSecretEnv: string
        displayName?: string
        roleClaim: string
        map: string[]
        createAccounts?: boolean
      }) => {
        const clientSecret = process.env[options.clientSecretEnv]
        if (!clientSecret) throw new CliError(`Set the client secret in ${options.clientSecretEnv} first`)
        await context.withServices(async (services) => {
          await services.singleSignOn.add(
            {
              organisation: options.organisation,
              slug: options.name,
              displayName: options.displayName ?? `${options.organisation} account`,
              issuer: options.issuer,
              clientId: options.clientId,
              clientSecret,
              roleClaim: options.roleClaim,
              roleMappings: options.map,
              createAccounts: options.createAccounts === true,
            },
            cliActor(),
          )
          console.log(
            `Staff of ${options.organisation} can now sign in at /sign-in/sso/${options.name}. ` +
              'Register this redirect address with the provider: <VICTIM_HUB_PUBLIC_URL>' +
              `/sign-in/sso/${options.name}/callback`,
          )
        })
      },
    )
  sso
    .command('list')
    .description('the providers the sign-in page offers')
    .action(async () => {
      await context.withServices(async (services) => {
        for (const p of await services.singleSignOn.list())
          console.log([p.slug, p.organisationName, p.displayName].join('\t'))
      })
    })
}
