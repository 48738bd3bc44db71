// Progress of a long command on a terminal: what is done, the rate and the time left, drawn on standard
// error by cli-progress and cleared when the work ends, so the command's own output is what stays.
// Nothing at all is drawn when the output is piped or redirected, or with --json: a script reading the
// output sees exactly what it would without a terminal.
import cliProgress from 'cli-progress'

export interface Progress {
  /** How many are done so far (a total given later replaces the one the bar started with). */
  update(done: number, total?: number): void
  stop(): void
}

/** Progress that draws nothing. */
export const NO_PROGRESS: Progress = { update() {}, stop() {} }

/** Whether progress is drawn: a person is watching (standard output and error are a terminal) and no --json. */
export const showsProgress = (options: { json?: boolean } = {}): boolean =>
  options.json !== true && process.stdout.isTTY === true && process.stderr.isTTY === true

const rate = (done: number, startedAt: number) => {
  const seconds = (Date.now() - startedAt) / 1000
  return seconds > 0 ? Math.round(done / seconds).toLocaleString('en-GB') : '–'
}

/**
 * A progress bar for `label`, counting `unit` (records, files) towards `total`, or a running count with
 * its rate when the total is not known. Bytes are shown as the part done.
 */
export function startProgress(
  label: string,
  unit: string,
  total: number | null,
  options: { json?: boolean } = {},
): Progress {
  if (!showsProgress(options)) return NO_PROGRESS
  const startedAt = Date.now()
  const format =
    total === null
      ? `${label} {value} ${unit} | {rate} ${unit}/s | {duration_formatted}`
      : unit === 'bytes'
        ? `${label} {bar} {percentage}% | time left {eta_formatted}`
        : `${label} {bar} {value}/{total} ${unit} | {rate} ${unit}/s | time left {eta_formatted}`
  const bar = new cliProgress.SingleBar(
    { format, stream: process.stderr, clearOnComplete: true, hideCursor: true, etaBuffer: 50, fps: 5 },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total ?? 0, 0, { rate: '–' })
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) bar.setTotal(newTotal)
      bar.update(done, { rate: rate(done, startedAt) })
    },
    stop() {
      bar.stop()
    },
  }
}
