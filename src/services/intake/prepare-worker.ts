// Runs in a worker thread (started by file-chunks.ts): reads a feed file and does the pure per-record
// work (parse, checks, fingerprint, blocking keys) one chunk ahead of the main thread, which decides and
// writes. The two overlap on two cores. Records come back in file order, numbered from 1.
import { randomUUID } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import { prepareChunk } from '../../domain/intake/prepare.ts'
import type { IntakeItem } from '../../domain/intake/records.ts'
import { type FeedFormat, FileRefusedError, readFeedFile } from './readers.ts'

export interface PrepareWorkerData {
  path: string
  format: FeedFormat
  chunkSize: number
  /** Records already stored by an earlier run of the same batch: read past, not prepared. */
  skip: number
}

/** Main thread → worker: prepare the next chunk as received at `receivedAt` (ms since the epoch). */
export interface NextChunkRequest {
  receivedAt: number
}

export type PrepareWorkerReply =
  | { kind: 'chunk'; prepared: ReturnType<typeof prepareChunk> }
  | { kind: 'done' }
  | { kind: 'refused'; line: number | null; problem: string }
  | { kind: 'failed'; message: string; stack?: string }

const { path, format, chunkSize, skip } = workerData as PrepareWorkerData
const port = parentPort
if (!port) throw new Error('prepare-worker.ts runs only as a worker thread')

const records = readFeedFile(path, format)[Symbol.asyncIterator]()
let recordNumber = 0

async function nextItems(): Promise<IntakeItem[]> {
  const items: IntakeItem[] = []
  while (items.length < chunkSize) {
    const next = await records.next()
    if (next.done) break
    recordNumber++
    if (recordNumber <= skip) continue
    items.push({ recordNumber, input: next.value })
  }
  return items
}

// Requests are answered one at a time, in order, so chunks never overtake each other.
let queue: Promise<void> = Promise.resolve()
port.on('message', (request: NextChunkRequest) => {
  queue = queue.then(async () => {
    let reply: PrepareWorkerReply
    try {
      const items = await nextItems()
      reply =
        items.length === 0
          ? { kind: 'done' }
          : { kind: 'chunk', prepared: prepareChunk(items, new Date(request.receivedAt), randomUUID) }
    } catch (error) {
      reply =
        error instanceof FileRefusedError
          ? { kind: 'refused', line: error.line, problem: error.problem }
          : { kind: 'failed', message: (error as Error).message, stack: (error as Error).stack }
    }
    port.postMessage(reply)
  })
})
