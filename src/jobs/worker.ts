import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Services } from '../services/index.ts'

/** A recurring job: a thin call into a service, run by whichever hub process picks it up first. */
export type ScheduledJob = {
  name: string
  /** Standard five-field cron, in UTC. */
  cron: string
  run: (services: Services) => Promise<unknown>
}

const JOBS: ScheduledJob[] = [
  {
    name: 'purge-expired-sessions',
    cron: '*/15 * * * *',
    run: (services) => services.sessions.purgeExpired(),
  },
]

/**
 * Starts pg-boss on the hub's own database (no extra server) and schedules the recurring jobs. Several
 * hub processes may run workers: pg-boss gives each job to exactly one of them.
 */
export async function startWorker(
  services: Services,
  databaseUrl: string,
  log: Logger,
): Promise<() => Promise<void>> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, application_name: 'victim-hub-worker' })
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'))
  await boss.start()
  for (const job of JOBS) {
    await boss.createQueue(job.name)
    await boss.schedule(job.name, job.cron)
    await boss.work(job.name, async () => {
      const result = await job.run(services)
      log.info({ job: job.name, result }, 'job finished')
    })
  }
  return async () => {
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
  }
}
