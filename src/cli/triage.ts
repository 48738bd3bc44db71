import type { Command } from 'commander'
import type { CliContext } from './context.ts'

export function register(program: Command, context: CliContext) {
  const triage = program.command('triage').description('triage and routing of accepted referrals')
  triage
    .command('pending')
    .description(
      'triage every accepted referral that has not been triaged yet (the web process does this too)',
    )
    .action(async () => {
      await context.withServices(async (services) => {
        const started = performance.now()
        const { triaged } = await services.triage.triagePending()
        console.log(`Triaged ${triaged} referrals in ${Math.round(performance.now() - started)} ms`)
      })
    })
}
