import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import { describeDatabaseError } from '../db/database.ts'
import type { Services } from '../services/index.ts'
import type { JobDefinition } from './job.ts'
import { outboxJob } from './outbox.ts'
import { purgeExpiredSessionsJob } from './sessions.ts'
import { triagePendingJob } from './triage.ts'

// PostgreSQL's "admin shutdown", "crash shutdown" and "cannot connect now", and a socket that closed.
const isConnectionLost = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code
  return (
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    /Connection terminated|ECONNRESET/.test(error instanceof Error ? error.message : '')
  )
}

/** Every background job the hub runs. */
export const JOBS: readonly JobDefinition[] = [purgeExpiredSessionsJob, triagePendingJob, outboxJob]

/**
 * Starts pg-boss on the hub's own database (no extra server), makes each job's queue and schedule, and
 * works them. Several hub processes may run workers: pg-boss gives each job to exactly one of them, and
 * a `stately` queue never has two runs at once. Returns a function that stops the worker, letting a run
 * in progress finish.
 */
export async function startWorker(
  services: Services,
  databaseUrl: string,
  log: Logger,
): Promise<() => Promise<void>> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, application_name: 'victim-hub-worker' })
  // pg-boss reports its own pool's lost connections here, and opens new ones itself.
  boss.on('error', (error) =>
    isConnectionLost(error)
      ? log.warn(
          { err: describeDatabaseError(error) },
          'database connection lost by the job queue; it reconnects',
        )
      : log.error({ err: describeDatabaseError(error) }, 'job queue error'),
  )
  await boss.start()
  for (const job of JOBS) {
    const queue = {
      name: job.name,
      policy: job.policy,
      retryLimit: job.retryLimit,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: job.expireInSeconds,
    }
    // Made once; updated at every start so that a setting changed in the code reaches an existing queue.
    await boss.createQueue(job.name, queue)
    await boss.updateQueue(job.name, queue)
    await boss.schedule(job.name, job.cron)
    await boss.work(job.name, async () => {
      const result = await job.run(services).catch((error: unknown) => {
        log.error({ err: error, job: job.name }, 'job failed; it is retried')
        throw error
      })
      log[job.didWork && !job.didWork(result) ? 'debug' : 'info']({ job: job.name, result }, 'job finished')
      if (job.nextRunInSeconds) {
        // Refused by a stately queue when a run is already waiting: that one is the next run.
        await boss.send(job.name, {}, { startAfter: job.nextRunInSeconds(result) })
      }
      // pg-boss keeps the result with the job (pgboss.job.output), where a run can be looked up.
      return result
    })
    // Work that follows within seconds starts now rather than at the next cron minute.
    if (job.nextRunInSeconds) await boss.send(job.name, {})
  }
  return async () => {
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
  }
}
