// Triage safety net: every accepted referral without a triage row is triaged within a few seconds,
// whichever way it arrived (feed import, API, data quality release, self-referral). One run at a time
// across every hub process (docs/adr/0015-triage-runs-as-a-queued-job.md).
import type { Services } from '../services/index.ts'
import { defineJob } from './job.ts'

/** Seconds from the end of one run to the start of the next, when the last run found the backlog done. */
export const TRIAGE_INTERVAL_SECONDS = 5

/**
 * Batches of 2,000 one run triages at most (a few seconds of work): a large backlog is carried on by the
 * next run straight away, so a run never holds the queue for long and a stopping hub finishes its run.
 */
export const TRIAGE_BATCHES_PER_RUN = 10

export const triagePendingJob = defineJob({
  name: 'triage-pending',
  run: (services: Services) => services.triage.triagePending({ maxBatches: TRIAGE_BATCHES_PER_RUN }),
  policy: 'stately',
  cron: '* * * * *',
  nextRunInSeconds: (result) => (result.more ? 0 : TRIAGE_INTERVAL_SECONDS),
  // Far above one run's few seconds; also how long a run lost with a crashed process holds the queue.
  expireInSeconds: 5 * 60,
  retryLimit: 3,
  didWork: (result) => result.triaged > 0,
})
