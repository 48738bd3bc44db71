import type { Command } from 'commander'
import pino from 'pino'
import { onStopSignal } from '../db/embedded.ts'
import { backgroundJobNames, startBackgroundWork } from '../jobs/background.ts'
import type { CliContext } from './context.ts'

/**
 * `victim-hub worker`: a process that runs the hub's background work and serves no pages, for hubs that
 * run their web processes with VICTIM_HUB_WORKER=false (docs/operations.md). It runs until SIGTERM or
 * SIGINT, then lets the runs in progress finish, checkpoints the audit log once more and exits 0.
 */
export function register(program: Command, context: CliContext) {
  program
    .command('worker')
    .description(
      'run only the background jobs (triage of new referrals, purging sessions, the audit checkpoint) until stopped; for web processes run with VICTIM_HUB_WORKER=false',
    )
    .action(async () => {
      const log = pino({ name: 'victim-hub-worker', level: context.config().logLevel })
      await context.withServices(async (services, database) => {
        const stopSignal = new Promise<NodeJS.Signals>((resolve) => onStopSignal(resolve))
        const stop = await startBackgroundWork(services, database.url, log)
        log.info(
          {
            jobs: backgroundJobNames(),
            database: database.embedded ? 'embedded' : 'server',
            auditCheckpoint: services.config.auditCheckpointFile ?? null,
          },
          'worker ready',
        )
        const signal = await stopSignal
        log.info({ signal }, 'worker stopping; runs in progress finish first')
        await stop()
        log.info('worker stopped')
      })
    })
}
