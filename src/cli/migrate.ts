import type { Command } from 'commander'
import { migrate } from '../db/migrate.ts'
import type { CliContext } from './context.ts'

export function register(program: Command, context: CliContext) {
  program
    .command('migrate')
    .description('apply any database migrations not yet applied (start-up does this too)')
    .action(async () => {
      await context.withServices(async (services) => {
        const result = await migrate(services.pool)
        console.log(
          result.applied.length === 0
            ? `Database is up to date (${result.alreadyApplied} migrations applied earlier)`
            : `Applied ${result.applied.length} migrations: ${result.applied.join(', ')}`,
        )
      })
    })
}
