// Keeps the audit log's checkpoint (outside the database) at the chain's end: at start-up, every
// half-minute and at shutdown. A chain that no longer reaches the checkpoint is logged as an error each
// time it is found, and the checkpoint is left as it was, as the evidence.
import type { Services } from '../services/index.ts'

export const AUDIT_CHECKPOINT_INTERVAL_MS = 30_000

type Log = { error: (obj: unknown, msg: string) => void }

/** Starts the timer; returns a function that stops it after one last checkpoint. */
export function startAuditCheckpointJob(
  services: Pick<Services, 'audit'>,
  log: Log,
  intervalMs = AUDIT_CHECKPOINT_INTERVAL_MS,
): () => Promise<void> {
  let stopped = false
  const once = () =>
    services.audit.checkpoint().then(
      (outcome) => {
        if (!outcome.ok)
          log.error({ problem: outcome.problem }, 'audit log cut off: run `victim-hub audit verify`')
      },
      (error: unknown) => log.error({ err: error }, 'audit checkpoint could not be written'),
    )
  let running = once()
  const tick = () => {
    running = once().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs)
    })
  }
  let timer = setTimeout(tick, intervalMs)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
    await once()
  }
}
