// All the background work one hub process does: the queued jobs (worker.ts), and the audit log's
// checkpoint, which stays a timer of the process rather than a queued job because it writes to a file on
// this machine (VICTIM_HUB_AUDIT_CHECKPOINT): queued, it would run on whichever worker took it and leave
// the other machines' files behind (docs/adr/0032-web-processes-workers-and-a-read-replica.md).
// `npm start` runs this unless VICTIM_HUB_WORKER=false; `victim-hub worker` runs only this.
import type { Logger } from 'pino'
import type { Services } from '../services/index.ts'
import { startAuditCheckpointJob } from './audit-checkpoint.ts'
import { JOBS, startWorker } from './worker.ts'

/** The queues a process with background work works, for its start-up log line. */
export const backgroundJobNames = (): string[] => JOBS.map((job) => job.name)

/** Starts the jobs and the checkpoint timer; returns a function that stops both, letting runs finish. */
export async function startBackgroundWork(
  services: Services,
  databaseUrl: string,
  log: Logger,
): Promise<() => Promise<void>> {
  const stopCheckpoints = startAuditCheckpointJob(services, log)
  let stopWorker: () => Promise<void>
  try {
    stopWorker = await startWorker(services, databaseUrl, log)
  } catch (error) {
    await stopCheckpoints().catch(() => {})
    throw error
  }
  return async () => {
    await stopWorker().catch((error: unknown) => log.error({ err: error }, 'job worker did not stop cleanly'))
    await stopCheckpoints()
  }
}
