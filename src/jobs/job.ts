// What a background job is: a name, how its queue behaves, when it runs and a thin call into a service.
// Every piece of background work (triage, session purging, and the coming outbox, relays and reminders)
// is one of these, run by the one worker in worker.ts, so all of it is retried and watched the same way.
import type { Services } from '../services/index.ts'

export type JobDefinition<Result = unknown> = {
  /** The pg-boss queue name. */
  name: string
  /**
   * How the queue treats copies: `stately` keeps at most one run waiting and one running across every
   * hub process (a unique index in the database refuses a second), `standard` runs every job sent.
   */
  policy: 'standard' | 'stately'
  /** Standard five-field cron, in UTC: pg-boss sends the job once per due minute, whichever process. */
  cron: string
  /**
   * For work that should follow within seconds rather than minutes: after each successful run, how many
   * seconds until the next. The worker sends that run itself; the cron still sends one every minute,
   * should a run fail past its retries.
   */
  nextRunInSeconds?: (result: Result) => number
  /** How long one run may take before pg-boss counts it as failed and retries it. */
  expireInSeconds: number
  /** Retries of a failed run (5 seconds later, then longer each time) before it is left as failed. */
  retryLimit: number
  run: (services: Services) => Promise<Result>
  /** Whether a run did anything worth a log line at info level (else it is logged at debug). */
  didWork?: (result: Result) => boolean
}

/** Types a job definition by its result and hides that type, so jobs of every kind go in one list. */
export const defineJob = <Result>(job: JobDefinition<Result>): JobDefinition => job as JobDefinition
