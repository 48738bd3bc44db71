import type { Command } from 'commander'
import { resetDatabase } from '../db/reset.ts'
import { loadDemoData } from '../demo/load.ts'
import { type CliContext, CliError } from './context.ts'
import { startProgress } from './progress.ts'

export function register(program: Command, context: CliContext) {
  program
    .command('demo-data')
    .description('fill an empty database with the demo county; --reset wipes the database first')
    .option('--reset', 'delete ALL data and start again with a fresh demo county')
    .option('--seed <n>', 'seed for the synthetic referrals (same seed, same data)')
    .option('--referrals <n>', 'how many synthetic referrals to make')
    .action(async (options: { reset?: boolean; seed?: string; referrals?: string }) => {
      await context.withServices(async (services) => {
        if (options.reset) await resetDatabase(services.pool)
        const seed = options.seed === undefined ? services.config.demo.seed : Number(options.seed)
        const referrals =
          options.referrals === undefined ? services.config.demo.referrals : Number(options.referrals)
        if (!Number.isInteger(seed)) throw new CliError('--seed must be a whole number')
        if (!Number.isInteger(referrals) || referrals < 0)
          throw new CliError('--referrals must be a whole number')
        const progress = startProgress('Demo referrals', 'records', referrals)
        const result = await loadDemoData(services, {
          seed,
          referrals,
          onProgress: (done) => progress.update(done),
        }).finally(() => progress.stop())
        if (!result.credentials)
          throw new CliError('The database already has users; use --reset to start again')
        console.log('Demo county created. Accounts (shown once):')
        for (const c of result.credentials)
          console.log(`  ${c.role.padEnd(22)} ${c.email.padEnd(28)} ${c.password}`)
        console.log(`Synthetic referrals loaded: ${result.referralsLoaded}`)
      })
    })
}
