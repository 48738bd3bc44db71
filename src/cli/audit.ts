import type { Command } from 'commander'
import { type CliContext, CliError } from './context.ts'

export function register(program: Command, context: CliContext) {
  const audit = program.command('audit').description('the tamper-evident audit log')
  audit
    .command('verify')
    .description(
      'check every audit row against the hash chain and its end against the checkpoint; exit code 1 names the first broken or missing row',
    )
    .action(async () => {
      await context.withServices(async (services) => {
        const result = await services.audit.verify()
        if (result.ok) {
          console.log(`Audit log intact: ${result.checked} rows verified`)
          if (!result.endChecked)
            console.log(
              'Its end was not checked against a checkpoint: set VICTIM_HUB_AUDIT_CHECKPOINT to a file outside the database',
            )
          return
        }
        throw new CliError(
          `Audit log broken at row ${result.broken.id}: ${result.broken.problem} (${result.checked} rows before it verified)`,
        )
      })
    })
}
