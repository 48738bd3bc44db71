// The outbox job: sends the messages actions have written to the outbox (with retries and backoff per
// message), and reads back what GOV.UK Notify says became of those it took. One run at a time across
// every hub process; a run that fills its batch is followed at once.
import type { Services } from '../services/index.ts'
import { defineJob } from './job.ts'

/** Seconds between runs when the outbox is empty: a message waits a few seconds at most. */
export const OUTBOX_INTERVAL_SECONDS = 5

export const outboxJob = defineJob({
  name: 'outbox-send',
  run: (services: Services) => services.outbox.run(),
  policy: 'stately',
  cron: '* * * * *',
  nextRunInSeconds: (result) => (result.more ? 0 : OUTBOX_INTERVAL_SECONDS),
  expireInSeconds: 5 * 60,
  retryLimit: 3,
  didWork: (result) => result.sent + result.kept + result.failed + result.refused + result.retried > 0,
})
