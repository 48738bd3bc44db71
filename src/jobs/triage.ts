// Triage safety net in the web process: every accepted referral without a triage row is triaged
// within a few seconds, whichever way it arrived (feed import, API, data quality release, self-referral).
import type { Services } from '../services/index.ts'

export const TRIAGE_INTERVAL_MS = 5_000

/** Starts the timer; returns a function that stops it and waits for a run in progress. */
export function startTriageJob(
  services: Pick<Services, 'triage'>,
  log: { error: (obj: unknown, msg: string) => void },
  intervalMs = TRIAGE_INTERVAL_MS,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve()
  let stopped = false
  const tick = () => {
    running = services.triage
      .triagePending()
      .catch((error: unknown) => log.error({ err: error }, 'triage of pending referrals failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs)
      })
  }
  let timer = setTimeout(tick, 0)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
  }
}
