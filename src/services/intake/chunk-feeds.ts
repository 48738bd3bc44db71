// Where `receive` gets its prepared chunks from: records handed over in memory (API, forms, tests), or a
// feed file read and prepared by a worker thread so that the checks run on one core while the main
// thread decides, matches and writes on the other.
import { randomUUID } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import { type Prepared, prepareChunk } from '../../domain/intake/prepare.ts'
import { type IntakeItem, UnreadableRecord } from '../../domain/intake/records.ts'
import type { NextChunkRequest, PrepareWorkerData, PrepareWorkerReply } from './prepare-worker.ts'
import { type FeedFormat, FileRefusedError } from './readers.ts'

/** Prepared chunks in record order; `next` returns null once every record has been handed out. */
export interface ChunkFeed {
  /** The next chunk, prepared as received at `receivedAt`. */
  next(receivedAt: Date): Promise<Prepared[] | null>
  close(): Promise<void>
}

function toItem(recordNumber: number, value: unknown): IntakeItem {
  if (value instanceof UnreadableRecord) return { recordNumber, input: value }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { recordNumber, input: value as Record<string, unknown> }
  }
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    // Nested too deep to write out (or holding a BigInt): say so rather than fail the batch.
    text = Array.isArray(value) ? '[a list nested too deep to show]' : typeof value
  }
  return { recordNumber, input: new UnreadableRecord(text, 'is not a JSON object') }
}

/** Records already in memory (or streamed by the caller), prepared on this thread. */
export function iterableChunkFeed(
  records: AsyncIterable<unknown> | Iterable<unknown>,
  options: { skip: number; chunkSize: number },
): ChunkFeed {
  const iterator =
    Symbol.asyncIterator in records
      ? (records as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (records as Iterable<unknown>)[Symbol.iterator]()
  let recordNumber = 0
  return {
    async next(receivedAt) {
      const items: IntakeItem[] = []
      while (items.length < options.chunkSize) {
        const next = await iterator.next()
        if (next.done) break
        recordNumber++
        if (recordNumber <= options.skip) continue
        items.push(toItem(recordNumber, next.value))
      }
      return items.length === 0 ? null : prepareChunk(items, receivedAt, randomUUID)
    },
    async close() {
      await iterator.return?.()
    },
  }
}

const PREPARE_WORKER_HEAP_MB = 96

/** A feed file read and prepared by a worker thread; a file that cannot be read is FileRefusedError. */
export function fileChunkFeed(
  path: string,
  format: FeedFormat,
  options: { skip: number; chunkSize: number },
): ChunkFeed {
  const data: PrepareWorkerData = { path, format, chunkSize: options.chunkSize, skip: options.skip }
  const worker = new Worker(new URL('./prepare-worker.js', import.meta.url), {
    workerData: data,
    // Its live data is one chunk; a cap makes it collect garbage as it goes instead of growing.
    resourceLimits: { maxOldGenerationSizeMb: PREPARE_WORKER_HEAP_MB },
  })
  let failure: Error | null = null
  const waiting: ((reply: PrepareWorkerReply) => void)[] = []
  worker.on('message', (reply: PrepareWorkerReply) => waiting.shift()?.(reply))
  const fail = (error: Error) => {
    failure = error
    for (const resolve of waiting.splice(0)) resolve({ kind: 'failed', message: error.message })
  }
  worker.on('error', fail)
  worker.on('exit', (code) => {
    if (waiting.length > 0) fail(new Error(`the prepare worker stopped (exit code ${code})`))
  })
  let finished = false
  return {
    async next(receivedAt) {
      if (finished) return null
      if (failure) throw failure
      const reply = await new Promise<PrepareWorkerReply>((resolve) => {
        waiting.push(resolve)
        const request: NextChunkRequest = { receivedAt: receivedAt.getTime() }
        worker.postMessage(request)
      })
      switch (reply.kind) {
        case 'chunk':
          return reply.prepared
        case 'done':
          finished = true
          return null
        case 'refused':
          throw new FileRefusedError(reply.line, reply.problem)
        case 'failed': {
          const error = new Error(reply.message)
          if (reply.stack) error.stack = reply.stack
          throw error
        }
      }
    },
    async close() {
      await worker.terminate()
    },
  }
}
