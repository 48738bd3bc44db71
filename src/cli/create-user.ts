import { randomBytes } from 'node:crypto'
import type { Command } from 'commander'
import { ROLES } from '../domain/staff/roles.ts'
import { type CliContext, cliActor } from './context.ts'

export function register(program: Command, context: CliContext) {
  program
    .command('create-user')
    .description('create a staff account; prints a generated password unless --password-stdin is given')
    .requiredOption('--email <email>', 'sign-in email address')
    .requiredOption('--name <name>', 'the person’s name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--team <team>', 'team name (see the Users and teams page)')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(
      async (options: {
        email: string
        name: string
        role: string
        team?: string
        passwordStdin?: boolean
      }) => {
        const password = options.passwordStdin
          ? (await readStdin()).trim()
          : randomBytes(12).toString('base64url')
        await context.withServices(async (services) => {
          const id = await services.accounts.createUser(
            {
              email: options.email,
              displayName: options.name,
              role: options.role,
              teamName: options.team,
              password,
            },
            cliActor(),
          )
          console.log(`Created ${options.role} ${options.email} (id ${id})`)
          if (!options.passwordStdin) console.log(`Password (shown once): ${password}`)
        })
      },
    )
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
